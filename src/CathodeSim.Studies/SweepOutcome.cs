using CathodeSim.IO.Sweeps;

namespace CathodeSim.Studies;

/// <summary>What a sweep study did.</summary>
/// <param name="Name">The sweep's name.</param>
/// <param name="Shard">The shard run, or null for the whole sweep.</param>
/// <param name="Rows">One row per case of the run (shard): inputs, status and results, in case order.</param>
/// <param name="Ran">Cases computed now.</param>
/// <param name="Resumed">Cases taken from the journal of an earlier, interrupted run.</param>
/// <param name="Seconds">Wall time of the cases computed now, s.</param>
/// <param name="Files">The files written, final paths.</param>
/// <param name="DeviceDescription">Where the particle solves ran, e.g. "cpu".</param>
public sealed record SweepOutcome(string Name, Shard? Shard, IReadOnlyList<SweepRow> Rows, int Ran, int Resumed, double Seconds,
    IReadOnlyList<string> Files, string DeviceDescription)
{
    /// <summary>Cases that gave no results.</summary>
    public int Failed => Rows.Count(r => !SweepStatus.HasResults(r.Status));

    /// <summary>Cases with results whose run ended with warnings.</summary>
    public int WithWarnings => Rows.Count(r => r.Status == SweepStatus.Warning);
}
