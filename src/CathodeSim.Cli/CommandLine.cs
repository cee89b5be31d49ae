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
        SweepStatusCommand.Create(context),
        OptimizeRatioCommand.Create(context),
        EisCommand.Create(context),
        EisTablesCommand.Create(context),
        CompareCommand.Create(context),
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

    /// <summary>The exception inside parallel loops' and reflection's wrappers, which say nothing themselves.</summary>
    private static Exception Innermost(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case AggregateException { InnerExceptions.Count: 1 } a: e = a.InnerExceptions[0]; continue;
                case AggregateException a when a.InnerExceptions.All(x => x is OperationCanceledException): e = a.InnerExceptions[0]; continue;
                case System.Reflection.TargetInvocationException { InnerException: { } inner }: e = inner; continue;
                default: return e;
            }
        }
    }

    /// <summary>
    /// A parse error in the user's words: System.CommandLine says "Cannot parse argument 'x' for option '--n' as expected
    /// type 'System.Int32'", which names a .NET type instead of what to type.
    /// </summary>
    internal static string Plain(string message) => System.Text.RegularExpressions.Regex.Replace(message,
        @"as expected type '(System\.Nullable`1\[)?(System\.)?(?<type>\w+)\]?(\[\])?'\.?", m => m.Groups["type"].Value switch
        {
            "Double" or "Single" or "Decimal" => "expected a number, e.g. 0.5 or 1e-3",
            "Int32" or "Int64" or "Int16" => "expected a whole number, e.g. 10",
            "Boolean" => "expected true or false",
            var other => $"expected a value of kind {other}",
        });

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public static int Invoke(string[] args, CliContext context)
    {
        // Every HDF5 file and CSV sidecar this command writes records the command line that made it.
        using var provenance = IO.Output.OutputProvenance.Use(new(ProgramInfo.Version, IO.Output.OutputProvenance.FormatCommand("cathodesim", args)));
        var root = Build(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) context.Error.WriteLine($"error: {Plain(error.Message)}");
            context.Error.WriteLine("Run with --help for usage.");
            return (int)ExitCode.BadInput;
        }
        if (parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--output") is Option<string?> outputOption
            && parse.GetResult(outputOption) is { Implicit: false }
            && OutputDirectoryCheck.Problem(parse.GetValue(outputOption) ?? "") is { } outputProblem)
        {
            context.Error.WriteLine($"error: {outputProblem}");
            return (int)ExitCode.BadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = context.Out, Error = Console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (Innermost(e) is OperationCanceledException && context.Cancellation.IsCancellationRequested)
        {
            // One answer to Ctrl+C and SIGTERM for every command, also where a command does not catch it itself.
            context.Error.WriteLine("cancelled: nothing more was written.");
            return (int)ExitCode.Cancelled;
        }
        catch (Exception e) when (Innermost(e) is IOException or UnauthorizedAccessException)
        {
            // A full or read-only disk, a file taken away: the operating system's message names the path.
            context.Error.WriteLine($"error: could not read or write a file: {Innermost(e).Message}");
            return (int)ExitCode.Failure;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug or an environment problem, not bad input: one clear line, the trace only on request.
            e = Innermost(e);
            context.Error.WriteLine($"error: unexpected {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("CATHODESIM_DEBUG") == "1") context.Error.WriteLine(e.ToString());
            else context.Error.WriteLine("(set CATHODESIM_DEBUG=1 to see where it happened)");
            return (int)ExitCode.Failure;
        }
    }
}
