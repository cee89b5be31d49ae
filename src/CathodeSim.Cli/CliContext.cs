using Spectre.Console;

namespace CathodeSim.Cli;

/// <summary>Where a command writes: machine output (stdout), human output and errors (a console on stderr), and a cancellation token.</summary>
/// <param name="Out">Stdout: JSON or tables.</param>
/// <param name="Human">Tables and messages for people.</param>
/// <param name="Error">Errors and progress.</param>
/// <param name="Cancellation">Set on Ctrl+C.</param>
public sealed record CliContext(TextWriter Out, IAnsiConsole Human, IAnsiConsole Error, CancellationToken Cancellation)
{
    /// <summary>The process console: tables on stdout, progress and errors on stderr.</summary>
    public static CliContext ForProcess(CancellationToken cancellation) => new(
        Console.Out,
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }),
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
        cancellation);
}
