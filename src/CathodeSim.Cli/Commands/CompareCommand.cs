using System.CommandLine;
using CathodeSim.Cli.Reporting;
using CathodeSim.Gpu;
using CathodeSim.IO.Config;
using CathodeSim.Model.Results;
using CathodeSim.Studies;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>
/// `cathodesim compare A.yaml B.yaml ...`: runs each config (solid-state or liquid, <see cref="CellComparisonStudy"/>)
/// and sets their first cycles side by side in a table, <c>comparison.csv</c> and <c>comparison.png</c>.
/// </summary>
internal static class CompareCommand
{
    /// <summary>Where the files go without --output.</summary>
    private const string DefaultOutputDirectory = "out/compare";

    public static Command Create(CliContext context)
    {
        // Zero or more here, so that one config gets the study's own message (and exit 2) rather than a parse error.
        var configs = new Argument<string[]>("configs")
        {
            Description = "Two or more YAML configs of either mode (solid-state or `mode: dfn`); the first is the reference the others' discharge capacities are compared with.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = CommonOptions.Output();
        output.Description = $"Directory for comparison.csv, comparison.png and a folder per config with its run's files (default: {DefaultOutputDirectory}).";
        var json = CommonOptions.Json();
        var set = CommonOptions.Set();
        set.Description = "Override a value in every config, units allowed; repeatable. A key that one of the configs' modes lacks is an error of that config. Example: --set numerics.size_bins=2";
        var device = CommonOptions.Device();
        var command = new Command("compare", """
            Run two or more configs, e.g. a solid-state cell and a liquid-electrolyte coin cell of the same NCM, and
            compare their first cycles: a table (charge and discharge capacity, coulombic efficiency, mean discharge
            voltage, discharge energy, discharge capacity against the first config), comparison.csv and
            comparison.png (voltage against specific capacity, overlaid). Each config's run writes its files as
            `run` does into <output>/<name>/. Voltages are against each cell's own counter electrode (Li-In sits
            about 0.62 V above Li); the table and the plot's axis say which.

            Example:
              cathodesim compare configs/s-ncm-65.yaml configs/liquid/s-ncm-coin.yaml --output out/s-ncm-compare
            """)
        {
            configs, output, json, set, device,
        };
        command.SetAction(parse =>
        {
            var request = new CellComparisonRequest(parse.GetValue(configs) ?? [], parse.GetValue(set) ?? [], parse.GetValue(output) ?? DefaultOutputDirectory,
                parse.GetValue(device)!) { ProgramVersion = ProgramInfo.Version };
            return (int)Execute(context, request, parse.GetValue(json));
        });
        return command;
    }

    /// <summary>Runs the comparison, renders it and maps how it ended to the exit code.</summary>
    internal static ExitCode Execute(CliContext context, CellComparisonRequest request, bool json)
    {
        var study = new CellComparisonStudy(context.StudyLog(), MicrostructureMessages.For(context, !json));
        PreparedComparison prepared;
        try
        {
            prepared = study.Prepare(request, context.Cancellation);
        }
        // As `run`: only the device's and the config list's ArgumentExceptions are bad input.
        catch (Exception e) when (e is ConfigException or DeviceUnavailableException or ArgumentException { ParamName: "device" or "configs" })
        {
            // ArgumentException appends "(Parameter 'configs')", which tells the user nothing.
            string message = e is ArgumentException { ParamName: { } parameter } ? e.Message.Replace($" (Parameter '{parameter}')", "", StringComparison.Ordinal) : e.Message;
            context.Error.WriteLine($"error: {message}");
            return ExitCode.BadInput;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("cancelled: nothing was written.");
            return ExitCode.Cancelled;
        }
        using var _ = prepared;
        if (!json) context.Human.MarkupLineInterpolated($"[grey]device: {prepared.Runs[0].DeviceDescription}[/]");

        var runs = new List<RunOutcome>();
        bool solverFailed = false;
        for (int i = 0; i < prepared.Runs.Count; i++)
        {
            var run = prepared.Runs[i];
            SimulationResult result;
            try
            {
                result = SimulationWithProgress.Run(context, prepared.Names[i], progress => run.Simulate(progress, context.Cancellation), showProgress: !json, command: "compare");
            }
            catch (OperationCanceledException)
            {
                context.Error.WriteLine("cancelled: the comparison was not written.");
                return ExitCode.Cancelled;
            }
            if (RunOutcome.StatusOf(result) == RunStatus.Cancelled)
            {
                context.Error.WriteLine("cancelled: the comparison was not written.");
                return ExitCode.Cancelled;
            }
            RunOutcome outcome;
            try
            {
                outcome = run.Write(result, context.Cancellation);
            }
            catch (StudyOutputException e)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return ExitCode.Failure;
            }
            // An interrupted run is kept as `run` keeps it, but half a cycle would be compared as if it were a whole one.
            if (outcome.Status == RunStatus.Interrupted)
            {
                context.Error.WriteLine($"interrupted: partial results of {prepared.Names[i]} written to {run.OutputDirectory}; the comparison was not written.");
                return ExitCode.Cancelled;
            }
            if (outcome.Status == RunStatus.SolverFailure)
            {
                solverFailed = true;
                context.Error.WriteLine($"solver failure in {prepared.Names[i]}: {result.Diagnostics.FailureMessage}; its row holds the results up to that point.");
            }
            runs.Add(outcome);
        }

        CellComparisonOutcome comparison;
        try
        {
            comparison = prepared.Write(runs, context.Cancellation);
        }
        catch (StudyOutputException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.Failure;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("cancelled: the comparison was not written.");
            return ExitCode.Cancelled;
        }

        if (json) context.Out.WriteLine(ComparisonReport.Json(comparison));
        else ComparisonReport.Render(context.Human, comparison);
        return solverFailed ? ExitCode.SolverFailure : ExitCode.Success;
    }
}
