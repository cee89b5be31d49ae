using System.CommandLine;
using CathodeSim.Cli.Commands;

namespace CathodeSim.Cli;

/// <summary>Builds the command tree and maps parse errors to <see cref="ExitCode.BadInput"/>.</summary>
public static class CommandLine
{
    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build(CliContext context) => new("""
        CathodeSim: P2D simulation of all-solid-state composite cathodes (NCM + solid electrolyte).
        Run `cathodesim run --help` for the main job.
        """)
    {
        RunCommand.Create(context),
        SweepCommand.Create(context),
        MergeCommand.Create(context),
        OptimizeRatioCommand.Create(context),
        EisCommand.Create(context),
        EisTablesCommand.Create(context),
        CompareRunsCommand.Create(context),
        BenchSolverCommand.Create(context),
        BenchVoxelCommand.Create(context),
        MicrostructureCommand.Create(context),
        FitArrheniusCommand.Create(context),
        GittCommand.Create(context),
        GittAnalyzeCommand.Create(context),
        DqDvCommand.Create(context),
        CyclesCommand.Create(context),
        FitEisCommand.Create(context),
        KkCommand.Create(context),
        ConvertCommand.Create(context),
        DrtCommand.Create(context),
        ValidateCommand.Create(context),
        FitCommand.Create(context),
    };

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public static int Invoke(string[] args, CliContext context)
    {
        var root = Build(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) context.Error.WriteLine($"error: {error.Message}");
            context.Error.WriteLine("Run with --help for usage.");
            return (int)ExitCode.BadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = context.Out, Error = Console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug or an environment problem, not bad input: one clear line, the trace only on request.
            context.Error.WriteLine($"error: unexpected {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("CATHODESIM_DEBUG") == "1") context.Error.WriteLine(e.ToString());
            else context.Error.WriteLine("(set CATHODESIM_DEBUG=1 to see where it happened)");
            return (int)ExitCode.Failure;
        }
    }
}
