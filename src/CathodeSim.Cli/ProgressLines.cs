using System.Diagnostics;
using System.Globalization;

namespace CathodeSim.Cli;

/// <summary>
/// Plain progress lines on the error stream for long commands whose stderr is not a terminal (a log file, a Slurm job):
/// every <see cref="CliContext.ProgressInterval"/> one line "command: status, N s elapsed", with the latest status the
/// command reported. A terminal gets progress bars instead, and stdout (tables, --json) is never touched. A timer writes
/// the lines, so that a log shows the job alive also while one stage (a fit's evaluation, a validation case) runs long.
/// </summary>
internal sealed class ProgressLines : IDisposable
{
    private readonly TextWriter? _error;
    private readonly string _command;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly Timer? _timer;
    private readonly TimeSpan _interval;
    private Func<string>? _status;
    private bool _stopped;
    private int _written;

    private ProgressLines(CliContext context, string command)
    {
        _command = command;
        // Where a terminal shows progress bars, or the context asks for no lines (in-process callers, tests), nothing is written.
        if (context.ProgressInterval is not { } interval || interval <= TimeSpan.Zero) return;
        _error = context.Error;
        _interval = interval;
        _timer = new Timer(_ => Tick(), null, interval, interval);
    }

    /// <summary>Starts the lines of <paramref name="command"/> (inactive when the context has no progress interval).</summary>
    public static ProgressLines Start(CliContext context, string command) => new(context, command);

    /// <summary>True when lines are written: callers then need not build the status where nobody reads it.</summary>
    public bool Active => _timer is not null;

    /// <summary>Seconds since the command started.</summary>
    public double ElapsedSeconds => _clock.Elapsed.TotalSeconds;

    /// <summary>The latest status, e.g. "step 12/40, t = 3.2 h"; the next line carries it.</summary>
    public void Update(string status)
    {
        if (_timer is null) return;
        lock (_gate) _status = () => status;
    }

    /// <summary>A status computed when the line is written (rates and remaining time that depend on the moment).</summary>
    public void Update(Func<string> status)
    {
        if (_timer is null) return;
        lock (_gate) _status = status;
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (_stopped || _error is null) return;
            WriteLine();
        }
    }

    private void WriteLine()
    {
        string status = _status?.Invoke() ?? "starting";
        _error!.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_command}: {status}, {_clock.Elapsed.TotalSeconds:0.0} s elapsed"));
        _error.Flush();
        _written++;
    }

    /// <summary>
    /// Stops the lines; none is written after this returns (the command's own output follows). A command that ran longer
    /// than one interval without a line (the timer runs on the thread pool, which a loaded machine can hold up for
    /// seconds) gets its one line now, so a log never shows a long command silent.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_stopped && _error is not null && _written == 0 && _clock.Elapsed >= _interval) WriteLine();
            _stopped = true;
        }
        _timer?.Dispose();
    }
}
