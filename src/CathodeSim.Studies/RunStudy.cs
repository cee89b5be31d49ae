using CathodeSim.Analysis.Cycling;
using CathodeSim.Cli.Reporting;
using CathodeSim.IO.Config;
using CathodeSim.Gpu;
using CathodeSim.IO.Output;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using Spectre.Console;

namespace CathodeSim.Studies;

/// <summary>Carries out `cathodesim run`: config -> setup -> simulation -> summaries -> files.</summary>
internal sealed class RunService(CliContext context)
{
    public ExitCode Execute(RunOptions options)
    {
        LoadedConfig config;
        try
        {
            config = ConfigLoader.Load(options.ConfigPath, options.Overrides);
        }
        catch (ConfigException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        string outputDirectory = options.OutputDirectory ?? config.OutputDirectory ?? "out";
        var setup = config.Setup;
        // law: microstructure: the structures are computed (or read from the cache) here, before the cell is built.
        if (Analysis.Microstructure.MicrostructureLawResolver.Needs(setup))
            setup = MicrostructureLaws.Resolver(context, !options.Json).Resolve(setup);
        DeviceChoice device;
        try
        {
            device = DeviceSelection.Select(options.Device);
        }
        catch (Exception e) when (e is DeviceUnavailableException or ArgumentException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        using var _ = device;
        if (!options.Json) context.Human.MarkupLineInterpolated($"[grey]device: {device.Description}[/]");

        SimulationResult result;
        try
        {
            // Interrupted, the simulator returns what it has done (not an exception), written below like a finished run.
            result = SimulationWithProgress.Run(context, new Simulator(device.CreateStepper) { KeepPartialOnCancellation = true }, setup, showProgress: !options.Json);
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("cancelled: nothing was written.");
            return ExitCode.Cancelled;
        }
        // Interrupted before its first time step: there is nothing to keep, and nothing of a previous run is replaced.
        if (result.Diagnostics is { Interrupted: true, AcceptedSteps: 0 })
        {
            context.Error.WriteLine("cancelled: nothing was written.");
            return ExitCode.Cancelled;
        }
        if (result.Diagnostics.Interrupted)
            context.Error.WriteLine("interrupted: writing the results up to the last completed time step, marked partial (Ctrl+C again to abort at once).");

        var metadata = new RunMetadata(ProgramInfo.Version, config.ResolvedYaml, config.SourcePath, DateTimeOffset.UtcNow, setup.Temperature);
        var writers = new List<IResultWriter> { new Hdf5ResultWriter(), new CsvResultWriter(), new VoltageCapacityPlot() };
        if (result.Steps.Select(step => step.Cycle).Distinct().Count() > 1) writers.Add(new CyclingPlot());
        if (!OutputFiles.TryWrite(context, outputDirectory, staging => writers.Select(writer => writer.Write(result, metadata, staging)).ToList(),
                out var files, includeArgumentErrors: true, evenIfCancelled: result.Diagnostics.Interrupted))
            return ExitCode.Failure;

        var cycles = CycleSummarizer.Summarize(result);
        if (options.Json) context.Out.WriteLine(RunReport.Json(result, cycles, files, setup.Temperature, device.Description));
        else RunReport.Render(context.Human, result, cycles, files);

        if (result.Diagnostics.Interrupted)
        {
            context.Error.WriteLine($"interrupted: partial results written ({result.Diagnostics.Interruption}).");
            return ExitCode.Cancelled;
        }

        if (!result.Diagnostics.Completed)
        {
            context.Error.WriteLine($"solver failure: {result.Diagnostics.FailureMessage}; results up to that point were written.");
            return ExitCode.SolverFailure;
        }
        return ExitCode.Success;
    }
}
