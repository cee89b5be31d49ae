using CathodeSim.Cli;
using Spectre.Console;

namespace CathodeSim.Tests.Cli;

/// <summary>Runs the command line in-process with captured stdout and stderr.</summary>
internal static class CliHarness
{
    public sealed record Outcome(int ExitCode, string Out, string Human, string Error);

    public static Outcome Run(params string[] args) => RunCancellable(CancellationToken.None, args);

    /// <summary>Runs with <paramref name="cancellation"/> as the Ctrl+C / SIGTERM token.</summary>
    public static Outcome RunCancellable(CancellationToken cancellation, params string[] args)
    {
        var stdout = new StringWriter();
        var human = new StringWriter();
        var error = new StringWriter();
        var humanConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(human), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        humanConsole.Profile.Width = 200;
        var progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });
        var context = new CliContext(stdout, humanConsole, progress, error, cancellation);
        int code = CommandLine.Invoke(args, context);
        return new Outcome(code, stdout.ToString(), human.ToString(), error.ToString());
    }
}
