using System.Diagnostics;
using System.Globalization;
using CathodeSim.Analysis.Impedance;
using CathodeSim.Analysis.Optimization;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.Analysis.Validation;
using CathodeSim.IO.Config;
using CathodeSim.IO.Validation;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Studies;

/// <summary>
/// Runs validation cases: builds each case's simulations from its config and stated changes, runs them, and compares
/// with the measured values under the case's criteria. Config to parameters to model to results to comparison; files
/// are written by the caller.
/// </summary>
internal sealed class ValidationRunner(int parallelism, CancellationToken cancellation)
{
    /// <summary>NCM mass fraction key varied by the mass-ratio search.</summary>
    private const string FractionPath = "cell.cathode.active_mass_fraction";

    private readonly ParallelOptions _parallel = new() { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellation };

    /// <summary>Warnings of the current case's runs ("run: message"), gathered from parallel runs.</summary>
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _warnings = new();

    /// <summary>The last mass-ratio search, for its plot.</summary>
    public Dictionary<string, RatioSearchResult> RatioSearches { get; } = [];

    public ValidationOutcome Run(ValidationCase validationCase)
    {
        var clock = Stopwatch.StartNew();
        var s = validationCase.Setup;
        _warnings.Clear();
        try
        {
            var (values, criteria) = validationCase switch
            {
                MetricCase c => Metric(c),
                RatioOptimumCase c => Ratio(c),
                EisTableCase c => EisTable(c),
                RetentionTrendCase c => Trend(c),
                SeparatorResistanceCase c => Separator(c),
                _ => throw new InvalidOperationException($"no runner for case kind {validationCase.Kind}"),
            };
            return Outcome(validationCase, values, criteria, clock.Elapsed.TotalSeconds, null);
        }
        catch (Exception e) when (e is InvalidOperationException or ConfigException or ArgumentException)
        {
            return Outcome(validationCase, [], [], clock.Elapsed.TotalSeconds, e.Message);
        }

        ValidationOutcome Outcome(ValidationCase c, IReadOnlyList<ComparedValue> values, IReadOnlyList<CriterionResult> criteria, double seconds, string? failure) =>
            new(c.Setup.Name, c.Kind, c.Setup.File, c.Setup.Description, ConfigLoader.Display(c.Setup.ConfigPath), c.Setup.Overrides, c.Setup.FittedOn,
                values, criteria, seconds, failure) { Warnings = WarningLines() };
    }

    /// <summary>The case's distinct warnings, at most ten and a count of the rest: a ratio search runs dozens of simulations.</summary>
    private List<string> WarningLines()
    {
        var lines = _warnings.Distinct().Order(StringComparer.Ordinal).ToList();
        return lines.Count <= 10 ? lines : [.. lines.Take(10), $"... and {lines.Count - 10} more"];
    }

    private SimulationSetup Load(CaseSetup s, params string[] more) => ConfigLoader.Load(s.ConfigPath, [.. s.Overrides, .. more]).Setup;

    private double RunMetric(SimulationSetup setup, string metric)
    {
        var result = Simulate(setup);
        if (!result.Diagnostics.Completed) throw new InvalidOperationException($"{setup.Name}: the simulation did not complete: {result.Diagnostics.FailureMessage}");
        return CaseMetrics.From(setup, result)[CaseMetrics.IndexOf(metric)];
    }

    /// <summary>Runs <paramref name="setup"/>, keeping its warnings for the case's outcome.</summary>
    private Model.Results.SimulationResult Simulate(SimulationSetup setup)
    {
        var result = new Simulator().Run(setup, null, cancellation);
        string at = setup.Design.Cathode.ActiveMassFraction.ToString("0.000", CultureInfo.InvariantCulture);
        foreach (var w in result.Warnings) _warnings.Enqueue($"{setup.Name} (NCM mass fraction {at}): {w.Reason}: {w.Message}");
        return result;
    }

    private (IReadOnlyList<ComparedValue>, IReadOnlyList<CriterionResult>) Metric(MetricCase c)
    {
        double simulated = RunMetric(Load(c.Setup), c.Metric);
        var value = ComparedValue.Relative(c.Measured.Source, c.Metric, c.Measured.Unit, c.Measured.Value, simulated, c.Role, c.RelativeTolerance);
        return ([value], [new CriterionResult($"{c.Metric} within +/-{c.RelativeTolerance * 100:0.#} % of {c.Measured.Value.ToString(CultureInfo.InvariantCulture)} {c.Measured.Unit}",
            value.Within == true, $"{simulated:0.0} {c.Measured.Unit} ({value.RelativeError * 100:+0.0;-0.0} %)")]);
    }

