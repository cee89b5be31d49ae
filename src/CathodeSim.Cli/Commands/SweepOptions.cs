namespace CathodeSim.Cli.Commands;

/// <summary>Everything `cathodesim sweep` was asked to do.</summary>
/// <param name="SweepPath">The sweep YAML.</param>
/// <param name="OutputDirectory">--output.</param>
/// <param name="Json">--json.</param>
/// <param name="Overrides">--set, applied to every case.</param>
/// <param name="Resume">--resume: continue a sweep whose journal exists.</param>
/// <param name="Shard">--shard i/N, or null (then SLURM_ARRAY_TASK_ID/COUNT if set).</param>
/// <param name="Jobs">--jobs: parallel cases (default: all cores).</param>
/// <param name="EmitSlurm">--emit-slurm N: write an sbatch job-array script with N tasks instead of running.</param>
/// <param name="Device">--device.</param>
/// <param name="Batch">--batch: cases resident together on a device (lockstep batch slots).</param>
/// <param name="Slurm">--slurm-time, --slurm-mem, ..., --sbatch, --slurm-throttle, --max-array-size, --cathodesim (unchecked; null values not given).</param>
/// <param name="Submit">--submit: with --emit-slurm or --resubmit-failed, submit the array and the merge job with sbatch.</param>
/// <param name="ResubmitFailed">--resubmit-failed: write an array of only the shards with failed or missing cases.</param>
/// <param name="RetryFailed">--retry-failed: with --resume (or a shard), run the failed cases of the journal again.</param>
internal sealed record SweepOptions(string SweepPath, string? OutputDirectory, bool Json, IReadOnlyList<string> Overrides, bool Resume,
    string? Shard, int? Jobs, int? EmitSlurm, string Device = "cpu", int? Batch = null, IO.Sweeps.SlurmSettings? Slurm = null,
    bool Submit = false, bool ResubmitFailed = false, bool RetryFailed = false);
