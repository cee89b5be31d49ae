using CathodeSim.Cli;
using Spectre.Console;

namespace CathodeSim.Tests.Cli;

/// <summary>
/// Walks every command of the command line through the README's exit-code contract where no simulation is needed:
/// --help is 0 and shows an example; an unknown option is 2 with a one-line error; a file argument that does not exist is 2 with the file named;
/// none of them prints a stack trace. A command added later is walked too, because the list comes from the command tree.
/// </summary>
public sealed class ExitCodeWalkTests
{
    private static System.CommandLine.RootCommand Tree() => CommandLine.Build(new CliContext(TextWriter.Null,
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }),
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), TextWriter.Null, CancellationToken.None));

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var command in Tree().Subcommands) data.Add(command.Name);
        return data;
    }

    /// <summary>The commands that take files as arguments (the bench commands and eis-tables take none).</summary>
    public static TheoryData<string> CommandsWithFileArguments()
    {
        var data = new TheoryData<string>();
        foreach (var command in Tree().Subcommands.Where(c => c.Arguments.Count > 0)) data.Add(command.Name);
        return data;
    }

    private static void NoStackTrace(CliHarness.Outcome outcome) =>
        Assert.DoesNotContain("   at ", outcome.Error);

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_ExitsZero_WithAnExample(string command)
    {
        var outcome = CliHarness.Run(command, "--help");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Example", outcome.Out + outcome.Human, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void UnknownOption_ExitsTwo_WithoutStackTrace(string command)
    {
        var outcome = CliHarness.Run(command, "--no-such-option-anywhere");
        Assert.Equal(2, outcome.ExitCode);
        // Commands with required arguments or options name those first; the others name the unknown option.
        Assert.StartsWith("error: ", outcome.Error);
        NoStackTrace(outcome);
    }

    [Theory]
    [MemberData(nameof(CommandsWithFileArguments))]
    public void MissingInputFile_ExitsTwo_NamingIt(string command)
    {
        var spec = Tree().Subcommands.Single(c => c.Name == command);
        string missing = Path.Combine(Path.GetTempPath(), $"cathodesim-missing-{Guid.NewGuid():N}.yaml");
        var args = new List<string> { command };
        args.AddRange(spec.Arguments.Select(_ => missing));
        // Options a command requires (fit-eis --circuit, eis --at) get a plausible value, so the file is what is wrong.
        foreach (var option in spec.Options.Where(o => o.Required))
            args.AddRange([option.Name, option.Name switch
            {
                "--circuit" => "R0-p(R1,C1)",
                "--at" => "charge to 3.70 V",
                "--particle-radius" => "2 um",
                _ => "1",
            }]);
        var outcome = CliHarness.Run([.. args]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(Path.GetFileName(missing), outcome.Error);
        NoStackTrace(outcome);
    }
}
