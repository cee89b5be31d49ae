using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.Cli.Reporting;
using CathodeSim.Gpu;
using CathodeSim.IO.Config;
using CathodeSim.IO.Sweeps;
using CathodeSim.Studies;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>
/// Carries out `cathodesim sweep` over <see cref="SweepStudy"/>: the study's errors as exit codes, progress on stderr,
/// the summary or JSON on stdout.
/// </summary>
internal sealed class SweepCommandAction(CliContext context)
{
    public ExitCode Execute(SweepOptions options)
    {
        var study = new SweepStudy(context.StudyLog(), MicrostructureMessages.For(context, true));
        var request = new SweepRequest(options.SweepPath, options.Overrides, options.OutputDirectory, options.Resume, options.Shard, options.Jobs, options.Device, options.Batch)
        {
            ProgramVersion = ProgramInfo.Version,
        };
        SweepPlan plan;
        Shard? shard;
        try
        {
            plan = study.Load(request, out shard);
            if (options.EmitSlurm is < 1) throw new FormatException($"--emit-slurm {options.EmitSlurm}: expected at least 1 task");
        }
        catch (Exception e) when (e is ConfigException or FormatException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        if (options.EmitSlurm is { } tasks) return EmitSlurm(request, plan, options.Json, tasks);

        PreparedSweep prepared;
        try
        {
            prepared = study.Prepare(request, plan, shard, context.Cancellation);
        }
        catch (StudyOutputException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.Failure;
        }
        catch (Exception e) when (e is SweepStoreException or DeviceUnavailableException or ArgumentException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        using var _ = prepared;
        if (!options.Json)
            context.Human.MarkupLineInterpolated($"[grey]device: {prepared.DeviceDescription}{(prepared.Resident ? $", {prepared.Jobs} cases resident per batch" : $", {prepared.Jobs} parallel cases")}[/]");
        try
        {
            Run(prepared, showProgress: !options.Json);
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine($"interrupted: {prepared.FinishedCaseCount} finished cases are kept in {prepared.JournalDirectory}; rerun with --resume to continue.");
            return ExitCode.Cancelled;
        }

        SweepOutcome outcome;
        try
        {
            outcome = prepared.Write(context.Cancellation);
        }
        catch (StudyOutputException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.Failure;
        }

        var rows = outcome.Rows.ToList();
        double seconds = outcome.Seconds;
        if (options.Json) context.Out.WriteLine(Json(outcome));
        else
        {
            context.Human.MarkupLineInterpolated($"{outcome.Name}: {rows.Count} cases{(shard is null ? "" : $" (shard {shard})")}, {outcome.Ran} run now, {outcome.Resumed} resumed from the journal, [red]{outcome.Failed} failed[/], [yellow]{outcome.WithWarnings} with warnings[/], {seconds:F1} s ({(seconds > 0 ? outcome.Ran / seconds : 0):F1} cases/s)");
            SweepSummary.ListCases(context.Human, rows);
            foreach (var file in outcome.Files) context.Human.MarkupLineInterpolated($"wrote [green]{file}[/]");
        }
        return ExitCode.Success;
    }

    private void Run(PreparedSweep prepared, bool showProgress)
    {
        if (!context.Progress.Profile.Capabilities.Interactive)
        {
            // A log or a Slurm job: a plain line every few seconds (stderr), with --json too.
            using var lines = ProgressLines.Start(context, "sweep");
            lines.Update($"0/{prepared.CasesToRun} cases");
            var report = lines.Active ? new SynchronousProgress<SweepProgress>(p => lines.Update(() => SweepStudy.SweepLine(p))) : null;
            prepared.Run(report, context.Cancellation);
            return;
        }
        if (!showProgress)
        {
            prepared.Run(null, context.Cancellation);
            return;
        }
        context.Progress.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progressContext =>
            {
                var task = progressContext.AddTask("cases", maxValue: Math.Max(1, prepared.CasesToRun));
                var progress = new SynchronousProgress<SweepProgress>(p =>
                {
                    task.Value = p.Done;
                    task.Description = $"{p.Done}/{p.Total} done, {p.Failed} failed, {p.Rate:F1} cases/s";
                });
                prepared.Run(progress, context.Cancellation);
            });
    }

    private ExitCode EmitSlurm(SweepRequest request, SweepPlan plan, bool json, int tasks)
    {
        SlurmScriptOutcome script;
        try
        {
            script = SweepStudy.EmitSlurm(request, plan, tasks, ProgramInfo.Invocation);
        }
        catch (StudyOutputException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.Failure;
        }
        if (json) context.Out.WriteLine(new JsonObject { ["script"] = script.Path, ["tasks"] = script.Tasks, ["cases"] = script.Cases }.ToJsonString());
        else context.Human.MarkupLineInterpolated($"wrote [green]{script.Path}[/]: submit with `sbatch {script.Path}`, then merge the shard files with `cathodesim merge`.");
        return ExitCode.Success;
    }

    private static string Json(SweepOutcome outcome)
    {
        var fileArray = new JsonArray();
        foreach (var f in outcome.Files) fileArray.Add(f);
        int cases = outcome.Rows.Count, ran = outcome.Ran;
        double seconds = outcome.Seconds;
        return new JsonObject
        {
            ["name"] = outcome.Name, ["device"] = outcome.DeviceDescription, ["shard"] = outcome.Shard?.ToString(), ["cases"] = cases, ["ran"] = ran, ["resumed"] = cases - ran,
            ["failed"] = outcome.Failed, ["with_warnings"] = outcome.WithWarnings, ["wall_time_s"] = seconds, ["cases_per_second"] = seconds > 0 ? ran / seconds : 0, ["files"] = fileArray,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
