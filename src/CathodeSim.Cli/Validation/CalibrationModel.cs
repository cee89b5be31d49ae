using CathodeSim.Analysis.Calibration;
using CathodeSim.Analysis.Impedance;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.IO.Config;
using CathodeSim.IO.Validation;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Cli.Validation;

/// <summary>
/// The model function of a calibration: parameter values to the simulated counterparts of every measured value. Each
/// evaluation loads the config with the parameters as overrides (so units and checks stay in the config loader) and
/// runs every simulation the data need, in parallel.
/// </summary>
internal sealed class CalibrationModel
{
    private readonly CalibrationDefinition _definition;
    private readonly List<Func<string[], double>> _simulations = [];
    private readonly ParallelOptions _parallel;

    public CalibrationModel(CalibrationDefinition definition, int parallelism, CancellationToken cancellation)
    {
        _definition = definition;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellation };
        var observations = new List<Observation>();
        foreach (var data in definition.Data)
        {
            switch (data)
            {
                case EisResistanceData eis:
                    foreach (var row in eis.Rows)
                    {
                        // One simulation per row serves all its quantities: the first quantity's slot runs it, the others read it.
                        var cache = new ResistanceCache(row.State, eis.Overrides, cancellation, Load);
                        foreach (var q in eis.Quantities)
                        {
                            double measured = row[q];
                            observations.Add(new Observation($"{eis.Cathode} {row.State} {q}", measured, eis.RelativeUncertainty * Math.Abs(measured)));
                            _simulations.Add(overrides => cache.Get(overrides)[q]);
                        }
                    }
                    break;
                case MetricData metric:
                    observations.Add(new Observation($"{metric.Label} ({metric.Measured.Unit})", metric.Measured.Value, metric.RelativeUncertainty * Math.Abs(metric.Measured.Value)));
                    _simulations.Add(overrides =>
                    {
                        var setup = Load([.. overrides, .. metric.Overrides]);
                        if (metric.Protocol is not null) setup = setup with { Protocol = metric.Protocol };
                        var result = new Simulator().Run(setup, null, cancellation);
                        if (!result.Diagnostics.Completed) return double.NaN;
                        return CaseMetrics.From(setup, result)[CaseMetrics.IndexOf(metric.Metric)];
                    });
                    break;
            }
        }
        Observations = observations;
    }

    /// <summary>The measured values, in model-output order.</summary>
    public IReadOnlyList<Observation> Observations { get; }

    /// <summary>Runs every simulation at <paramref name="parameters"/> (SI, in the definition's key order).</summary>
    public double[] Evaluate(double[] parameters)
    {
        string[] overrides = _definition.Keys.Select((k, i) => k.Override(parameters[i])).ToArray();
        var values = new double[_simulations.Count];
        Parallel.For(0, _simulations.Count, _parallel, i => values[i] = _simulations[i](overrides));
        return values;
    }

    private SimulationSetup Load(IEnumerable<string> overrides) => ConfigLoader.Load(_definition.ConfigPath, [.. _definition.Overrides, .. overrides]).Setup;

    /// <summary>The fitted resistances of one state, computed once per parameter point (several points run at once for a Jacobian).</summary>
    private sealed class ResistanceCache(InSituState state, IReadOnlyList<string> extra, CancellationToken cancellation, Func<IEnumerable<string>, SimulationSetup> load)
    {
        private const int Capacity = 32;
        private readonly Lock _gate = new();
        private readonly Dictionary<string, Lazy<InSituResistanceSet>> _values = new(StringComparer.Ordinal);

        public InSituResistanceSet Get(string[] overrides)
        {
            string key = string.Join("\n", overrides);
            Lazy<InSituResistanceSet>? value;
            lock (_gate)
            {
                if (!_values.TryGetValue(key, out value))
                {
                    if (_values.Count >= Capacity) _values.Clear();
                    value = new Lazy<InSituResistanceSet>(() => InSituResistances.Simulate(load([.. overrides, .. extra]), state, cancellation));
                    _values[key] = value;
                }
            }
            return value.Value;
        }
    }
}
