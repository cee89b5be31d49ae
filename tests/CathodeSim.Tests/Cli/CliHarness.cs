using CathodeSim.Cli;
using Spectre.Console;

namespace CathodeSim.Tests.Cli;

/// <summary>Runs the command line in-process with captured stdout and stderr.</summary>
internal static class CliHarness
{
    public sealed record Outcome(int ExitCode, string Out, string Human, string Error);

    public static Outcome Run(params string[] args) => RunCancellable(CancellationToken.None, args);

    /// <summary>Runs with <paramref name="cancellation"/> as the Ctrl+C / SIGTERM token.</summary>
    public static Outcome RunCancellable(CancellationToken cancellation, params string[] args) => RunWith(cancellation, null, null, args);

    /// <summary>
    /// Runs as with stderr redirected to a log: plain progress lines every <paramref name="progressInterval"/>, written
    /// to <paramref name="error"/> when given (a writer that reacts to them, say), else captured in the outcome.
    /// </summary>
    public static Outcome RunWith(CancellationToken cancellation, TimeSpan? progressInterval, StringWriter? error, params string[] args)
    {
        var stdout = new StringWriter();
        var human = new StringWriter();
        error ??= new StringWriter();
        var humanConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(human), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        humanConsole.Profile.Width = 200;
        var progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });
        // Synchronized: progress lines come from a timer thread while the command writes its own messages.
        var context = new CliContext(stdout, humanConsole, progress, TextWriter.Synchronized(error), cancellation) { ProgressInterval = progressInterval };
        int code = CommandLine.Invoke(args, context);
        return new Outcome(code, stdout.ToString(), human.ToString(), error.ToString());
    }
}
