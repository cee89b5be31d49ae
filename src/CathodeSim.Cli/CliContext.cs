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
    /// <summary>The process console: tables on stdout, progress and errors on stderr.</summary>
    public static CliContext ForProcess(CancellationToken cancellation) => new(
        Console.Out,
        HumanConsole(),
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
        Console.Error,
        cancellation);

    /// <summary>Tables on stdout; when stdout is a file or pipe (job logs), lines are not wrapped at 80 columns.</summary>
    private static IAnsiConsole HumanConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected) console.Profile.Width = 240;
        return console;
    }
}