    private (IReadOnlyList<ComparedValue>, IReadOnlyList<CriterionResult>) Ratio(RatioOptimumCase c)
    {
        const string objective = "discharge_capacity_mAh_per_g";
        var optimizer = new MassRatioOptimizer(
            fraction => [Load(c.Setup, $"{FractionPath}={fraction.ToString("R", CultureInfo.InvariantCulture)}")],
            setup => CaseWarnings.Objective(setup, Simulate(setup), CaseMetrics.IndexOf(objective)));
        var search = optimizer.Search(new RatioSearchOptions(c.From, c.To, c.Points, 0.005, _parallel.MaxDegreeOfParallelism), null, cancellation);
        lock (RatioSearches) RatioSearches[c.Setup.File] = search;
        double optimum = search.Optimum.Argument;
        bool within = optimum >= c.AcceptFrom && optimum <= c.AcceptTo;
        string accept = $"{c.AcceptFrom:0.00}-{c.AcceptTo:0.00}";
        var values = new List<ComparedValue>
        {
            new("optimum", "NCM mass fraction", c.MeasuredOptimum.Unit, c.MeasuredOptimum.Value, optimum, c.Role, $"within {accept}", within,
                $"plateau (within 1 % of the maximum) {search.PlateauLower:0.000}-{search.PlateauUpper:0.000}; {search.Optimum.Value:0.0} mAh/g at the optimum"),
        };
        string miss = within ? "" : optimum < c.AcceptFrom ? $"; {c.AcceptFrom - optimum:0.000} below the range" : $"; {optimum - c.AcceptTo:0.000} above the range";
        return (values, [new CriterionResult($"predicted optimum within {accept} (measured {c.MeasuredOptimum.Value:0.00})", within, $"{optimum:0.000}{miss}")]);
    }

    private (IReadOnlyList<ComparedValue>, IReadOnlyList<CriterionResult>) EisTable(EisTableCase c)
    {
        var setup = Load(c.Setup);
        var simulated = new InSituResistanceSet[c.Rows.Count];
        Parallel.For(0, c.Rows.Count, _parallel, i => simulated[i] = InSituResistances.Simulate(setup, c.Rows[i].State, cancellation));
        var values = new List<ComparedValue>();
        for (int i = 0; i < c.Rows.Count; i++)
        {
            var row = c.Rows[i];
            string label = $"{c.Cathode} {row.State}";
            foreach (var t in c.Tolerances)
                values.Add(ComparedValue.Relative(label, t.Quantity, "ohm", row[t.Quantity], simulated[i][t.Quantity], c.RoleOf(row, t.Quantity), t.Relative, simulated[i].Problem));
            foreach (var q in c.Reported.Except(c.Tolerances.Select(t => t.Quantity)))
                values.Add(new ComparedValue(label, q, "ohm", row[q], simulated[i][q], c.RoleOf(row, q), null, null, simulated[i].Problem));
        }
        var criteria = c.Tolerances.SelectMany(t => ShareCriterion.Judge(values, t.Quantity, t.Relative, t.Share)).ToList();
        return (values, criteria);
    }

    private (IReadOnlyList<ComparedValue>, IReadOnlyList<CriterionResult>) Trend(RetentionTrendCase c)
    {
        const string metric = "capacity_retention_percent";
        var simulated = new double[c.Points.Count];
        Parallel.For(0, c.Points.Count, _parallel, i => simulated[i] = RunMetric(Load(c.Setup, $"{c.Parameter}={c.Points[i].Value}"), metric));
        var values = c.Points.Select((p, i) => new ComparedValue($"{p.Label} ({c.Parameter} = {p.Value})", "capacity retention", p.Measured.Unit, p.Measured.Value, simulated[i], p.Role,
            null, null, $"{simulated[i] - p.Measured.Value:+0.0;-0.0} percentage points")).ToList();
        var criteria = new List<CriterionResult>();
        double tol = c.AbsoluteTolerance;
        for (int i = 0; i + 1 < c.Points.Count; i++)
        {
            double dm = c.Points[i + 1].Measured.Value - c.Points[i].Measured.Value, ds = simulated[i + 1] - simulated[i];
            string step = $"{c.Points[i].Label} -> {c.Points[i + 1].Label}";
            bool flat = Math.Abs(dm) <= tol;
            bool ok = flat ? Math.Abs(ds) <= tol : Math.Sign(ds) == Math.Sign(dm) && Math.Abs(ds) > tol;
            string expected = flat ? $"no change beyond {tol:0.#} pp (measured {dm:+0.0;-0.0} pp)" : $"{(dm > 0 ? "a rise" : "a fall")} of more than {tol:0.#} pp (measured {dm:+0.0;-0.0} pp)";
            criteria.Add(new CriterionResult($"trend {step}: {expected}", ok, $"simulated {ds:+0.0;-0.0} pp"));
        }
        return (values, criteria);
    }

    private (IReadOnlyList<ComparedValue>, IReadOnlyList<CriterionResult>) Separator(SeparatorResistanceCase c)
    {
        var setup = Load(c.Setup);
        var model = new CellModel(setup.Design, setup.Numerics, setup.Temperature);
        double resistance = (model.SeriesResistance - setup.Design.JunctionResistance) / setup.Design.Area;
        string note = $"L = {model.Microstructure.SeparatorThickness * 1e6:0} um, sigma = {model.Microstructure.SeparatorThickness / (resistance * setup.Design.Area) * 10:0.00} mS/cm";
        var values = c.Rows.Select(row => ComparedValue.Relative($"{row.Cathode} cell, {row.State}", "R_SE (separator bulk)", "ohm", row.Electrolyte, resistance, DataRole.Predicted, c.RelativeTolerance, note)).ToList();
        int within = values.Count(v => v.Within == true);
        return (values, [new CriterionResult($"separator resistance within +/-{c.RelativeTolerance * 100:0.#} % of each cell's R_SE", within == values.Count,
            $"{resistance:0.0} ohm; {within} of {values.Count} cells within")]);
    }
}
