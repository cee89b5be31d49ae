using System.Globalization;
using System.Text;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// The scripts of a sweep on Slurm: a job array whose task i runs `cathodesim sweep` on the same file and output
/// folder as shard "i/N" (N written into the script, so that rerunning one task works), a merge job that combines the
/// shard files, and a submit script that submits both, the merge job with <c>--dependency=afterok:&lt;array job&gt;</c>.
/// </summary>
/// <param name="SweepName">Sweep name: job names, file names.</param>
/// <param name="SweepFile">Absolute sweep file path.</param>
/// <param name="OutputDirectory">Absolute output folder (on a file system the nodes share).</param>
/// <param name="Overrides">--set overrides to pass on.</param>
/// <param name="Layout">Cases and tasks (shards).</param>
/// <param name="Settings">Scheduler settings, already checked (<see cref="SlurmSettings.Checked"/>).</param>
/// <param name="CpusPerTask">Cores per array task (its cases run in parallel on them).</param>
/// <param name="Executable">The cathodesim the jobs run: an absolute path, or a name looked up on the nodes' PATH.</param>
/// <param name="Install">
/// Shell command that puts a self-contained cathodesim at <paramref name="Executable"/> (run once by the submit script
/// when it is missing), or null when the executable is found as it is.
/// </param>
/// <param name="Version">The cathodesim version writing the scripts (a comment, for the record).</param>
public sealed record SlurmScript(
    string SweepName,
    string SweepFile,
    string OutputDirectory,
    IReadOnlyList<string> Overrides,
    SlurmArrayLayout Layout,
    SlurmSettings Settings,
    int CpusPerTask,
    string Executable,
    string? Install,
    string Version)
{
    /// <summary>
    /// The array tasks to run: every task (null), or those given (a resubmission of failed or missing shards).
    /// </summary>
    public IReadOnlyList<int>? OnlyTasks { get; init; }

    /// <summary>True for a resubmission: the tasks rerun their failed cases too (<c>--retry-failed</c>).</summary>
    public bool RetryFailed { get; init; }

    private string Prefix => Path.Combine(OutputDirectory, SweepName);

    /// <summary>The job array script: <c>&lt;name&gt;.sbatch</c>, or <c>&lt;name&gt;.retry.sbatch</c> for a resubmission.</summary>
    public string ArrayPath => Prefix + (RetryFailed ? ".retry.sbatch" : ".sbatch");

    /// <summary>The merge job script, <c>&lt;name&gt;.merge.sbatch</c>.</summary>
    public string MergePath => Prefix + ".merge.sbatch";

    /// <summary>The submit script, <c>&lt;name&gt;.submit.sh</c>, or <c>&lt;name&gt;.retry.submit.sh</c> for a resubmission.</summary>
    public string SubmitPath => Prefix + (RetryFailed ? ".retry.submit.sh" : ".submit.sh");

    /// <summary>The shard files' glob that `cathodesim merge` is given (quoted but for the <c>*</c>).</summary>
    public string ShardGlob => Quote(Prefix) + $".shard-*-of-{Layout.Tasks}.h5";

    /// <summary>The merge command line, as the merge job runs it and as a user would type it.</summary>
    public string MergeCommand(string executable) => $"{executable} merge {ShardGlob} --output {Quote(OutputDirectory)}";

    /// <summary>The array indices of this script.</summary>
    public IReadOnlyList<int> ArrayTasks => OnlyTasks ?? Enumerable.Range(0, Layout.Tasks).ToList();

    /// <summary>The <c>--array</c> value.</summary>
    public string ArraySpec => SlurmArrayLayout.ArraySpec(ArrayTasks, Settings.Throttle);

    /// <summary>The job array script text.</summary>
    public string ArrayScript()
    {
        int n = Layout.Tasks;
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        text.AppendLine($"#SBATCH --job-name={SweepLoader.SanitizeName(SweepName)}");
        text.AppendLine($"#SBATCH --array={ArraySpec}");
        text.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={CpusPerTask}");
        // stderr joins stdout (no --error): the progress lines and the summary land in one log per task.
        text.AppendLine($"#SBATCH --output={Quote(Path.Combine(OutputDirectory, $"slurm-{SweepName}-%A_%a.out"))}");
        AppendResources(text);
        text.AppendLine($"# Written by cathodesim {Version}: sweep '{SweepName}', {Layout.Cases} cases in {n} shards of {Layout.CasesPerTaskText};");
        text.AppendLine(RetryFailed
            ? $"# this array reruns only the shards with failed or missing cases ({ArrayTasks.Count} of {n}), failed cases included."
            : $"# array task i runs shard i/{n}.");
        text.AppendLine($"# Submit with: bash {Quote(SubmitPath)}   (this array, then the merge job {Quote(MergePath)} once every task succeeded)");
        text.AppendLine("# Rerun one task: sbatch --array=<i> this file. Progress: cathodesim sweep-status " + Quote(OutputDirectory));
        text.AppendLine("set -euo pipefail");
        AppendExecutableCheck(text);
        // A line at once: a task's log shows which shard runs where before the first progress line.
        text.AppendLine($"echo \"cathodesim sweep '{SweepName}': shard $SLURM_ARRAY_TASK_ID/{n} on $(hostname), job ${{SLURM_ARRAY_JOB_ID:-?}}_${{SLURM_ARRAY_TASK_ID}}, started $(date -u +%Y-%m-%dT%H:%M:%SZ)\"");
        // Progress lines on stderr every 30 s unless the submitter chose otherwise (sbatch passes the environment on).
        text.AppendLine("export CATHODESIM_PROGRESS_INTERVAL=\"${CATHODESIM_PROGRESS_INTERVAL:-30}\"");
        var line = new StringBuilder($"\"$exe\" sweep {Quote(SweepFile)} --output {Quote(OutputDirectory)} --shard \"$SLURM_ARRAY_TASK_ID/{n}\" --jobs \"${{SLURM_CPUS_PER_TASK:-1}}\"");
        if (RetryFailed) line.Append(" --resume --retry-failed");
        foreach (var o in Overrides) line.Append($" --set {Quote(o)}");
        text.AppendLine(line.ToString());
        return text.ToString();
    }

    /// <summary>The merge job script text (submitted with a dependency on the array).</summary>
    public string MergeScript()
    {
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        text.AppendLine($"#SBATCH --job-name={SweepLoader.SanitizeName(SweepName)}-merge");
        text.AppendLine("#SBATCH --cpus-per-task=1");
        text.AppendLine($"#SBATCH --output={Quote(Path.Combine(OutputDirectory, $"slurm-{SweepName}-merge-%j.out"))}");
        // A failed array task makes "afterok" unsatisfiable: cancel the merge job then rather than leave it pending forever.
        text.AppendLine("#SBATCH --kill-on-invalid-dep=yes");
        AppendResources(text);
        text.AppendLine($"# Written by cathodesim {Version}: merges the {Layout.Tasks} shard files of sweep '{SweepName}' into {Quote(Prefix + ".h5")},");
        text.AppendLine($"# its table and plots. Submitted by {Quote(SubmitPath)} with --dependency=afterok:<array job>.");
        text.AppendLine("set -euo pipefail");
        AppendExecutableCheck(text);
        text.AppendLine(MergeCommand("\"$exe\""));
        return text.ToString();
    }

    /// <summary>
    /// The submit script text: installs the executable if needed, submits the array and the merge job and prints
    /// <c>array_job=ID</c> and <c>merge_job=ID</c> lines on stdout (what <c>--submit</c> reads).
    /// </summary>
    public string SubmitScript()
    {
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        text.AppendLine($"# Written by cathodesim {Version}: submits the job array of sweep '{SweepName}' ({ArrayTasks.Count} task{(ArrayTasks.Count == 1 ? "" : "s")})");
        text.AppendLine("# and its merge job, which starts once every array task has succeeded. Run it on the login node: bash this file.");
        text.AppendLine("set -euo pipefail");
        if (Install is not null)
        {
            text.AppendLine("# The tasks run a self-contained cathodesim in the shared output folder: the compute nodes need no .NET and no");
            text.AppendLine("# development tree. It is published once; delete the folder to publish a newer build.");
            text.AppendLine($"if [[ ! -x {Quote(Executable)} ]]; then");
            text.AppendLine($"    echo \"publishing a self-contained cathodesim to {Path.GetDirectoryName(Executable)} (once)\" >&2");
            text.AppendLine($"    {Install} >&2");
            text.AppendLine("fi");
        }
        text.AppendLine($"array=$(sbatch --parsable {Quote(ArrayPath)})");
        text.AppendLine("array=${array%%;*}   # --parsable prints \"id\" or \"id;cluster\"");
        text.AppendLine($"merge=$(sbatch --parsable --dependency=afterok:\"$array\" {Quote(MergePath)})");
        text.AppendLine("merge=${merge%%;*}");
        text.AppendLine("echo \"array_job=$array\"");
        text.AppendLine("echo \"merge_job=$merge\"");
        text.AppendLine($"echo \"submitted job array $array ({ArraySpec}) and merge job $merge; progress: cathodesim sweep-status {Quote(OutputDirectory).Replace("\"", "\\\"", StringComparison.Ordinal)}\" >&2");
        return text.ToString();
    }

    private void AppendResources(StringBuilder text)
    {
        if (Settings.Time is { } time) text.AppendLine($"#SBATCH --time={time}");
        if (Settings.Memory is { } memory) text.AppendLine($"#SBATCH --mem={memory}");
        if (Settings.Partition is { } partition) text.AppendLine($"#SBATCH --partition={partition}");
        if (Settings.Account is { } account) text.AppendLine($"#SBATCH --account={account}");
        if (Settings.Qos is { } qos) text.AppendLine($"#SBATCH --qos={qos}");
        foreach (var line in Settings.SbatchLines) text.AppendLine($"#SBATCH {line}");
    }

    private void AppendExecutableCheck(StringBuilder text)
    {
        // command -v resolves a bare name on this node's PATH and checks that a path is executable.
        text.AppendLine($"exe=$(command -v {Quote(Executable)}) || {{ echo \"error: cathodesim {Quote(Executable).Replace("\"", "\\\"", StringComparison.Ordinal)} not found on $(hostname); run {Quote(SubmitPath)} (it publishes one), or give --cathodesim\" >&2; exit 2; }}");
    }

    /// <summary>Single-quotes a shell word.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
