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
            RetryFailed = options.RetryFailed,
        };
        SweepPlan plan;
        Shard? shard;
        try
        {
            plan = study.Load(request, out shard);
            if (options.EmitSlurm is < 1) throw new FormatException($"--emit-slurm {options.EmitSlurm}: expected at least 1 task");
            CheckClusterOptions(options, shard);
        }
        catch (Exception e) when (e is ConfigException or FormatException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        string outputDirectory = Path.GetFullPath(options.OutputDirectory ?? "out");
        if (options.EmitSlurm is { } tasks) return new SweepSlurm(context).Emit(plan, options, outputDirectory, tasks);
        if (options.ResubmitFailed) return new SweepSlurm(context).Resubmit(plan, options, outputDirectory);

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
        new SweepSlurm(context).NoteRun(plan, options, outputDirectory, shard);
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

    /// <summary>The cluster options belong to --emit-slurm and --resubmit-failed, --retry-failed to a journalled run.</summary>
    private static void CheckClusterOptions(SweepOptions options, Shard? shard)
    {
        bool scripts = options.EmitSlurm is not null || options.ResubmitFailed;
        if (options.EmitSlurm is not null && options.ResubmitFailed)
            throw new FormatException("--emit-slurm and --resubmit-failed: give one (--resubmit-failed reuses the shard count of the earlier --emit-slurm)");
        if (!scripts && options.Slurm is { IsEmpty: false } given)
            throw new FormatException($"{string.Join(", ", given.GivenOptions())}: only with --emit-slurm N or --resubmit-failed (scheduler settings of the job array)");
        if (!scripts && options.Submit) throw new FormatException("--submit: only with --emit-slurm N or --resubmit-failed");
        if (options.RetryFailed && (scripts || (!options.Resume && shard is null)))
            throw new FormatException("--retry-failed: only with --resume (it runs the failed cases of a journalled sweep again); a Slurm resubmission passes it itself");
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
