using CathodeSim.Analysis.Sweeps;
using CathodeSim.Gpu;
using CathodeSim.IO.Sweeps;

namespace CathodeSim.Studies;

/// <summary>
/// A sweep holding its lock, journal and device: <see cref="Run"/> computes the cases not yet in the journal,
/// <see cref="Write"/> assembles the file, table and plots. Dispose it to release the lock and the device.
/// </summary>
public sealed class PreparedSweep : IDisposable
{
    private readonly SweepRequest _request;
    private readonly SweepStoreLayout _layout;
    private readonly SweepJournal _journal;
    private readonly SweepLock _lock;
    private readonly List<SweepCase> _owned;
    private readonly List<SweepWorkItem> _todo;
    private readonly DeviceChoice _device;
    private readonly ResidentLockstepBatch? _lockstep;
    private readonly IStudyLog? _log;
    private double _seconds;

    internal PreparedSweep(SweepRequest request, SweepPlan plan, Shard? shard, SweepStoreLayout layout, SweepJournal journal, SweepLock held,
        List<SweepCase> owned, List<SweepWorkItem> todo, DeviceChoice device, ResidentLockstepBatch? lockstep, int jobs, IStudyLog? log)
    {
        _request = request;
        Plan = plan;
        Shard = shard;
        _layout = layout;
        _journal = journal;
        _lock = held;
        _owned = owned;
        _todo = todo;
        _device = device;
        _lockstep = lockstep;
        Jobs = jobs;
        _log = log;
    }

    /// <summary>The expanded sweep.</summary>
    public SweepPlan Plan { get; }

    /// <summary>The shard run, or null for every case.</summary>
    public Shard? Shard { get; }

    /// <summary>Where the particle solves run, e.g. "cpu".</summary>
    public string DeviceDescription => _device.Description;

    /// <summary>Cases run in parallel on the CPU, or kept resident per batch on a device.</summary>
    public int Jobs { get; }

    /// <summary>True when the cases run resident on a device in lockstep batches.</summary>
    public bool Resident => _lockstep is not null;

    /// <summary>Cases still to compute (not in the journal).</summary>
    public int CasesToRun => _todo.Count;

    /// <summary>Cases of this run (shard).</summary>
    public int CasesOwned => _owned.Count;

    /// <summary>The journal folder, where finished cases are kept for a resumed run.</summary>
    public string JournalDirectory => _layout.Journal;

    /// <summary>Cases finished so far (in the journal).</summary>
    public int FinishedCaseCount => _journal.FinishedCases().Count;

    /// <summary>Computes the cases not yet in the journal, in parallel, recording each as it finishes.</summary>
    /// <param name="progress">A report per finished case; null for none.</param>
    /// <param name="cancellation">Stops the sweep; finished cases stay in the journal.</param>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public void Run(IProgress<SweepProgress>? progress, CancellationToken cancellation)
    {
        var runner = new SweepRunner(Jobs, lockstep: _lockstep, caseTimeLimit: Plan.CaseTimeLimit);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        runner.Run(_todo, _journal.Record, progress, cancellation);
        _seconds = clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Writes <c>&lt;name&gt;.h5</c> (table of inputs and results, each case's time series), <c>&lt;name&gt;_table.csv</c>
    /// and, for a whole sweep, a PNG per result and swept parameter (a shard writes <c>&lt;name&gt;.shard-i-of-N.h5</c> and its table).
    /// </summary>
    /// <param name="cancellation">When set, nothing is written.</param>
    /// <exception cref="StudyOutputException">The files could not be written.</exception>
    public SweepOutcome Write(CancellationToken cancellation)
    {
        string outputDirectory = _layout.Directory;
        var header = SweepHeader.Of(Plan, _request.ProgramVersion);
        var indices = _owned.Select(c => c.Index).ToList();
        var byIndex = Plan.Cases.ToDictionary(c => c.Index);
        double[] Parameters(int index) => byIndex[index].Values.Select(v => v.Value).ToArray();
        List<SweepRow> rows = [];
        IReadOnlyList<string> files;
        try
        {
            files = StudyOutput.Write(outputDirectory, staging =>
            {
                var staged = new SweepStoreLayout(staging, Plan.Name);
                string result = staged.Result(Shard);
                SweepFileWriter.Write(result, header, Shard?.ToString() ?? "", indices, Parameters, _journal.Read);
                using (var reader = SweepFileReader.Open(result)) rows = reader.Rows.ToList();
                SweepFileWriter.WriteCsv(staged.Table(Shard), header, rows);
                return [result, staged.Table(Shard), .. Shard is null ? WritePlots(staging, header, rows) : []];
            }, _log, cancellation);
        }
        catch (SweepStoreException e)
        {
            throw new StudyOutputException($"could not write sweep results to '{outputDirectory}': {e.Message}", e);
        }
        return new SweepOutcome(Plan.Name, Shard, rows, _todo.Count, _owned.Count - _todo.Count, _seconds, files, DeviceDescription);
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
            _log?.Warning($"plots not written: {e.Message}");
            return [];
        }
    }

    /// <summary>Releases the device batch, the device and the sweep's lock.</summary>
    public void Dispose()
    {
        _lockstep?.Dispose();
        _device.Dispose();
        _lock.Dispose();
    }
}
