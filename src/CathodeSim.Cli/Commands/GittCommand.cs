using System.CommandLine;
using CathodeSim.Analysis.Gitt;
using CathodeSim.Cli.Reporting;
using CathodeSim.IO.Config;
using CathodeSim.IO.Output;
using CathodeSim.IO.Units;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim gitt CONFIG`: simulate a GITT of the config's cell and analyse it as an experiment would be.</summary>
internal static class GittCommand
{
    public static Command Create(CliContext context)
    {
        var config = CommonOptions.Config();
        var output = CommonOptions.Output();
        var json = CommonOptions.Json();
        var set = CommonOptions.Set();
        var current = new Option<string>("--pulse-current") { Description = "Pulse current as a C-rate of the config's nominal capacity.", DefaultValueFactory = _ => "0.1C", HelpName = "RATE" };
        var pulse = GittOptions.Quantity("--pulse-duration", "Pulse length tau.", "TIME", "15 min");
        var rest = GittOptions.Quantity("--rest", "Open-circuit rest after every pulse.", "TIME", "4 h");
        var upper = GittOptions.Quantity("--upper-cutoff", "Charge cut-off (vs the counter electrode) [default: 3.7 V vs Li-In, 4.32 V vs Li for liquid half cells].", "VOLTAGE");
        var lower = GittOptions.Quantity("--lower-cutoff", "Discharge cut-off (vs the counter electrode) [default: 2.1 V vs Li-In, 2.72 V vs Li for liquid half cells].", "VOLTAGE");
        var direction = new Option<string>("--direction") { Description = "Titrate on charge, on discharge or both (charge first).", DefaultValueFactory = _ => "both", HelpName = "both|charge|discharge" };
        direction.AcceptOnlyFromAmong("both", "charge", "discharge");
        var limit = GittOptions.ShortTimeLimit();
        var command = new Command("gitt", """
            Simulate a GITT of the config's cell (pulses of --pulse-current for --pulse-duration or until the cut-off, each
            followed by --rest, charge then discharge; the config's own protocol is replaced), then analyse the simulated
            record like a measured one: per pulse the IR drop, dE_s, dE_t, the Weppner-Huggins diffusivity
            D = 4 R^2/(9 pi tau) (dE_s/dE_t)^2, the sqrt(t)-slope variant and flags where tau is not << R^2/D, with R the
            Sauter radius of the config's size distribution. Liquid-electrolyte configs (mode: dfn) are simulated with the
            DFN model; they must be half cells against lithium metal (a cell.anode is refused). Writes <name>_gitt.csv (per pulse), <name>_gitt.h5 and
            <name>_gitt_timeseries.csv/_steps.csv (the run), <name>_gitt_voltage.png and <name>_gitt_diffusivity.png
            (D against stoichiometry with the model's D(x) at the run temperature).

            Example:
              cathodesim gitt configs/gitt/b-ncm-65.yaml --pulse-current 0.1C --pulse-duration 15 min --rest 4 h --output out/gitt
            """)
        {
            config, output, json, set, current, pulse, rest, upper, lower, direction, limit,
        };
        command.SetAction(parse =>
        {
            ExitCode code;
            try
            {
                var options = new GittProtocolOptions(
                    GittOptions.CRate("--pulse-current", parse.GetValue(current)!),
                    GittOptions.Parse("--pulse-duration", parse.GetValue(pulse), QuantityKind.Time)!.Value,
                    GittOptions.Parse("--rest", parse.GetValue(rest), QuantityKind.Time, positive: false)!.Value,
                    GittOptions.Parse("--lower-cutoff", parse.GetValue(lower), QuantityKind.Voltage),
                    GittOptions.Parse("--upper-cutoff", parse.GetValue(upper), QuantityKind.Voltage),
                    parse.GetValue(direction) switch { "charge" => GittDirections.Charge, "discharge" => GittDirections.Discharge, _ => GittDirections.Both });
                double shortTime = parse.GetValue(limit);
                if (!(shortTime > 0)) throw new ArgumentException("--short-time-limit must be > 0");
                code = Execute(context, parse.GetValue(config)!, parse.GetValue(output), parse.GetValue(json), parse.GetValue(set) ?? [], options, shortTime);
            }
            catch (ArgumentException e)
            {
                context.Error.WriteLine($"error: {e.Message}");
                code = ExitCode.BadInput;
            }
            return (int)code;
        });
        return command;
    }

    private static ExitCode Execute(CliContext context, string configPath, string? outputDirectory, bool json, IReadOnlyList<string> overrides,
        GittProtocolOptions protocolOptions, double shortTimeLimit)
    {
        LoadedConfig config;
        SimulationSetup setup;
        GittCell cell;
        try
        {
            config = ConfigLoader.LoadAnyMode(configPath, overrides);
            setup = config.Setup;
            cell = GittCell.Of(setup);
            setup = setup with { Name = $"{setup.Name}_gitt", Protocol = GittProtocol.Create(cell, protocolOptions), ProfileTimes = [] };
        }
        catch (Exception e) when (e is ConfigException or ArgumentException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        catch (NotSupportedException e)
        {
            context.Error.WriteLine($"error: {configPath}: cell.anode: {e.Message}; give a config with cell.counter_electrode (lithium metal) instead");
            return ExitCode.BadInput;
        }

        SimulationResult result;
        try
        {
            result = SimulationWithProgress.Run(context, setup.Name, progress => new Simulator().Run(setup, progress, context.Cancellation), showProgress: !json, command: "gitt");
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("cancelled: nothing was written.");
            return ExitCode.Cancelled;
        }

        double radius = cell.ParticleRadius;
        var analysis = GittAnalyzer.Analyze(GittSeries.From(result), new GittAnalysisOptions(radius, cell.InitialStoichiometry,
            cell.TheoreticalCharge, MaxDimensionlessTime: shortTimeLimit));
        var model = cell.ModelDiffusivity(setup.Temperature);

        string directory = Path.GetFullPath(outputDirectory ?? config.OutputDirectory ?? "out");
        var metadata = new RunMetadata(ProgramInfo.Version, config.ResolvedYaml, config.SourcePath, DateTimeOffset.UtcNow, setup.Temperature)
        {
            CounterElectrode = cell.CounterElectrode,
            ActiveMaterial = cell.Active.Name,
        };
        if (!OutputFiles.TryWrite(context, directory, staging =>
            [
                GittWriter.WriteCsv(Path.Combine(staging, $"{setup.Name}.csv"), analysis),
                .. new IResultWriter[] { new Hdf5ResultWriter(), new CsvResultWriter() }.Select(writer => writer.Write(result, metadata, staging)),
                GittWriter.WriteVoltagePlot(Path.Combine(staging, $"{setup.Name}_voltage.png"), GittSeries.From(result), analysis, $"{config.Setup.Name}: simulated GITT",
                    cell.CounterElectrode),
                GittWriter.WriteDiffusivityPlot(Path.Combine(staging, $"{setup.Name}_diffusivity.png"), analysis,
                    $"{config.Setup.Name}: GITT diffusivity, R = {radius * 1e6:0.###} um, {setup.Temperature - 273.15:0.#} degC", model),
            ], out var files, includeArgumentErrors: true))
            return ExitCode.Failure;

        var summary = new GittReport.Source(config.Setup.Name, "simulated", result.Diagnostics, model, cell.CounterElectrode);
        if (json) context.Out.WriteLine(GittReport.Json(summary, analysis, files));
        else GittReport.Render(context.Human, summary, analysis, files);
        foreach (string warning in analysis.Warnings) context.Error.WriteLine($"warning: {warning}");
        if (!result.Diagnostics.Completed)
        {
            context.Error.WriteLine($"solver failure: {result.Diagnostics.FailureMessage}; results up to that point were written.");
            return ExitCode.SolverFailure;
        }
        return ExitCode.Success;
    }
}
