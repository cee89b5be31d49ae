using System.Diagnostics;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using CathodeSim.Numerics.Diffusion;

namespace CathodeSim.Analysis.Sweeps;

/// <summary>One unit of sweep work: a case index and the setups (one per protocol) it runs.</summary>
/// <param name="Index">Case index.</param>
/// <param name="Setups">Setups, one per protocol.</param>
public sealed record SweepWorkItem(int Index, IReadOnlyList<SimulationSetup> Setups);

/// <summary>
/// What one case produced. Either <see cref="Results"/> (one per protocol) or <see cref="Error"/> is set. Results may
/// carry warnings (<see cref="Warnings"/>): they are still real data, but a step ended on a physical limit or at once.
/// </summary>
/// <param name="Index">Case index.</param>
/// <param name="Results">Results per protocol, null when the case failed.</param>
/// <param name="Metrics">Scalar metrics per protocol (see <see cref="CaseMetrics"/>), null when failed.</param>
/// <param name="Error">Why the case failed, null when it succeeded.</param>
/// <param name="WallSeconds">Time spent on the case.</param>
public sealed record CaseOutcome(int Index, IReadOnlyList<SimulationResult>? Results, IReadOnlyList<double[]>? Metrics, string? Error, double WallSeconds)
{
    /// <summary>The warnings of the case's runs as one line (<see cref="CaseWarnings.Summarize"/>), null when there are none or the case failed.</summary>
    public string? Warnings => Error is null && Results is not null ? CaseWarnings.Summarize(Results) : null;
}

/// <summary>Progress of a sweep.</summary>
/// <param name="Done">Cases finished (including failed).</param>
/// <param name="Failed">Cases that failed.</param>
/// <param name="Total">Cases to run in this invocation.</param>
/// <param name="ElapsedSeconds">Wall time so far.</param>
public readonly record struct SweepProgress(int Done, int Failed, int Total, double ElapsedSeconds)
{
    /// <summary>Cases per second so far.</summary>
    public double Rate => ElapsedSeconds > 0 ? Done / ElapsedSeconds : 0;

    /// <summary>Estimated seconds left at the current rate.</summary>
    public double SecondsLeft => Rate > 0 ? (Total - Done) / Rate : double.NaN;
}

/// <summary>
/// Runs sweep cases in parallel on the CPU cores. Each finished case is handed to the sink at once and not kept, so
/// memory stays flat however many cases there are. A case that fails (solver failure, exception) is reported with its
/// error and the sweep goes on. So does a case that runs longer than <c>caseTimeLimit</c> (null: no limit): it is
/// cancelled and reported as failed with that reason, so that one stalled case cannot hold a worker for ever.
/// </summary>
public sealed class SweepRunner(int maxParallelism, Func<Simulator>? simulatorFactory = null, ILockstepBatch? lockstep = null, TimeSpan? caseTimeLimit = null)
{
    private readonly Func<Simulator> _simulatorFactory = simulatorFactory ?? (() => new Simulator());

