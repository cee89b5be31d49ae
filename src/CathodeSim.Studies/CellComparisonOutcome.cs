using CathodeSim.IO.Output;

namespace CathodeSim.Studies;

/// <summary>What a comparison of cells did.</summary>
/// <param name="Rows">One row per config, in the order asked for (the first is the reference).</param>
/// <param name="Runs">Each config's run, in the same order.</param>
/// <param name="Files">The comparison's own files: <c>comparison.csv</c> and <c>comparison.png</c>, final paths.</param>
public sealed record CellComparisonOutcome(IReadOnlyList<CellComparisonRow> Rows, IReadOnlyList<RunOutcome> Runs, IReadOnlyList<string> Files)
{
    /// <summary>Every file written: each run's, then the comparison's.</summary>
    public IReadOnlyList<string> AllFiles => [.. Runs.SelectMany(r => r.Files), .. Files];
}
