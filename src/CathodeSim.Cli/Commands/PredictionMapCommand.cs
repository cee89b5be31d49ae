using System.Globalization;
using CathodeSim.Analysis.Optimization;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.Cli.Reporting;
using CathodeSim.IO.Config;
using CathodeSim.IO.Output;
using CathodeSim.IO.Units;
using CathodeSim.Model.Simulation;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim optimize-ratio CONFIG --map`: the prediction map (capacity, optimum and limiting mechanism per rate x temperature).</summary>
internal static class PredictionMapCommand
{
    private const string FractionPath = "cell.cathode.active_mass_fraction";

    public static ExitCode Execute(CliContext context, string configPath, string? outputDirectory, bool json, IReadOnlyList<string> overrides,
        string objectiveName, string? ratesText, string? temperaturesText, RatioSearchOptions options)
    {
        List<OperatingCondition> conditions;
        LoadedConfig baseConfig;
        try
        {
            if (objectiveName != OptimizeRatioCommand.CapacityObjective)
                throw new FormatException($"--objective: the prediction map reports {OptimizeRatioCommand.CapacityObjective} and its losses; leave --objective out with --map or --temperatures");
            MassRatioStudy.ValidateSearch(options);
            double?[] rates = ratesText is null ? [null] : [.. MassRatioStudy.ParseRates(ratesText).Select(r => (double?)r)];
            double?[] temperatures = temperaturesText is null ? [null] : [.. ParseTemperatures(temperaturesText).Select(t => (double?)t)];
            conditions = [.. rates.SelectMany(r => temperatures.Select(t => new OperatingCondition(r, t)))];
            baseConfig = ConfigLoader.Load(configPath, overrides);
        }
        catch (Exception e) when (e is ConfigException or FormatException or ArgumentException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }

        int metric = CaseMetrics.IndexOf(OptimizeRatioCommand.CapacityObjective);
        SimulationSetup SetupAt(double fraction) =>
            ConfigLoader.Load(configPath, [.. overrides, $"{FractionPath}={fraction.ToString("R", CultureInfo.InvariantCulture)}"]).Setup;
        double Capacity(SimulationSetup setup)
        {
            var result = new Simulator().Run(setup, null, context.Cancellation);
            return result.Diagnostics.Completed ? CaseMetrics.From(setup, result)[metric] : double.NaN;
        }

        int runs = conditions.Count * options.GridPoints * (1 + LimitingMechanisms.Removable.Count);
        // Progress goes to stderr as plain lines, so that a job log shows how far a long map has got.
        // Reports come from the worker threads; one line at a time.
        var gate = new Lock();
        var progress = new SynchronousProgress<string>(m => { lock (gate) context.Progress.MarkupLineInterpolated($"[grey]{m}[/]"); });
        progress.Report($"prediction map: {conditions.Count} condition(s) x {options.GridPoints} fractions x {1 + LimitingMechanisms.Removable.Count} runs = {runs} simulations, then refinement; {options.Parallelism} in parallel");
        PredictionMap map;
        try
        {
            map = new PredictionMapBuilder(SetupAt, Capacity).Build(conditions, options, progress, context.Cancellation);
        }
        catch (ConfigException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("cancelled: nothing was written.");
            return ExitCode.Cancelled;
        }
        if (map.Conditions.All(c => double.IsNaN(c.Optimum.Value)))
        {
            context.Error.WriteLine("error: no mass fraction delivered any capacity under any condition; widen the range or check the cell");
            return ExitCode.SolverFailure;
        }

        string directory = Path.GetFullPath(outputDirectory ?? baseConfig.OutputDirectory ?? "out");
        string name = baseConfig.Setup.Name;
        if (!OutputFiles.TryWrite(context, directory, staging =>
            [
                PredictionMapWriter.WriteCsv(Path.Combine(staging, $"{name}_ratio_map.csv"), map),
                PredictionMapWriter.WritePlot(Path.Combine(staging, $"{name}_ratio_map.png"), map, name),
            ], out var files))
            return ExitCode.Failure;
        if (json) context.Out.WriteLine(PredictionMapReport.Json(map, files));
        else PredictionMapReport.Render(context.Human, map, files);
        return ExitCode.Success;
    }

    /// <summary>"25 degC,0 degC,-20 degC" in K.</summary>
    /// <exception cref="FormatException">Naming --temperatures and the bad item.</exception>
    private static double[] ParseTemperatures(string text)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0) throw new FormatException($"--temperatures: expected temperatures such as \"25 degC,0 degC\", got '{text}'");
        return items.Select(t =>
        {
            double kelvin;
            try
            {
                kelvin = UnitParser.ToSi(t, QuantityKind.Temperature);
            }
            catch (UnitFormatException e)
            {
                throw new FormatException($"--temperatures: {e.Message}");
            }
            return kelvin > 0 ? kelvin : throw new FormatException($"--temperatures: '{t}' is at or below absolute zero");
        }).ToArray();
    }
}
