using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Calibration;
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
        output.Description = "Directory for <name>_fit.csv, <name>_fit.png and the calibrated config <name>.yaml (default: ./out).";
        var writeConfig = new Option<bool>("--write-config")
        {
            Description = "Write the calibrated config to the calibration file's write: target (a tracked file such as configs/calibrated/b-ncm-65.yaml) instead of into --output. Without it no file outside --output changes.",
        };
        var json = CommonOptions.Json();
        var set = CommonOptions.Set();
        set.Description = "Override a config value of every simulation of the fit, e.g. --set numerics.size_bins=3.";
        var command = new Command("fit", """
            Calibrate model parameters against measured data (EIS resistances from a table, capacities and other run
            results) by weighted non-linear least squares (MathNet Levenberg-Marquardt; bounds; log scaling for
            parameters that span decades). Reports estimates, standard errors, correlations, chi^2 and warnings where
            parameters are not identifiable separately; writes the fitted values as a config (extends the calibration's
            config, each value with its source).

            Examples:
              cathodesim fit configs/calibration/b-ncm-65.yaml --output out/fit   # everything in out/fit
              cathodesim fit configs/calibration/b-ncm-65.yaml --write-config     # also updates the write: target
            """)
        {
            file, output, json, set, writeConfig,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(file)!, parse.GetValue(output), parse.GetValue(json), parse.GetValue(set) ?? [], parse.GetValue(writeConfig)));
        return command;
    }

    private static ExitCode Execute(CliContext context, string path, string? outputDirectory, bool json, IReadOnlyList<string> overrides, bool writeConfig)
    {
        PreparedCalibration prepared;
        try
        {
            prepared = new CalibrationStudy(context.StudyLog()).Prepare(new CalibrationRequest(path, overrides, outputDirectory, writeConfig), context.Cancellation);
        }
        catch (ConfigException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        var definition = prepared.Definition;
        CalibrationOutcome outcome;
        try
        {
            // Plain progress lines where stderr is a log (also with --json): the fit's latest report.
            using var lines = ProgressLines.Start(context, "fit");
            lines.Update($"fitting {prepared.ParameterCount} parameters to {prepared.ObservationCount} measured values");
            var progress = new SynchronousProgress<string>(m =>
            {
                lines.Update(m);
                if (!json) context.Progress.MarkupLineInterpolated($"[grey]{m}[/]");
            });
            if (!json) context.Progress.MarkupLineInterpolated($"[grey]fitting {prepared.ParameterCount} parameters to {prepared.ObservationCount} measured values ...[/]");
            outcome = prepared.Fit(progress);
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
        catch (StudyOutputException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.Failure;
        }

        if (json) context.Out.WriteLine(Json(definition, outcome.Result, outcome.Files, outcome.Config, outcome.WriteTargetNotUpdated));
        else Render(context, definition, outcome.Result, outcome.Files, outcome.Config, outcome.WriteTargetNotUpdated, path);
        return ExitCode.Success;
    }

    private static string Json(CalibrationDefinition definition, CalibrationResult result, IReadOnlyList<string> files, string config, string? untouched)
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
            // Where the calibrated config went, and the write: target left as it was (null with --write-config or no write:).
            ["config"] = config, ["write_target_not_updated"] = untouched,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static void Render(CliContext context, CalibrationDefinition definition, CalibrationResult result, IReadOnlyList<string> files, string config,
        string? untouched, string calibrationPath)
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
        context.Human.MarkupLineInterpolated($"calibrated config: [green]{config}[/]");
        if (untouched is not null)
            context.Human.MarkupLineInterpolated(
                $"[yellow]note:[/] {ConfigLoader.Display(untouched)} (write: in {definition.File}) was not changed; to update it, rerun with --write-config: cathodesim fit {calibrationPath} --write-config");
    }
}
