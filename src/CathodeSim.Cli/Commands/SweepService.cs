using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.Cli.Reporting;
using CathodeSim.Gpu;
using CathodeSim.IO.Config;
using CathodeSim.IO.Output;
using CathodeSim.IO.Sweeps;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>Carries out `cathodesim sweep`: plan -> journal -> parallel cases -> assembled file, table and plots.</summary>
internal sealed class SweepService(CliContext context)
{
    public ExitCode Execute(SweepOptions options)
    {
        SweepPlan plan;
        Shard? shard;
        try
        {
            plan = SweepLoader.Load(options.SweepPath, options.Overrides);
            shard = ResolveShard(options.Shard);
            if (options.Jobs is < 1) throw new FormatException($"--jobs {options.Jobs}: expected at least 1");
            if (options.EmitSlurm is < 1) throw new FormatException($"--emit-slurm {options.EmitSlurm}: expected at least 1 task");
            CheckClusterOptions(options, shard);
        }
        catch (Exception e) when (e is ConfigException or FormatException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        string outputDirectory = Path.GetFullPath(options.OutputDirectory ?? "out");
        var layout = new SweepStoreLayout(outputDirectory, plan.Name);
        if (options.EmitSlurm is { } tasks) return new SweepSlurm(context).Emit(plan, options, outputDirectory, tasks);
        if (options.ResubmitFailed) return new SweepSlurm(context).Resubmit(plan, options, outputDirectory);

        SweepJournal journal;
        SweepLock held;
        try
        {
            Directory.CreateDirectory(outputDirectory);
            held = SweepLock.Acquire(SweepLock.PathOf(layout, shard));
        }
        catch (SweepStoreException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        using var sweepLock = held;
        try
        {
            // Under the lock: what killed sweeps and runs left here goes before this one starts.
            var recovered = OutputRecovery.Recover(outputDirectory);
            if (recovered.FoundAny) context.Error.WriteLine($"note: {recovered.Describe(outputDirectory)}");
            int temporaries = OutputRecovery.RemoveTemporaryFiles(layout.Journal);
            if (temporaries > 0) context.Error.WriteLine($"note: {layout.Journal}: removed {temporaries} temporary file{(temporaries == 1 ? "" : "s")} of killed sweeps");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: could not clean up '{outputDirectory}' after an earlier killed run: {e.Message}");
            return ExitCode.Failure;
        }
        try
        {
            journal = SweepJournal.Open(layout, plan, options.Resume || shard is not null);
        }
        catch (SweepStoreException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        new SweepSlurm(context).NoteRun(plan, options, outputDirectory, shard);

        var owned = plan.Cases.Where(c => shard is null || shard.Value.Owns(c.Index)).ToList();
        if (options.RetryFailed)
        {
            int retried = journal.ForgetFailures(owned.Select(c => c.Index));
            context.Error.WriteLine($"note: --retry-failed: {retried} failed case{(retried == 1 ? "" : "s")} of the journal run{(retried == 1 ? "s" : "")} again");
        }
        var finished = journal.FinishedCases(verify: true);
        // law: microstructure: one resolver for the whole sweep, so every case on the same composition line shares its tables.
        var resolver = owned.Any(c => c.Setups.Any(Analysis.Microstructure.MicrostructureLawResolver.Needs)) ? MicrostructureLaws.Resolver(context, true) : null;
        var todo = owned.Where(c => !finished.Contains(c.Index))
            .Select(c => new SweepWorkItem(c.Index, resolver is null ? c.Setups : [.. c.Setups.Select(s => resolver.Resolve(s))])).ToList();
        int jobs = options.Jobs ?? Environment.ProcessorCount;
        DeviceChoice device;
        try
        {
            if (options.Batch is < 1) throw new ArgumentException($"--batch {options.Batch}: expected at least 1");
            device = DeviceSelection.Select(options.Device);
        }
        catch (Exception e) when (e is DeviceUnavailableException or ArgumentException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        using var _ = device;
        ResidentLockstepBatch? batch;
        try
        {
            batch = device.BackEnd == "cpu" ? null : Lockstep(device, todo, options.Batch ?? 256, out jobs);
        }
        catch (ArgumentException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        using var lockstep = batch;
        if (!options.Json) context.Human.MarkupLineInterpolated($"[grey]device: {device.Description}{(lockstep is null ? $", {jobs} parallel cases" : $", {jobs} cases resident per batch")}[/]");
        var runner = new SweepRunner(jobs, lockstep: lockstep, caseTimeLimit: plan.CaseTimeLimit);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            Run(runner, todo, journal, showProgress: !options.Json);
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine($"interrupted: {journal.FinishedCases().Count} finished cases are kept in {layout.Journal}; rerun with --resume to continue.");
            return ExitCode.Cancelled;
        }
        double seconds = clock.Elapsed.TotalSeconds;

        var header = SweepHeader.Of(plan, ProgramInfo.Version);
        var indices = owned.Select(c => c.Index).ToList();
        var byIndex = plan.Cases.ToDictionary(c => c.Index);
        double[] Parameters(int index) => byIndex[index].Values.Select(v => v.Value).ToArray();
        List<SweepRow> rows = [];
        IReadOnlyList<string> files;
        try
        {
            if (!OutputFiles.TryWrite(context, outputDirectory, staging =>
                {
                    var staged = new SweepStoreLayout(staging, plan.Name);
                    string result = staged.Result(shard);
                    SweepFileWriter.Write(result, header, shard?.ToString() ?? "", indices, Parameters, journal.Read);
                    using (var reader = SweepFileReader.Open(result)) rows = reader.Rows.ToList();
                    SweepFileWriter.WriteCsv(staged.Table(shard), header, rows);
                    return [result, staged.Table(shard), .. shard is null ? WritePlots(staging, header, rows) : []];
                }, out files))
                return ExitCode.Failure;
        }
        catch (SweepStoreException e)
        {
            context.Error.WriteLine($"error: could not write sweep results to '{outputDirectory}': {e.Message}");
            return ExitCode.Failure;
        }

        int failed = rows.Count(r => !SweepStatus.HasResults(r.Status));
        int warned = rows.Count(r => r.Status == SweepStatus.Warning);
        if (options.Json) context.Out.WriteLine(Json(device.Description, plan, shard, rows.Count, todo.Count, failed, warned, seconds, files));
        else
        {
            context.Human.MarkupLineInterpolated($"{plan.Name}: {rows.Count} cases{(shard is null ? "" : $" (shard {shard})")}, {todo.Count} run now, {owned.Count - todo.Count} resumed from the journal, [red]{failed} failed[/], [yellow]{warned} with warnings[/], {seconds:F1} s ({(seconds > 0 ? todo.Count / seconds : 0):F1} cases/s)");
            SweepSummary.ListCases(context.Human, rows);
            foreach (var file in files) context.Human.MarkupLineInterpolated($"wrote [green]{file}[/]");
        }
        return ExitCode.Success;
    }

    /// <summary>
    /// A device batch for the cases (null on the CPU): every case's particles must fit a slot and share the radial grid.
    /// </summary>
    private static ResidentLockstepBatch? Lockstep(DeviceChoice device, List<SweepWorkItem> todo, int batch, out int slots)
    {
        var setups = todo.SelectMany(item => item.Setups).ToList();
        slots = Math.Max(1, Math.Min(batch, todo.Count));
        if (setups.Count == 0) return null;
        int shells = setups[0].Numerics.RadialShells;
        if (setups.Any(s => s.Numerics.RadialShells != shells))
            throw new ArgumentException("--device: every case of a device sweep must share numerics.radial_shells");
        int systems = setups.Max(s => s.Numerics.CathodeNodes * s.Numerics.SizeBins);
        return device.CreateLockstepBatch(slots, systems, shells);
    }

    /// <summary>Plots are a convenience: the results are already written, so a plotting problem is a warning.</summary>
    private IEnumerable<string> WritePlots(string directory, SweepHeader header, List<SweepRow> rows)
    {
        try
        {
            return SweepPlots.Write(directory, header, rows);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            context.Error.WriteLine($"warning: plots not written: {e.Message}");
            return [];
        }
    }

    private void Run(SweepRunner runner, List<SweepWorkItem> todo, SweepJournal journal, bool showProgress)
    {
        if (!context.Progress.Profile.Capabilities.Interactive)
        {
            // A log or a Slurm job: a plain line every few seconds (stderr), with --json too.
            using var lines = ProgressLines.Start(context, "sweep");
            lines.Update($"0/{todo.Count} cases");
            var report = lines.Active ? new SynchronousProgress<SweepProgress>(p => lines.Update(() => SweepLine(p))) : null;
            runner.Run(todo, journal.Record, report, context.Cancellation);
            return;
        }
        if (!showProgress)
        {
            runner.Run(todo, journal.Record, null, context.Cancellation);
            return;
        }
        context.Progress.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progressContext =>
            {
                var task = progressContext.AddTask("cases", maxValue: Math.Max(1, todo.Count));
                var progress = new SynchronousProgress<SweepProgress>(p =>
                {
                    task.Value = p.Done;
                    task.Description = $"{p.Done}/{p.Total} done, {p.Failed} failed, {p.Rate:F1} cases/s";
                });
                runner.Run(todo, journal.Record, progress, context.Cancellation);
            });
    }

    /// <summary>"120/1000 cases, 3 failed, 45.1 cases/s, ETA 19 s" (ETA once a case has finished).</summary>
    internal static string SweepLine(SweepProgress p) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{p.Done}/{p.Total} cases, {p.Failed} failed, {p.Rate:0.0} cases/s{(double.IsFinite(p.SecondsLeft) ? $", ETA {p.SecondsLeft:0} s" : "")}");

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

    /// <summary>--shard wins; inside a Slurm job array the array task id and count give the shard.</summary>
    private static Shard? ResolveShard(string? text)
    {
        if (text is not null) return Shard.Parse(text);
        string? id = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID"), count = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_COUNT");
        if (id is null || count is null) return null;
        return Shard.Parse($"{id}/{count}");
    }

    private static string Json(string deviceDescription, SweepPlan plan, Shard? shard, int cases, int ran, int failed, int warned, double seconds, IReadOnlyList<string> files)
    {
        var fileArray = new JsonArray();
        foreach (var f in files) fileArray.Add(f);
        return new JsonObject
        {
            ["name"] = plan.Name, ["device"] = deviceDescription, ["shard"] = shard?.ToString(), ["cases"] = cases, ["ran"] = ran, ["resumed"] = cases - ran,
            ["failed"] = failed, ["with_warnings"] = warned, ["wall_time_s"] = seconds, ["cases_per_second"] = seconds > 0 ? ran / seconds : 0, ["files"] = fileArray,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
