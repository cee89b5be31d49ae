using System.Diagnostics;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Analysis.Optimization;

/// <summary>
/// Builds the prediction map: for each operating condition, the capacity on the grid of NCM mass fractions with the
/// limiting mechanism at each point (the cell as it is plus one counterfactual run per mechanism), then a golden-section
/// refinement of the optimum and the band within 1 % of it. Every grid run of every condition goes into one parallel
/// loop, so that all cores stay busy however few points or conditions there are.
/// </summary>
/// <param name="setupAt">The cell at an NCM mass fraction, as configured (before the condition is applied).</param>
/// <param name="capacity">Discharge capacity of a setup, mAh/g; NaN where the run did not complete.</param>
public sealed class PredictionMapBuilder(Func<double, SimulationSetup> setupAt, Func<SimulationSetup, double> capacity)
{
    /// <summary>Runs the map.</summary>
    public PredictionMap Build(IReadOnlyList<OperatingCondition> conditions, RatioSearchOptions options, IProgress<string>? progress = null,
        CancellationToken cancellation = default)
    {
        if (conditions.Count == 0) throw new ArgumentException("at least one condition", nameof(conditions));
        if (options.GridPoints < 3) throw new ArgumentOutOfRangeException(nameof(options), "at least 3 grid points");
        if (!(options.Upper > options.Lower) || options.Lower <= 0 || options.Upper >= 1) throw new ArgumentOutOfRangeException(nameof(options), "need 0 < lower < upper < 1");
        var clock = Stopwatch.StartNew();
        var fractions = Enumerable.Range(0, options.GridPoints).Select(i => options.Lower + (options.Upper - options.Lower) * i / (options.GridPoints - 1)).ToArray();
        int c = conditions.Count, p = fractions.Length, runs = 1 + LimitingMechanisms.Removable.Count;
        var cells = new SimulationSetup[c * p];
        for (int ci = 0; ci < c; ci++)
            for (int pi = 0; pi < p; pi++)
                cells[ci * p + pi] = conditions[ci].Apply(setupAt(fractions[pi]));

        var values = new double[c * p * runs];
        var remaining = Enumerable.Repeat(runs, c * p).ToArray();
        int pointsDone = 0, failed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellation };
        Parallel.For(0, values.Length, parallel, k =>
        {
            int cell = k / runs, run = k % runs;
            var setup = run == 0 ? cells[cell] : MechanismCounterfactuals.Remove(cells[cell], LimitingMechanisms.Removable[run - 1]);
            values[k] = capacity(setup);
            if (double.IsNaN(values[k])) Interlocked.Increment(ref failed);
            if (Interlocked.Decrement(ref remaining[cell]) == 0 && progress is not null)
            {
                var point = Point(fractions[cell % p], values.AsSpan(cell * runs, runs));
                var condition = conditions[cell / p];
                progress.Report($"[{Interlocked.Increment(ref pointsDone)}/{c * p}] {Label(condition, cells[cell])}, w = {point.Fraction:F3}: "
                    + $"{point.Capacity:F1} mAh/g ({point.Mechanism?.Name() ?? "failed"})");
            }
        });

