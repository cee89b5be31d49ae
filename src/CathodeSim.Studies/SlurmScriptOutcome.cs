namespace CathodeSim.Studies;

/// <summary>A Slurm job-array script written instead of running a sweep.</summary>
/// <param name="Path">The script, <c>&lt;name&gt;.sbatch</c> in the output directory.</param>
/// <param name="Tasks">Array tasks (at most one per case).</param>
/// <param name="Cases">Cases of the sweep.</param>
public sealed record SlurmScriptOutcome(string Path, int Tasks, int Cases);
