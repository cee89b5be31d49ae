using Spectre.Console;

namespace CathodeSim.Cli;

/// <summary>Where a command writes: machine output (stdout), human output, progress and errors (stderr), and a cancellation token.</summary>
/// <param name="Out">Stdout: JSON or tables.</param>
/// <param name="Human">Tables and messages for people (stdout).</param>
/// <param name="Progress">Progress bars (stderr; shown only when it is a terminal).</param>
/// <param name="Error">Error messages, one plain line each (never wrapped, so scripts can read them).</param>
/// <param name="Cancellation">Set on Ctrl+C.</param>
public sealed record CliContext(TextWriter Out, IAnsiConsole Human, IAnsiConsole Progress, TextWriter Error, CancellationToken Cancellation)
{
    /// <summary>
    /// How often long commands (run, sweep, optimize-ratio, validate, fit, microstructure) write a plain progress line on
    /// <see cref="Error"/>, or null for none. The process sets it when stderr is not a terminal (a log, a Slurm job), where
    /// no progress bar is drawn: 5 s, or <c>CATHODESIM_PROGRESS_INTERVAL</c> seconds (0 switches the lines off).
    /// </summary>
    public TimeSpan? ProgressInterval { get; init; }

    /// <summary>The default of <see cref="ProgressInterval"/> where stderr is not a terminal.</summary>
    public static readonly TimeSpan DefaultProgressInterval = TimeSpan.FromSeconds(5);

    /// <summary>The process console: tables on stdout, progress and errors on stderr.</summary>
    public static CliContext ForProcess(CancellationToken cancellation) => new(
        Console.Out,
        HumanConsole(),
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
        Console.Error,
        cancellation)
    {
        ProgressInterval = Console.IsErrorRedirected ? ProgressIntervalFrom(Environment.GetEnvironmentVariable("CATHODESIM_PROGRESS_INTERVAL")) : null,
    };

    /// <summary>
    /// <c>CATHODESIM_PROGRESS_INTERVAL</c> in seconds (a plain number, e.g. 0.5): unset or unreadable gives the default,
    /// 0 or less no lines.
    /// </summary>
    public static TimeSpan? ProgressIntervalFrom(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)
            || !double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds)
            || !double.IsFinite(seconds))
            return DefaultProgressInterval;
        return seconds > 0 ? TimeSpan.FromSeconds(Math.Max(seconds, 0.01)) : null;
    }

    /// <summary>A study's notes and warnings as <c>note: ...</c> and <c>warning: ...</c> lines on <see cref="Error"/>.</summary>
    public Studies.IStudyLog StudyLog() => Studies.StudyLog.ToLines(Error.WriteLine);

    /// <summary>Tables on stdout; when stdout is a file or pipe (job logs), lines are not wrapped at 80 columns.</summary>
    private static IAnsiConsole HumanConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected) console.Profile.Width = 240;
        return console;
    }
}
