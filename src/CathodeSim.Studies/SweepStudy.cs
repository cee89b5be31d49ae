using CathodeSim.Analysis.Sweeps;
using CathodeSim.Gpu;
using CathodeSim.IO.Config;
using CathodeSim.IO.Output;
using CathodeSim.IO.Sweeps;

namespace CathodeSim.Studies;

/// <summary>
/// A parameter sweep, as <c>cathodesim sweep</c> runs it: plan -> journal -> parallel cases -> assembled file, table
/// and plots. <see cref="Load"/>, then <see cref="Prepare"/> (lock, journal, device), <see cref="PreparedSweep.Run"/>
/// and <see cref="PreparedSweep.Write"/>; or everything at once with <see cref="Run"/>.
/// </summary>
/// <param name="log">Notes (files of killed sweeps cleared) and warnings (plots not written, an unwritable structure cache); null for none.</param>
/// <param name="messages">Messages of the 3D structures computed for <c>law: microstructure</c>; null for none.</param>
public sealed class SweepStudy(IStudyLog? log = null, IProgress<string>? messages = null)
{
    /// <summary>Reads and expands the sweep file and resolves the shard.</summary>
    /// <param name="request">The sweep.</param>
    /// <param name="shard">The shard to run, or null for every case.</param>
    /// <exception cref="ConfigException">The sweep file, a config or an override is wrong.</exception>
    /// <exception cref="FormatException">The shard or the number of jobs is not usable.</exception>
    public SweepPlan Load(SweepRequest request, out Shard? shard)
    {
        var plan = SweepLoader.Load(request.SweepPath, request.Overrides);
        shard = ResolveShard(request.Shard);
        if (request.Jobs is < 1) throw new FormatException($"--jobs {request.Jobs}: expected at least 1");
        return plan;
    }

