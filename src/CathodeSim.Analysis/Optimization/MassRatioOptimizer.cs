using CathodeSim.Model.Simulation;

namespace CathodeSim.Analysis.Optimization;

/// <summary>Search settings for the NCM mass fraction.</summary>
/// <param name="Lower">Lowest fraction of the coarse grid.</param>
/// <param name="Upper">Highest fraction.</param>
/// <param name="GridPoints">Coarse grid points (>= 3).</param>
/// <param name="Tolerance">Width of the final bracket (0.005 by default).</param>
/// <param name="Parallelism">Simulations run at once on the coarse grid.</param>
public sealed record RatioSearchOptions(double Lower = 0.50, double Upper = 0.90, int GridPoints = 9, double Tolerance = 0.005, int Parallelism = 1);

/// <summary>The objective at one mass fraction (NaN where the cell could not be simulated or delivered nothing).</summary>
/// <param name="Fraction">NCM mass fraction.</param>
/// <param name="Objective">Objective value.</param>
public readonly record struct RatioPoint(double Fraction, double Objective);

/// <summary>Everything the search found.</summary>
/// <param name="Grid">Coarse grid.</param>
/// <param name="Refinement">Points evaluated by the golden-section refinement, in order.</param>
/// <param name="Optimum">The maximum.</param>
/// <param name="PlateauLower">Lowest grid or refinement fraction whose objective is within 1 % of the maximum.</param>
/// <param name="PlateauUpper">Highest such fraction.</param>
/// <param name="LowEnd">Limitations at the lowest grid fraction that still delivers 5 % of the optimum (null if that is the optimum's side).</param>
/// <param name="AtOptimum">Limitations at the optimum.</param>
/// <param name="HighEnd">Limitations at the highest grid fraction that still delivers 5 % of the optimum.</param>
public sealed record RatioSearchResult(IReadOnlyList<RatioPoint> Grid, IReadOnlyList<RatioPoint> Refinement, MaximumResult Optimum,
    double PlateauLower, double PlateauUpper, RatioLimitation? LowEnd, RatioLimitation AtOptimum, RatioLimitation? HighEnd);

/// <summary>The limitation breakdown at one mass fraction.</summary>
/// <param name="Fraction">NCM mass fraction.</param>
/// <param name="Breakdown">Losses by cause.</param>
public sealed record RatioLimitation(double Fraction, LimitationBreakdown Breakdown);

/// <summary>
/// Finds the NCM mass fraction that maximises an objective: a coarse grid (in parallel), then golden-section refinement
/// inside the bracket around the best grid point, then a limitation breakdown on both sides of the optimum.
/// </summary>
public sealed class MassRatioOptimizer(Func<double, IReadOnlyList<SimulationSetup>> setupsAt, Func<SimulationSetup, double> objective)
{
    /// <summary>The objective at <paramref name="fraction"/>: the mean over the protocols (NaN if any failed).</summary>
    public double Evaluate(double fraction)
    {
        var values = setupsAt(fraction).Select(objective).ToList();
        return values.Any(double.IsNaN) ? double.NaN : values.Average();
    }

    /// <summary>Runs the search.</summary>
    public RatioSearchResult Search(RatioSearchOptions options, IProgress<string>? progress = null, CancellationToken cancellation = default)
    {
        if (options.GridPoints < 3) throw new ArgumentOutOfRangeException(nameof(options), "at least 3 grid points");
        if (!(options.Upper > options.Lower) || options.Lower <= 0 || options.Upper >= 1) throw new ArgumentOutOfRangeException(nameof(options), "need 0 < lower < upper < 1");
        var fractions = Enumerable.Range(0, options.GridPoints).Select(i => options.Lower + (options.Upper - options.Lower) * i / (options.GridPoints - 1)).ToArray();
        var grid = new RatioPoint[fractions.Length];
        Parallel.For(0, fractions.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellation }, i =>
        {
            grid[i] = new RatioPoint(fractions[i], Sanitise(Evaluate(fractions[i])));
            progress?.Report($"grid: w = {fractions[i]:F3} -> {grid[i].Objective:F2}");
        });
        int best = -1;
        for (int i = 0; i < grid.Length; i++) if (!double.IsNaN(grid[i].Objective) && (best < 0 || grid[i].Objective > grid[best].Objective)) best = i;
        if (best < 0) throw new InvalidOperationException("no mass fraction of the grid delivered any capacity; widen the range or check the cell");

        var refinement = new List<RatioPoint>();
        double lower = fractions[Math.Max(0, best - 1)], upper = fractions[Math.Min(fractions.Length - 1, best + 1)];
        var optimum = GoldenSectionSearch.Maximise(w =>
        {
            cancellation.ThrowIfCancellationRequested();
            double value = Sanitise(Evaluate(w));
            refinement.Add(new RatioPoint(w, value));
            progress?.Report($"refine: w = {w:F4} -> {value:F3}");
            return value;
        }, lower, upper, options.Tolerance);
        if (optimum.Value < grid[best].Objective) optimum = new MaximumResult(grid[best].Fraction, grid[best].Objective, optimum.Evaluations);

        var all = grid.Concat(refinement).Where(p => !double.IsNaN(p.Objective)).ToList();
        var plateau = all.Where(p => p.Objective >= optimum.Value - 0.01 * Math.Abs(optimum.Value)).Select(p => p.Fraction).ToList();
        // The ends analysed are the outermost grid points that still deliver a useful share (5 %) of the optimum.
        var delivering = grid.Where(p => p.Objective >= 0.05 * optimum.Value).ToList();
        progress?.Report("limitation analysis");
        return new RatioSearchResult(grid, refinement, optimum, plateau.Min(), plateau.Max(),
            delivering[0].Fraction < optimum.Argument ? Analyse(delivering[0].Fraction) : null,
            Analyse(optimum.Argument),
            delivering[^1].Fraction > optimum.Argument ? Analyse(delivering[^1].Fraction) : null);
    }

    private RatioLimitation Analyse(double fraction) => new(fraction, LimitationAnalysis.Analyse(setupsAt(fraction)[0], objective));

    /// <summary>A cell that delivered nothing (it hit its cut-off at once) is no candidate.</summary>
    private static double Sanitise(double value) => value > 0 ? value : double.NaN;
}
