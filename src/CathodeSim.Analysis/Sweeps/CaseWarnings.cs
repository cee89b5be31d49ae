using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Analysis.Sweeps;

/// <summary>
/// The warnings of a case's runs (<see cref="SimulationResult.Warnings"/>) as one line for tables and summaries, and
/// the rule by which a run with warnings counts as an objective.
/// </summary>
public static class CaseWarnings
{
    /// <summary>The reason of a step that ended within its first time step (see <see cref="RunWarning.Reason"/>).</summary>
    public const string EndedAtOnce = "ended_at_once";

    /// <summary>
    /// "reason;reason: run: first message" (distinct reason codes in order of appearance, then the first warning's
    /// message with the name of its run), or null when no run has a warning. One line, so that a table cell stays one row.
    /// </summary>
    public static string? Summarize(IEnumerable<SimulationResult> results)
    {
        var all = results.SelectMany(r => r.Warnings.Select(w => (Run: r.Name, Warning: w))).ToList();
        if (all.Count == 0) return null;
        string reasons = string.Join(';', all.Select(a => a.Warning.Reason).Distinct());
        var (run, first) = all[0];
        return $"{reasons}: {run}: {first.Message}".ReplaceLineEndings(" ");
    }

    /// <summary>
    /// Metric <paramref name="metric"/> (an index into <see cref="CaseMetrics.Names"/>) of a run as an objective to
    /// maximise: NaN where the run did not complete, 0 where a step ended at once (the cell could not take the protocol
    /// and delivered nothing, while the metric itself would be NaN or the noise of a few microseconds), else the metric.
    /// </summary>
    public static double Objective(SimulationSetup setup, SimulationResult result, int metric)
    {
        if (!result.Diagnostics.Completed) return double.NaN;
        if (result.Warnings.Any(w => w.Reason == EndedAtOnce)) return 0;
        return CaseMetrics.From(setup, result)[metric];
    }
}
