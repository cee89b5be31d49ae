using System.CommandLine;
using CathodeSim.Cli.Reporting;
using CathodeSim.Gpu;
using CathodeSim.IO.Config;
using CathodeSim.Model.Results;
using CathodeSim.Studies;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim run CONFIG`: simulate the protocol of a config and write its results (<see cref="RunStudy"/>).</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var config = CommonOptions.Config();
        var output = CommonOptions.Output();
        var json = CommonOptions.Json();
        var set = CommonOptions.Set();
        var device = CommonOptions.Device();
        var command = new Command("run", """
            Simulate a cell through the protocol of a YAML config; print a summary per cycle and write
            <name>.h5 (time series, step summaries, x-profiles, resolved config), <name>_timeseries.csv,
            <name>_steps.csv and <name>_voltage.png.

            Example:
              cathodesim run configs/b-ncm-65.yaml --set temperature="0 degC" --output out/cold --json
            """)
        {
            config, output, json, set, device,
        };
        command.SetAction(parse =>
        {
            var options = new RunOptions(parse.GetValue(config)!, parse.GetValue(output), parse.GetValue(json), parse.GetValue(set) ?? [], parse.GetValue(device)!);
            return (int)Execute(context, options);
        });
        return command;
    }

    /// <summary>Runs the study, renders its summary and maps how it ended to the exit code.</summary>
    internal static ExitCode Execute(CliContext context, RunOptions options)
    {
        var study = new RunStudy(context.StudyLog(), MicrostructureMessages.For(context, !options.Json));
        var request = new RunRequest(options.ConfigPath, options.Overrides, options.OutputDirectory, options.Device) { ProgramVersion = ProgramInfo.Version };
        PreparedRun prepared;
        try
        {
            prepared = study.Prepare(request, context.Cancellation);
        }
        // An unknown device name is an ArgumentException of the device parameter (other ArgumentExceptions are not bad input here).
        catch (Exception e) when (e is ConfigException or DeviceUnavailableException or ArgumentException { ParamName: "device" })
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        using var _ = prepared;
        if (!options.Json) context.Human.MarkupLineInterpolated($"[grey]device: {prepared.DeviceDescription}[/]");

        SimulationResult result;
        try
        {
            // Interrupted, the simulator returns what it has done (not an exception), written below like a finished run.
            result = SimulationWithProgress.Run(context, prepared.Setup.Name, progress => prepared.Simulate(progress, context.Cancellation), showProgress: !options.Json);
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("cancelled: nothing was written.");
            return ExitCode.Cancelled;
        }
        // Interrupted before its first time step: there is nothing to keep, and nothing of a previous run is replaced.
        var status = RunOutcome.StatusOf(result);
        if (status == RunStatus.Cancelled)
        {
            context.Error.WriteLine("cancelled: nothing was written.");
            return ExitCode.Cancelled;
        }
        if (status == RunStatus.Interrupted)
            context.Error.WriteLine("interrupted: writing the results up to the last completed time step, marked partial (Ctrl+C again to abort at once).");

        RunOutcome outcome;
        try
        {
            outcome = prepared.Write(result, context.Cancellation);
        }
        catch (StudyOutputException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.Failure;
        }

        if (options.Json) context.Out.WriteLine(RunReport.Json(result, outcome.Cycles, outcome.Files, outcome.Temperature, outcome.DeviceDescription));
        else RunReport.Render(context.Human, result, outcome.Cycles, outcome.Files, prepared.Setup.Design.Active.Name);

        if (outcome.Status == RunStatus.Interrupted)
        {
            context.Error.WriteLine($"interrupted: partial results written ({result.Diagnostics.Interruption}).");
            return ExitCode.Cancelled;
        }
        if (outcome.Status == RunStatus.SolverFailure)
        {
            context.Error.WriteLine($"solver failure: {result.Diagnostics.FailureMessage}; results up to that point were written.");
            return ExitCode.SolverFailure;
        }
        return ExitCode.Success;
    }
}
