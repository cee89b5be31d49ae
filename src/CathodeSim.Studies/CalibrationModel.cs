using System.Globalization;
using System.Numerics;
using CathodeSim.Analysis.Calibration;
using CathodeSim.Analysis.Cycling;
using CathodeSim.Analysis.Impedance;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.IO.Config;
using CathodeSim.IO.Validation;
using CathodeSim.Model.Impedance;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Simulation;
using CathodeSim.Numerics.Interpolation;

namespace CathodeSim.Studies;

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
                        // One simulation per row serves all its quantities.
                        var state = row.State;
                        var cache = new PointCache<InSituResistanceSet>(overrides => InSituResistances.Simulate(Load([.. overrides, .. eis.Overrides]), state, cancellation));
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
                case SpectrumData spectrum:
                {
                    var cache = new PointCache<Complex[]>(overrides => Spectrum(spectrum, overrides, cancellation));
                    for (int k = 0; k < spectrum.Frequency.Length; k++)
                    {
                        int index = k;
                        double sigma = spectrum.RelativeUncertainty * Math.Sqrt(spectrum.Real[k] * spectrum.Real[k] + spectrum.Imaginary[k] * spectrum.Imaginary[k]);
                        string at = spectrum.Frequency[k].ToString("G4", CultureInfo.InvariantCulture);
                        observations.Add(new Observation($"{spectrum.Label} Re Z at {at} Hz", spectrum.Real[k], sigma));
                        _simulations.Add(overrides => cache.Get(overrides)[index].Real);
                        observations.Add(new Observation($"{spectrum.Label} Im Z at {at} Hz", spectrum.Imaginary[k], sigma));
                        _simulations.Add(overrides => cache.Get(overrides)[index].Imaginary);
                    }
                    break;
                }
                case VoltageSeriesData series:
                {
                    var cache = new PointCache<double[]>(overrides => Voltages(series, overrides, cancellation));
                    for (int k = 0; k < series.Time.Length; k++)
                    {
                        int index = k;
                        observations.Add(new Observation($"{series.Label} V at {series.Time[k]:0} s", series.Voltage[k], series.Uncertainty));
                        _simulations.Add(overrides => cache.Get(overrides)[index]);
                    }
                    break;
                }
                case CycleCapacityData cycling:
                {
                    var cache = new PointCache<IReadOnlyList<CycleSummary>>(overrides => Cycles(cycling, overrides, cancellation));
                    for (int k = 0; k < cycling.Cycles.Length; k++)
                    {
                        int cycle = cycling.Cycles[k];
                        observations.Add(new Observation($"{cycling.Label}: cycle {cycle} (mAh/g)", cycling.Capacity[k], cycling.RelativeUncertainty * Math.Abs(cycling.Capacity[k])));
                        _simulations.Add(overrides =>
                        {
                            // A cycle the simulation did not reach (it stopped at a limit) delivered nothing.
                            var summary = cache.Get(overrides).FirstOrDefault(c => c.Cycle == cycle);
                            return summary is null ? 0 : cycling.Discharge ? summary.DischargeCapacity : summary.ChargeCapacity;
                        });
                    }
                    break;
                }
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

    private Complex[] Spectrum(SpectrumData data, string[] overrides, CancellationToken cancellation)
    {
        var (result, model, state) = new Simulator().RunToState(SetupFor(overrides, data.Overrides, data.Protocol), null, cancellation);
        if (!result.Diagnostics.Completed) return Enumerable.Repeat(new Complex(double.NaN, double.NaN), data.Frequency.Length).ToArray();
        return NumericalImpedance.Compute(model, state, model.Design.Impedance ?? new ImpedanceParameters(), data.Frequency);
    }

    /// <summary>
    /// Simulated voltage at the record's sample times, interpolated linearly between output points. Past the end of the
    /// simulation (a cut-off reached earlier than in the experiment) the last voltage stands in, so the misfit stays
    /// finite and the fit can move back.
    /// </summary>
    private double[] Voltages(VoltageSeriesData data, string[] overrides, CancellationToken cancellation)
    {
        var series = new Simulator().Run(SetupFor(overrides, data.Overrides, data.Protocol), null, cancellation).Series;
        var values = new double[data.Time.Length];
        PiecewiseLinear.Sample(series.Select(p => p.Time).ToArray(), series.Select(p => p.Voltage).ToArray(), data.Time, values);
        return values;
    }

    private IReadOnlyList<CycleSummary> Cycles(CycleCapacityData data, string[] overrides, CancellationToken cancellation)
    {
        return CycleSummarizer.Summarize(new Simulator().Run(SetupFor(overrides, data.Overrides, data.Protocol), null, cancellation));
    }

    /// <summary>The calibration's config at this parameter point with a data set's own changes and protocol (null: the config's), no profiles.</summary>
    private SimulationSetup SetupFor(string[] overrides, IReadOnlyList<string> extra, IReadOnlyList<ProtocolStep>? protocol)
    {
        var setup = Load([.. overrides, .. extra]);
        return setup with { Protocol = protocol ?? setup.Protocol, ProfileTimes = [] };
    }

    private SimulationSetup Load(IEnumerable<string> overrides) => ConfigLoader.Load(_definition.ConfigPath, [.. _definition.Overrides, .. overrides]).Setup;

    /// <summary>
    /// One simulation per parameter point serving many observations (the quantities of one state, the frequencies of one
    /// spectrum). Several points are evaluated at once for a Jacobian, so a few are kept.
    /// </summary>
    private sealed class PointCache<T>(Func<string[], T> compute)
    {
        private const int Capacity = 32;
        private readonly Lock _gate = new();
        private readonly Dictionary<string, Lazy<T>> _values = new(StringComparer.Ordinal);

        public T Get(string[] overrides)
        {
            string key = string.Join("\n", overrides);
            Lazy<T>? value;
            lock (_gate)
            {
                if (!_values.TryGetValue(key, out value))
                {
                    if (_values.Count >= Capacity) _values.Clear();
                    value = new Lazy<T>(() => compute(overrides));
                    _values[key] = value;
                }
            }
            return value.Value;
        }
    }
}
