using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.IO.Sweeps;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>
/// `sweep --emit-slurm N` and `sweep --resubmit-failed`: the job array, merge and submit scripts of a sweep on Slurm
/// (and with --submit their submission); kept apart from the sweep's own run.
/// </summary>
internal sealed class SweepSlurm(CliContext context)
{
    /// <summary>Writes the scripts of an array of (at most) <paramref name="requested"/> tasks running every case.</summary>
    public ExitCode Emit(SweepPlan plan, SweepOptions options, string outputDirectory, int requested)
    {
        SlurmSettings settings;
        string executable;
        string? install;
        try
        {
            settings = (options.Slurm ?? SlurmSettings.None).Over(plan.Cluster ?? SlurmSettings.None).Checked();
            (executable, install) = Executable(outputDirectory, settings.Cathodesim);
        }
        catch (FormatException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        var layout = SlurmArrayLayout.Plan(requested, plan.Cases.Count, settings.ArrayLimit);
        // Said on stderr also with --json: the glob and the merge command the user copies must carry the real count.
        if (layout.Note is { } note) context.Error.WriteLine($"note: {note}");
        int cpus = options.Jobs ?? 1;
        var script = new SlurmScript(plan.Name, Path.GetFullPath(plan.SourcePath), outputDirectory, options.Overrides, layout, settings, cpus,
            executable, install, ProgramInfo.Version);
        var manifest = new SweepManifest(plan.Name, Path.GetFullPath(plan.SourcePath), options.Overrides, plan.Fingerprint, plan.Cases.Count, layout.Tasks)
        {
            Slurm = settings, CpusPerTask = cpus,
        };
        return WriteAndSubmit(script, manifest, options, outputDirectory, failedCases: null);
    }

    /// <summary>
    /// Writes the scripts of an array of only the shards of an earlier --emit-slurm that have failed or missing cases (or
    /// no shard file); its tasks rerun the failed cases (<c>--retry-failed</c>), and the merge job follows as before.
    /// </summary>
    public ExitCode Resubmit(SweepPlan plan, SweepOptions options, string outputDirectory)
    {
        SweepProgressReport report;
        SlurmSettings settings;
        string executable;
        string? install;
        try
        {
            string manifestPath = SweepManifest.PathOf(outputDirectory, plan.Name);
            var manifest = SweepManifest.Read(manifestPath)
                ?? throw new FormatException($"--resubmit-failed: no {manifestPath}; give the --output folder of an earlier `sweep {plan.Name} --emit-slurm`");
            if (manifest.Fingerprint != plan.Fingerprint)
                throw new FormatException($"--resubmit-failed: {manifestPath} was written for another definition of sweep '{plan.Name}'; give the sweep file and --set overrides of the --emit-slurm ({manifest.SweepFile})");
            if (manifest.Shards is null)
                throw new FormatException($"--resubmit-failed: sweep '{plan.Name}' in {outputDirectory} ran unsharded; rerun its failed cases with --resume --retry-failed");
            settings = (options.Slurm ?? SlurmSettings.None).Over(plan.Cluster ?? SlurmSettings.None).Over(manifest.Slurm ?? SlurmSettings.None).Checked();
            (executable, install) = Executable(outputDirectory, settings.Cathodesim);
            report = SweepProgressReport.Of(outputDirectory, plan.Name);
            if (report.Problem is { } problem) throw new FormatException($"--resubmit-failed: {problem}");
            int tasks = manifest.Shards.Value;
            var rerun = report.ShardsToRerun;
            if (rerun.Count == 0)
            {
                if (options.Json) context.Out.WriteLine(new JsonObject { ["name"] = plan.Name, ["tasks"] = 0, ["cases"] = plan.Cases.Count, ["merged"] = report.Merged }.ToJsonString());
                else context.Human.MarkupLineInterpolated($"{plan.Name}: nothing to resubmit; all {plan.Cases.Count} cases have results and all {tasks} shard files exist{(report.Merged ? "" : $"; merge them: {SlurmScript.Quote("cathodesim")} merge {Path.Combine(outputDirectory, plan.Name)}.shard-*-of-{tasks}.h5 --output {outputDirectory}")}");
                return ExitCode.Success;
            }
            int cpus = options.Jobs ?? manifest.CpusPerTask ?? 1;
            var layout = new SlurmArrayLayout(tasks, plan.Cases.Count, tasks, Math.Max(tasks, settings.ArrayLimit));
            var script = new SlurmScript(plan.Name, Path.GetFullPath(plan.SourcePath), outputDirectory, options.Overrides, layout, settings, cpus,
                executable, install, ProgramInfo.Version) { OnlyTasks = rerun, RetryFailed = true };
            if (!options.Json)
                context.Human.MarkupLineInterpolated($"{plan.Name}: {report.Failed.Count} failed and {report.Missing.Count} missing of {plan.Cases.Count} cases; resubmitting {rerun.Count} of {tasks} shards ({script.ArraySpec})");
            return WriteAndSubmit(script, manifest with { Slurm = settings, CpusPerTask = cpus }, options, outputDirectory, report.Failed.Count + report.Missing.Count);
        }
        catch (Exception e) when (e is FormatException or SweepStoreException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
    }

    /// <summary>
    /// Records the manifest of a sweep run (cases and shard count, for `sweep-status`) when the output folder has none;
    /// a problem writing it is only a warning, the run goes on.
    /// </summary>
    public void NoteRun(SweepPlan plan, SweepOptions options, string outputDirectory, Shard? shard)
    {
        try
        {
            if (File.Exists(SweepManifest.PathOf(outputDirectory, plan.Name))) return;
            new SweepManifest(plan.Name, Path.GetFullPath(plan.SourcePath), options.Overrides, plan.Fingerprint, plan.Cases.Count, shard?.Count).Write(outputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"warning: could not write {SweepManifest.PathOf(outputDirectory, plan.Name)} (used by sweep-status): {e.Message}");
        }
    }

    private ExitCode WriteAndSubmit(SlurmScript script, SweepManifest manifest, SweepOptions options, string outputDirectory, int? failedCases)
    {
        try
        {
            Directory.CreateDirectory(outputDirectory);
            IO.Output.AtomicFile.WriteText(script.ArrayPath, script.ArrayScript());
            IO.Output.AtomicFile.WriteText(script.MergePath, script.MergeScript());
            IO.Output.AtomicFile.WriteText(script.SubmitPath, script.SubmitScript());
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(script.SubmitPath, File.GetUnixFileMode(script.SubmitPath) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            manifest.Write(outputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: could not write the Slurm scripts into '{outputDirectory}': {e.Message}");
            return ExitCode.Failure;
        }
        string merge = script.MergeCommand("cathodesim");
        (string Array, string Merge)? jobs = null;
        if (options.Submit)
        {
            var submitted = Submit(script.SubmitPath, outputDirectory);
            if (submitted.Exit is { } exit) return exit;
            jobs = submitted.Jobs;
        }
        if (options.Json)
        {
            var json = new JsonObject
            {
                ["name"] = manifest.Name, ["script"] = script.ArrayPath, ["merge_script"] = script.MergePath, ["submit_script"] = script.SubmitPath,
                ["tasks"] = script.Layout.Tasks, ["array_tasks"] = script.ArrayTasks.Count, ["requested_tasks"] = script.Layout.Requested,
                ["cases"] = script.Layout.Cases, ["cases_per_task"] = script.Layout.CasesPerTaskText, ["array"] = script.ArraySpec,
                ["executable"] = script.Executable, ["merge_command"] = merge, ["failed_or_missing_cases"] = failedCases,
                ["array_job"] = jobs?.Array, ["merge_job"] = jobs?.Merge,
            };
            context.Out.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ExitCode.Success;
        }
        var l = script.Layout;
        context.Human.MarkupLineInterpolated($"wrote [green]{script.ArrayPath}[/]: job array --array={script.ArraySpec}, {l.Cases} cases in {l.Tasks} shards of {l.CasesPerTaskText}");
        context.Human.MarkupLineInterpolated($"wrote [green]{script.MergePath}[/]: merges the {l.Tasks} shard files once every task has succeeded");
        context.Human.MarkupLineInterpolated($"wrote [green]{script.SubmitPath}[/]: submits both (sbatch --parsable, then the merge job with --dependency=afterok)");
        context.Human.MarkupLineInterpolated($"tasks run {script.Executable}{(script.Install is null ? "" : " (a self-contained cathodesim, published there by the submit script if missing)")}");
        if (jobs is { } j)
            context.Human.MarkupLineInterpolated($"submitted job array [green]{j.Array}[/] and merge job [green]{j.Merge}[/]; progress: cathodesim sweep-status {outputDirectory}");
        else
        {
            context.Human.MarkupLineInterpolated($"next: bash {script.SubmitPath}   (or --submit; or sbatch {script.ArrayPath} and, when it has finished: {merge})");
            context.Human.MarkupLineInterpolated($"progress: cathodesim sweep-status {outputDirectory}");
        }
        return ExitCode.Success;
    }

    /// <summary>Runs the submit script; the job ids it prints, or the exit code of a failure (already reported).</summary>
    private ((string Array, string Merge)? Jobs, ExitCode? Exit) Submit(string submitScript, string outputDirectory)
    {
        if (!OnPath("sbatch"))
        {
            context.Error.WriteLine($"error: --submit: sbatch not found on PATH; the scripts are written: run `bash {submitScript}` on the cluster's login node");
            return (null, ExitCode.BadInput);
        }
        var start = new ProcessStartInfo("bash") { WorkingDirectory = outputDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(submitScript);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string stderr = errors.Result.Trim();
        string? Id(string key) => output.Split('\n').Select(s => s.Trim()).FirstOrDefault(s => s.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..];
        string? array = Id("array_job"), merge = Id("merge_job");
        if (process.ExitCode != 0 || array is null || merge is null)
        {
            context.Error.WriteLine($"error: --submit: `bash {submitScript}` failed (exit {process.ExitCode}){(array is null ? "" : $" after submitting job array {array}")}: {(stderr.Length > 0 ? stderr : output.Trim())}");
            return (null, ExitCode.Failure);
        }
        return ((array, merge), null);
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(d => File.Exists(Path.Combine(d, name)));

    /// <summary>
    /// The cathodesim the jobs run and, when it must first be put there, the shell command that does it: the one given
    /// (a path must exist here, as the nodes see the same shared file system; a bare name is looked up on the nodes),
    /// else a self-contained copy in &lt;output&gt;/cathodesim/, published from this build's source tree or copied from
    /// this cathodesim when it is itself self-contained.
    /// </summary>
    internal static (string Executable, string? Install) Executable(string outputDirectory, string? given)
    {
        if (given is not null)
        {
            if (!given.Contains('/', StringComparison.Ordinal)) return (given, null);
            string full = Path.GetFullPath(given);
            if (!File.Exists(full))
                throw new FormatException($"--cathodesim '{given}': no such file; give a cathodesim on a file system the compute nodes share, or a name on their PATH (e.g. --cathodesim cathodesim)");
            return (full, null);
        }
        string folder = Path.Combine(outputDirectory, "cathodesim");
        string executable = Path.Combine(folder, "cathodesim");
        string here = AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(here, "libcoreclr.so")) && File.Exists(Path.Combine(here, "cathodesim")))
            return (executable, $"mkdir -p {SlurmScript.Quote(folder)} && cp -a {SlurmScript.Quote(Path.TrimEndingDirectorySeparator(here) + "/.")} {SlurmScript.Quote(folder)}");
        if (SourceProject(here) is { } project)
        {
            string rid = RuntimeInformation.RuntimeIdentifier.StartsWith("linux-", StringComparison.Ordinal) ? RuntimeInformation.RuntimeIdentifier : "linux-x64";
            return (executable, $"dotnet publish {SlurmScript.Quote(project)} -c Release -r {rid} --self-contained -o {SlurmScript.Quote(folder)} -nologo -v quiet");
        }
        if (File.Exists(executable)) return (executable, null);
        throw new FormatException("--emit-slurm: cannot provide a self-contained cathodesim for the compute nodes (this one is neither self-contained nor built in a source tree); give --cathodesim PATH (on the shared file system) or --cathodesim cathodesim (on the nodes' PATH)");
    }

    /// <summary>src/CathodeSim.Cli/CathodeSim.Cli.csproj of the source tree above <paramref name="directory"/> (a build output folder), or null.</summary>
    private static string? SourceProject(string directory)
    {
        for (var d = new DirectoryInfo(directory); d is not null; d = d.Parent)
        {
            string project = Path.Combine(d.FullName, "src", "CathodeSim.Cli", "CathodeSim.Cli.csproj");
            if (File.Exists(project)) return project;
        }
        return null;
    }
}
