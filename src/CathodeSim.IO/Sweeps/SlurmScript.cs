using System.Text;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// The sbatch script of a Slurm job array that runs a sweep in shards: each array task runs `cathodesim sweep` on the
/// same file and output folder as shard "$SLURM_ARRAY_TASK_ID/N" (N written into the script, so rerunning one task works).
/// `cathodesim merge` then combines the shard files.
/// </summary>
public static class SlurmScript
{
    /// <summary>The script text.</summary>
    /// <param name="sweepName">Job name.</param>
    /// <param name="command">The cathodesim invocation (executable, or dotnet + dll), already quoted.</param>
    /// <param name="sweepFile">Absolute sweep file path.</param>
    /// <param name="outputDirectory">Absolute output folder (on a file system the nodes share).</param>
    /// <param name="overrides">--set overrides to pass on.</param>
    /// <param name="shards">Array size.</param>
    /// <param name="cpusPerTask">Cores per array task.</param>
    public static string Create(string sweepName, string command, string sweepFile, string outputDirectory, IReadOnlyList<string> overrides, int shards, int cpusPerTask)
    {
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        text.AppendLine($"#SBATCH --job-name={sweepName}");
        text.AppendLine($"#SBATCH --array=0-{shards - 1}");
        text.AppendLine($"#SBATCH --cpus-per-task={cpusPerTask}");
        text.AppendLine($"#SBATCH --output={Quote(Path.Combine(outputDirectory, $"slurm-{sweepName}-%A_%a.out"))}");
        text.AppendLine($"# Each task runs shard $SLURM_ARRAY_TASK_ID of {shards}; rerun a failed task with sbatch --array=<id> this script.");
        text.AppendLine("# When all tasks have finished:");
        text.AppendLine($"#   {command} merge {Quote(Path.Combine(outputDirectory, sweepName))}.shard-*-of-{shards}.h5 --output {Quote(outputDirectory)}");
        text.AppendLine("set -euo pipefail");
        var line = new StringBuilder($"{command} sweep {Quote(sweepFile)} --output {Quote(outputDirectory)} --shard \"$SLURM_ARRAY_TASK_ID/{shards}\" --jobs \"${{SLURM_CPUS_PER_TASK:-1}}\"");
        foreach (var o in overrides) line.Append($" --set {Quote(o)}");
        text.AppendLine(line.ToString());
        return text.ToString();
    }

    /// <summary>Single-quotes a shell word.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
