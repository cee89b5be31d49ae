using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Calibration;
using CathodeSim.Cli.Validation;
using CathodeSim.IO.Config;
using CathodeSim.IO.Output;
using CathodeSim.IO.Validation;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>
/// `cathodesim fit CALIBRATION`: estimates config values from measured data by weighted non-linear least squares and
/// writes them as a config that run, sweep and validate accept.
/// </summary>
internal static class FitCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("calibration") { Description = "Calibration file (YAML): config, parameters (key, initial, bounds, scale), data." };
        var output = CommonOptions.Output();
        output.Description = "Directory for <name>_fit.csv, <name>_fit.png and (unless the file says write:) the calibrated config (default: ./out).";
        var json = CommonOptions.Json();
        var set = CommonOptions.Set();
        set.Description = "Override a config value of every simulation of the fit, e.g. --set numerics.size_bins=3.";
        var command = new Command("fit", """
            Calibrate model parameters against measured data (EIS resistances from a table, capacities and other run
            results) by weighted non-linear least squares (MathNet Levenberg-Marquardt; bounds; log scaling for
            parameters that span decades). Reports estimates, standard errors, correlations, chi^2 and warnings where
            parameters are not identifiable separately; writes the fitted values as a config (extends the calibration's
            config, each value with its source).

            Example:
              cathodesim fit configs/calibration/b-ncm-65.yaml --output out/fit
            """)
        {
            file, output, json, set,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(file)!, parse.GetValue(output), parse.GetValue(json), parse.GetValue(set) ?? []));
        return command;
    }

    private static ExitCode Execute(CliContext context, string path, string? outputDirectory, bool json, IReadOnlyList<string> overrides)
    {
        CalibrationDefinition definition;
        try
        {
            definition = CalibrationReader.Read(path, overrides);
        }
        catch (ConfigException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        // The calibrated config may go elsewhere than --output (write: in the calibration file): checked before the fit too.
        if (definition.WritePath is { } writePath && OutputDirectoryCheck.Problem(Path.GetDirectoryName(writePath)!, $"{definition.File}: write") is { } problem)
        {
            context.Error.WriteLine($"error: {problem}");
            return ExitCode.BadInput;
        }
        var model = new CalibrationModel(definition, Environment.ProcessorCount, context.Cancellation);
        CalibrationResult result;
        try
        {
            var progress = json ? null : new SynchronousProgress<string>(m => context.Progress.MarkupLineInterpolated($"[grey]{m}[/]"));
            if (!json) context.Progress.MarkupLineInterpolated($"[grey]fitting {definition.Keys.Count} parameters to {model.Observations.Count} measured values ...[/]");
            result = WeightedLeastSquares.Fit(definition.Keys.Select(k => k.Parameter).ToList(), model.Observations, model.Evaluate,
                new WeightedLeastSquaresOptions { MaxIterations = definition.MaxIterations }, progress, context.Cancellation);
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("cancelled: nothing was written.");
            return ExitCode.Cancelled;
        }
        catch (InvalidOperationException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.SolverFailure;
        }

        string directory = Path.GetFullPath(outputDirectory ?? "out");
        // The calibrated config names its base config by a path relative to where it lies, so it is written in its final
        // place (atomically, as a file of its own) rather than staged with the fit table and plot.
        string configPath = definition.WritePath ?? Path.Combine(directory, $"{definition.Name}.yaml");
        if (!OutputFiles.TryWrite(context, directory, staging =>
            [
                CalibratedConfigWriter.Write(configPath, definition, result, DateTimeOffset.UtcNow),
                CalibrationCsvWriter.Write(Path.Combine(staging, $"{definition.Name}_fit.csv"), result),
                CalibrationPlot.Write(Path.Combine(staging, $"{definition.Name}_fit.png"), result, definition.Name),
            ], out var files))
            return ExitCode.Failure;
        if (json) context.Out.WriteLine(Json(definition, result, files));
        else Render(context, definition, result, files);
        return ExitCode.Success;
    }

    private static string Json(CalibrationDefinition definition, CalibrationResult result, IReadOnlyList<string> files)
    {
        var estimates = new JsonArray();
        for (int k = 0; k < result.Estimates.Count; k++)
        {
            var e = result.Estimates[k];
            var key = definition.Keys[k];
            estimates.Add(new JsonObject
            {
                ["key"] = key.Key, ["value"] = e.Value / key.UnitFactor, ["standard_error"] = double.IsFinite(e.StandardError) ? e.StandardError / key.UnitFactor : null,
                ["unit"] = key.Unit, ["initial"] = key.Parameter.Initial / key.UnitFactor, ["at_bound"] = e.AtBound, ["scale"] = key.Parameter.Scale.ToString().ToLowerInvariant(),
            });
        }
        var correlation = new JsonArray();
        for (int k = 0; k < result.Estimates.Count; k++)
            correlation.Add(new JsonArray(Enumerable.Range(0, result.Estimates.Count).Select(l => (JsonNode?)(double.IsFinite(result.Correlation[k, l]) ? JsonValue.Create(result.Correlation[k, l]) : null)).ToArray()));
        var observations = new JsonArray();
        for (int i = 0; i < result.Observations.Count; i++)
            observations.Add(new JsonObject
            {
                ["label"] = result.Observations[i].Label, ["measured"] = result.Observations[i].Measured, ["uncertainty"] = result.Observations[i].Uncertainty,
                ["start"] = result.InitialPredictions[i], ["fitted"] = result.Predictions[i],
            });
        return new JsonObject
        {
            ["name"] = definition.Name, ["estimates"] = estimates, ["correlation"] = correlation, ["chi_square"] = result.ChiSquare,
            ["initial_chi_square"] = result.InitialChiSquare, ["degrees_of_freedom"] = result.DegreesOfFreedom, ["iterations"] = result.Iterations,
            ["evaluations"] = result.Evaluations, ["exit"] = result.ExitReason,
            ["warnings"] = new JsonArray(result.Warnings.Select(w => (JsonNode)w).ToArray()), ["observations"] = observations,
            ["files"] = new JsonArray(files.Select(f => (JsonNode)f).ToArray()),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static void Render(CliContext context, CalibrationDefinition definition, CalibrationResult result, IReadOnlyList<string> files)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Title($"{Markup.Escape(definition.Name)}: estimates");
        foreach (var h in new[] { "parameter", "start", "estimate", "std. error", "rel. error", "bounds" }) table.AddColumn(h);
        for (int k = 0; k < result.Estimates.Count; k++)
        {
            var e = result.Estimates[k];
            var key = definition.Keys[k];
            table.AddRow(Markup.Escape(key.Key), key.Written(key.Parameter.Initial), key.Written(e.Value) + (e.AtBound ? " [yellow](bound)[/]" : ""),
                double.IsFinite(e.StandardError) ? key.Written(e.StandardError) : "-", double.IsFinite(e.RelativeStandardError) ? e.RelativeStandardError.ToString("P1", inv) : "-",
                $"{key.Written(key.Parameter.Lower)} .. {key.Written(key.Parameter.Upper)} ({key.Parameter.Scale.ToString().ToLowerInvariant()})");
        }
        context.Human.Write(table);
        if (result.Estimates.Count > 1)
        {
            var corr = new Table().Title("correlation");
            corr.AddColumn("");
            for (int k = 0; k < result.Estimates.Count; k++) corr.AddColumn($"{k + 1}");
            for (int k = 0; k < result.Estimates.Count; k++)
                corr.AddRow([$"{k + 1} {Markup.Escape(definition.Keys[k].Key)}", .. Enumerable.Range(0, result.Estimates.Count).Select(l => result.Correlation[k, l].ToString("+0.000;-0.000", inv))]);
            context.Human.Write(corr);
        }
        var fit = new Table().Title("measured against simulated");
        foreach (var h in new[] { "observation", "measured", "start", "fitted", "(fit - meas)/sigma" }) fit.AddColumn(h);
        for (int i = 0; i < result.Observations.Count; i++)
        {
            var o = result.Observations[i];
            fit.AddRow(Markup.Escape(o.Label), o.Measured.ToString("G4", inv), result.InitialPredictions[i].ToString("G4", inv), result.Predictions[i].ToString("G4", inv),
                result.NormalisedResidual(i).ToString("+0.00;-0.00", inv));
        }
        context.Human.Write(fit);
        context.Human.MarkupLineInterpolated($"chi^2 {result.InitialChiSquare:G4} -> {result.ChiSquare:G4} for {result.DegreesOfFreedom} degrees of freedom (reduced {result.ReducedChiSquare:G3}); {result.Iterations} iterations, {result.Evaluations} model evaluations ({result.ExitReason})");
        foreach (var w in result.Warnings) context.Human.MarkupLineInterpolated($"[yellow]warning:[/] {w}");
        foreach (var f in files) context.Human.MarkupLineInterpolated($"wrote [green]{f}[/]");
    }
}
