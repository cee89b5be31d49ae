using CathodeSim.IO.Sweeps;
using Spectre.Console;

namespace CathodeSim.Cli.Reporting;

/// <summary>The cases of a sweep table a person should look at: the failed ones, then those with warnings.</summary>
internal static class SweepSummary
{
    /// <summary>A few of each, not all: a sweep can have thousands, and the table holds every one.</summary>
    public static void ListCases(IAnsiConsole console, IReadOnlyList<SweepRow> rows, int failedShown = 10, int warnedShown = 5)
    {
        foreach (var row in rows.Where(r => !SweepStatus.HasResults(r.Status)).Take(failedShown))
            console.MarkupLineInterpolated($"  case {row.Index}: [red]failed:[/] {row.Error}");
        var warned = rows.Where(r => r.Status == SweepStatus.Warning).ToList();
        foreach (var row in warned.Take(warnedShown))
            console.MarkupLineInterpolated($"  case {row.Index}: [yellow]warning:[/] {row.Warnings}");
        if (warned.Count > warnedShown)
            console.MarkupLineInterpolated($"  [yellow]... and {warned.Count - warnedShown} more cases with warnings (see the warnings column of the table)[/]");
    }
}