    /// <summary>Runs <paramref name="items"/>; <paramref name="sink"/> is called from worker threads concurrently (it must be thread-safe), progress one report at a time.</summary>
    public void Run(IReadOnlyList<SweepWorkItem> items, Action<CaseOutcome> sink, IProgress<SweepProgress>? progress, CancellationToken cancellation)
    {
        if (lockstep is not null)
        {
            RunLockstep(lockstep, items, sink, progress, cancellation);
            return;
        }
        var counter = new ProgressCounter(items.Count, progress);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelism), CancellationToken = cancellation };
        Parallel.ForEach(items, options, () => _simulatorFactory(), (item, _, simulator) =>
        {
            var outcome = RunCase(simulator, item, caseTimeLimit, cancellation);
            sink(outcome);
            counter.Finished(outcome);
            return simulator;
        }, _ => { });
    }

    /// <summary>
    /// Lockstep mode (a device batch): one dedicated thread per batch slot, each taking cases from a shared queue until
    /// it is empty; all slots' particle work goes to the device together. A thread keeps its member (its slot) from one
    /// case to the next, so a finished case hands its slot to the next waiting one.
    /// </summary>
    private void RunLockstep(ILockstepBatch batch, IReadOnlyList<SweepWorkItem> items, Action<CaseOutcome> sink, IProgress<SweepProgress>? progress, CancellationToken cancellation)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<SweepWorkItem>(items);
        var counter = new ProgressCounter(items.Count, progress);
        var gate = new object();
        Exception? fault = null;
        int threads = Math.Max(1, Math.Min(maxParallelism, items.Count));
        var workers = new List<Thread>();
        // Join every slot before any case starts, so the first launches already carry a full batch.
        var members = Enumerable.Range(0, threads).Select(_ => batch.Join()).ToList();
        foreach (var member in members)
        {
            var thread = new Thread(() =>
            {
                try
                {
                    var simulator = new Simulator(member.CreateStepper);
                    while (!cancellation.IsCancellationRequested && queue.TryDequeue(out var item))
                    {
                        var outcome = RunCase(simulator, item, caseTimeLimit, cancellation);
                        sink(outcome);
                        counter.Finished(outcome);
                    }
                }
                catch (Exception e)
                {
                    lock (gate) fault ??= e;
                }
                finally
                {
                    member.Dispose();
                }
            }) { IsBackground = true, Name = "sweep-lockstep" };
            workers.Add(thread);
            thread.Start();
        }
        foreach (var thread in workers) thread.Join();
        cancellation.ThrowIfCancellationRequested();
        if (fault is not null) throw new InvalidOperationException($"a lockstep sweep worker failed: {fault.Message}", fault);
    }

    /// <summary>Counts finished and failed cases and reports progress, one report at a time.</summary>
    private sealed class ProgressCounter(int total, IProgress<SweepProgress>? progress)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly object _gate = new();
        private int _done, _failed;

        public void Finished(CaseOutcome outcome)
        {
            lock (_gate)
            {
                _done++;
                if (outcome.Error is not null) _failed++;
                progress?.Report(new SweepProgress(_done, _failed, total, _clock.Elapsed.TotalSeconds));
            }
        }
    }

    private static CaseOutcome RunCase(Simulator simulator, SweepWorkItem item, TimeSpan? timeLimit, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var results = new List<SimulationResult>(item.Setups.Count);
        var metrics = new List<double[]>(item.Setups.Count);
        // The case's own token: cancelled by the sweep's or when the case runs out of time.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (timeLimit is { } allowed) timeout.CancelAfter(allowed);
        try
        {
            foreach (var setup in item.Setups)
            {
                var result = simulator.Run(setup, null, timeout.Token);
                if (!result.Diagnostics.Completed)
                    return new CaseOutcome(item.Index, null, null, $"{setup.Name}: {result.Diagnostics.FailureMessage}", clock.Elapsed.TotalSeconds);
                results.Add(result);
                metrics.Add(CaseMetrics.From(setup, result));
            }
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested && timeLimit is { } limit)
        {
            return new CaseOutcome(item.Index, null, null,
                $"exceeded the per-case time limit of {Describe(limit)} (case_time_limit in the sweep file) and was cancelled", clock.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException)
        {
            return new CaseOutcome(item.Index, null, null, $"{e.GetType().Name}: {e.Message}", clock.Elapsed.TotalSeconds);
        }
        return new CaseOutcome(item.Index, results, metrics, null, clock.Elapsed.TotalSeconds);
    }

    /// <summary>A time limit as written in sweep files: "10 min", "90 s", "250 ms".</summary>
    private static string Describe(TimeSpan limit)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (limit.TotalMinutes >= 1 && limit.TotalSeconds % 60 == 0) return $"{limit.TotalMinutes.ToString(inv)} min";
        if (limit.TotalSeconds >= 1) return $"{limit.TotalSeconds.ToString("0.###", inv)} s";
        return $"{limit.TotalMilliseconds.ToString("0.###", inv)} ms";
    }
}