        // Refinement is sequential within a condition (each golden-section step needs the last), so conditions run side by side.
        var maps = new ConditionMap[c];
        int refinementRuns = 0;
        Parallel.For(0, c, parallel, ci =>
        {
            var points = Enumerable.Range(0, p).Select(pi => Point(fractions[pi], values.AsSpan((ci * p + pi) * runs, runs))).ToList();
            var refinement = new List<RatioPoint>();
            var optimum = Refine(conditions[ci], points, refinement, options.Tolerance, cancellation);
            Interlocked.Add(ref refinementRuns, refinement.Count);
            Interlocked.Add(ref failed, refinement.Count(r => double.IsNaN(r.Objective)));
            var (lower, upper) = Band(points.Select(q => new RatioPoint(q.Fraction, Candidate(q.Capacity))).Concat(refinement), optimum);
            maps[ci] = new ConditionMap(conditions[ci], cells[ci * p].Temperature, points, refinement, optimum, lower, upper);
            progress?.Report($"{Label(conditions[ci], cells[ci * p])}: optimum w = {optimum.Argument:F3} ({optimum.Value:F1} mAh/g), band {lower:F3}-{upper:F3}");
        });
        return new PredictionMap(maps, values.Length + refinementRuns, failed, clock.Elapsed.TotalSeconds);
    }

    private static string Label(OperatingCondition condition, SimulationSetup setup) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{condition.RateLabel}, {setup.Temperature - 273.15:0.##} °C");

    private static MapPoint Point(double fraction, ReadOnlySpan<double> runs)
    {
        double actual = runs[0];
        var losses = MechanismLosses.From(actual, runs[1..].ToArray());
        return new MapPoint(fraction, actual, losses, double.IsNaN(actual) ? null : losses.Dominant(actual));
    }

    /// <summary>Golden section on the bracket around the best grid point (as <see cref="MassRatioOptimizer"/>), capacity only.</summary>
    private MaximumResult Refine(OperatingCondition condition, IReadOnlyList<MapPoint> points, List<RatioPoint> refinement, double tolerance, CancellationToken cancellation)
    {
        int best = -1;
        for (int i = 0; i < points.Count; i++)
            if (!double.IsNaN(Candidate(points[i].Capacity)) && (best < 0 || points[i].Capacity > points[best].Capacity)) best = i;
        if (best < 0) return new MaximumResult(double.NaN, double.NaN, 0);
        double lower = points[Math.Max(0, best - 1)].Fraction, upper = points[Math.Min(points.Count - 1, best + 1)].Fraction;
        var optimum = GoldenSectionSearch.Maximise(w =>
        {
            cancellation.ThrowIfCancellationRequested();
            double value = Candidate(capacity(condition.Apply(setupAt(w))));
            refinement.Add(new RatioPoint(w, value));
            return value;
        }, lower, upper, tolerance);
        return optimum.Value >= points[best].Capacity ? optimum : new MaximumResult(points[best].Fraction, points[best].Capacity, optimum.Evaluations);
    }

    /// <summary>
    /// The band within 1 % of the maximum: from the optimum outwards along the evaluated points (sorted by fraction)
    /// to the first one below 99 % of it, interpolating linearly where the curve crosses that level. The band is the
    /// connected stretch around the optimum, so a second hump elsewhere does not widen it.
    /// </summary>
    public static (double Lower, double Upper) Band(IEnumerable<RatioPoint> evaluated, MaximumResult optimum)
    {
        if (double.IsNaN(optimum.Value)) return (double.NaN, double.NaN);
        var sorted = evaluated.Append(new RatioPoint(optimum.Argument, optimum.Value)).OrderBy(q => q.Fraction).ToList();
        double level = PredictionMap.BandShare * optimum.Value;
        int at = sorted.FindIndex(q => q.Fraction == optimum.Argument);
        double Edge(int step)
        {
            int i = at;
            while (i + step >= 0 && i + step < sorted.Count)
            {
                var inside = sorted[i];
                var next = sorted[i + step];
                if (!(next.Objective >= level))
                    return double.IsNaN(next.Objective) || inside.Objective == next.Objective ? inside.Fraction
                        : inside.Fraction + (next.Fraction - inside.Fraction) * (inside.Objective - level) / (inside.Objective - next.Objective);
                i += step;
            }
            return sorted[i].Fraction;
        }
        return (Edge(-1), Edge(+1));
    }

    /// <summary>Capacity below which a cell counts as having delivered nothing, mAh/g (a run that hit its cut-off within its first steps).</summary>
    public const double MinimumCapacity = 0.1;

    /// <summary>A cell that delivered nothing is no candidate for the optimum.</summary>
    private static double Candidate(double value) => value > MinimumCapacity ? value : double.NaN;
}
