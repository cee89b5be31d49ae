namespace CathodeSim.Studies;

/// <summary>A parameter sweep: every case of a sweep file, in parallel (what <c>cathodesim sweep</c> does).</summary>
/// <param name="SweepPath">The sweep YAML.</param>
/// <param name="Overrides">KEY=VALUE changes applied to every case (as <c>--set</c>).</param>
/// <param name="OutputDirectory">Where the files and the journal go; null for <c>out</c>.</param>
/// <param name="Resume">Continue a sweep whose journal exists: finished cases are not recomputed.</param>
/// <param name="Shard">Run only shard "i/N" (cases whose index mod N is i); null: SLURM_ARRAY_TASK_ID/COUNT when set, else all.</param>
/// <param name="Jobs">Cases run in parallel; null for every core.</param>
/// <param name="Device">Where the particle solves run: cpu, gpu, auto or ilgpu-cpu.</param>
/// <param name="Batch">With a device other than cpu: cases kept resident and advanced together; null for 256.</param>
public sealed record SweepRequest(string SweepPath, IReadOnlyList<string> Overrides, string? OutputDirectory = null, bool Resume = false,
    string? Shard = null, int? Jobs = null, string Device = "cpu", int? Batch = null)
{
    /// <summary>The program version recorded in the sweep file's header.</summary>
    public string ProgramVersion { get; init; } = StudyInfo.Version;

    /// <summary>Runs the cases the journal holds as failed again (with <see cref="Resume"/> or a shard), instead of keeping their failure.</summary>
    public bool RetryFailed { get; init; }
}