    /// <summary>
    /// Takes the sweep's lock in the output directory, clears what killed sweeps left there, opens the journal, resolves
    /// <c>law: microstructure</c> transport laws and selects the device.
    /// </summary>
    /// <param name="request">The sweep.</param>
    /// <param name="plan">From <see cref="Load"/>.</param>
    /// <param name="shard">From <see cref="Load"/>.</param>
    /// <param name="cancellation">Stops the structure computations.</param>
    /// <exception cref="SweepStoreException">The sweep is locked by another run, or its journal does not fit (bad input).</exception>
    /// <exception cref="StudyOutputException">The output directory could not be cleaned up after an earlier killed run.</exception>
    /// <exception cref="DeviceUnavailableException">The device asked for is not there.</exception>
    /// <exception cref="ArgumentException">The device, the batch size, or the cases for a device batch are not usable.</exception>
    public PreparedSweep Prepare(SweepRequest request, SweepPlan plan, Shard? shard, CancellationToken cancellation = default)
    {
        string outputDirectory = Path.GetFullPath(request.OutputDirectory ?? "out");
        var layout = new SweepStoreLayout(outputDirectory, plan.Name);
        Directory.CreateDirectory(outputDirectory);
        var held = SweepLock.Acquire(SweepLock.PathOf(layout, shard));
        try
        {
            try
            {
                // Under the lock: what killed sweeps and runs left here goes before this one starts.
                var recovered = OutputRecovery.Recover(outputDirectory);
                if (recovered.FoundAny) log?.Note(recovered.Describe(outputDirectory));
                int temporaries = OutputRecovery.RemoveTemporaryFiles(layout.Journal);
                if (temporaries > 0) log?.Note($"{layout.Journal}: removed {temporaries} temporary file{(temporaries == 1 ? "" : "s")} of killed sweeps");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StudyOutputException($"could not clean up '{outputDirectory}' after an earlier killed run: {e.Message}", e);
            }
            var journal = SweepJournal.Open(layout, plan, request.Resume || shard is not null);

            var owned = plan.Cases.Where(c => shard is null || shard.Value.Owns(c.Index)).ToList();
            if (request.RetryFailed)
            {
                int retried = journal.ForgetFailures(owned.Select(c => c.Index));
                log?.Note($"--retry-failed: {retried} failed case{(retried == 1 ? "" : "s")} of the journal run{(retried == 1 ? "s" : "")} again");
            }
            var finished = journal.FinishedCases(verify: true);
            // law: microstructure: one resolver for the whole sweep, so every case on the same composition line shares its tables.
            var resolver = owned.Any(c => c.Setups.Any(Analysis.Microstructure.MicrostructureLawResolver.Needs)) ? MicrostructureLaws.Resolver(log, messages, cancellation) : null;
            var todo = owned.Where(c => !finished.Contains(c.Index))
                .Select(c => new SweepWorkItem(c.Index, resolver is null ? c.Setups : [.. c.Setups.Select(s => resolver.Resolve(s))])).ToList();
            int jobs = request.Jobs ?? Environment.ProcessorCount;
            if (request.Batch is < 1) throw new ArgumentException($"--batch {request.Batch}: expected at least 1");
            var device = DeviceSelection.Select(request.Device);
            ResidentLockstepBatch? batch;
            try
            {
                batch = device.BackEnd == "cpu" ? null : Lockstep(device, todo, request.Batch ?? 256, out jobs);
            }
            catch
            {
                device.Dispose();
                throw;
            }
            return new PreparedSweep(request, plan, shard, layout, journal, held, owned, todo, device, batch, jobs, log);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Loads, prepares, runs and writes the sweep in one call.</summary>
    /// <param name="request">The sweep.</param>
    /// <param name="progress">A report per finished case; null for none.</param>
    /// <param name="cancellation">Stops the sweep: finished cases stay in the journal for <see cref="SweepRequest.Resume"/>, nothing else is written.</param>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public SweepOutcome Run(SweepRequest request, IProgress<SweepProgress>? progress = null, CancellationToken cancellation = default)
    {
        var plan = Load(request, out var shard);
        using var prepared = Prepare(request, plan, shard, cancellation);
        prepared.Run(progress, cancellation);
        return prepared.Write(cancellation);
    }

    /// <summary>
    /// A device batch for the cases (null on the CPU): every case's particles must fit a slot and share the radial grid.
    /// </summary>
    private static ResidentLockstepBatch? Lockstep(DeviceChoice device, List<SweepWorkItem> todo, int batch, out int slots)
    {
        var setups = todo.SelectMany(item => item.Setups).ToList();
        slots = Math.Max(1, Math.Min(batch, todo.Count));
        if (setups.Count == 0) return null;
        if (setups.Any(s => s.Liquid is not null))
            throw new ArgumentException("--device: liquid-electrolyte (mode: dfn) cases run on the CPU only; use --device cpu");
        int shells = setups[0].Numerics.RadialShells;
        if (setups.Any(s => s.Numerics.RadialShells != shells))
            throw new ArgumentException("--device: every case of a device sweep must share numerics.radial_shells");
        int systems = setups.Max(s => s.Numerics.CathodeNodes * s.Numerics.SizeBins);
        return device.CreateLockstepBatch(slots, systems, shells);
    }

    /// <summary>"120/1000 cases, 3 failed, 45.1 cases/s, ETA 19 s" (ETA once a case has finished).</summary>
    /// <param name="p">The sweep's latest progress.</param>
    public static string SweepLine(SweepProgress p) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{p.Done}/{p.Total} cases, {p.Failed} failed, {p.Rate:0.0} cases/s{(double.IsFinite(p.SecondsLeft) ? $", ETA {p.SecondsLeft:0} s" : "")}");

    /// <summary>--shard wins; inside a Slurm job array the array task id and count give the shard.</summary>
    private static Shard? ResolveShard(string? text)
    {
        if (text is not null) return Shard.Parse(text);
        string? id = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID"), count = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_COUNT");
        if (id is null || count is null) return null;
        return Shard.Parse($"{id}/{count}");
    }
}
