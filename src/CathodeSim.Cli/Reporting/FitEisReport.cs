using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Impedance;
using Spectre.Console;

namespace CathodeSim.Cli.Reporting;

/// <summary>An equivalent-circuit fit as console tables for people and as JSON for scripts (the same numbers).</summary>
internal static class FitEisReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Render(IAnsiConsole console, string source, CircuitFitResult fit, IReadOnlyList<string> files)
    {
        var table = new Table().Title(Markup.Escape($"{Path.GetFileName(source)}: {fit.Circuit.Text}, {fit.Frequency.Length} frequencies, {Weighting(fit.Weighting)} weighting"));
        table.AddColumn("parameter");
        foreach (var header in new[] { "value", "standard error", "relative error (%)" }) table.AddColumn(new TableColumn(header).RightAligned());
        table.AddColumn("unit");
        for (int i = 0; i < fit.Parameters.Length; i++)
        {
            double v = fit.Parameters[i], e = fit.StandardErrors[i];
            table.AddRow(Markup.Escape(fit.Circuit.ParameterNames[i]), v.ToString("G6", Inv),
                fit.Fixed[i] ? "fixed" : double.IsFinite(e) ? e.ToString("G3", Inv) : "-",
                fit.Fixed[i] || !double.IsFinite(e) ? "" : (100 * e / Math.Abs(v)).ToString("F2", Inv), Markup.Escape(fit.Circuit.ParameterUnits[i]));
        }
        console.Write(table);
        console.MarkupLineInterpolated(
            $"chi-square {fit.ChiSquare.ToString("G5", Inv)}, per degree of freedom {fit.ReducedChiSquare.ToString("G4", Inv)} ({fit.DegreesOfFreedom} degrees of freedom), {fit.Iterations} iterations{(fit.Converged ? "" : fit.ReachedIterationLimit ? " (not converged)" : " (degenerate parameters, see the warnings)")}");
        console.MarkupLineInterpolated($"best of {fit.Starts} starts (start {fit.BestStart}), fit time {fit.FitTime.TotalMilliseconds.ToString("F1", Inv)} ms");
        foreach (var file in files) console.MarkupLineInterpolated($"wrote [green]{file}[/]");
    }

    public static string Json(string source, CircuitFitResult fit, IReadOnlyList<string> warnings, IReadOnlyList<string> files)
    {
        var parameters = new JsonArray();
        for (int i = 0; i < fit.Parameters.Length; i++)
            parameters.Add(new JsonObject
            {
                ["name"] = fit.Circuit.ParameterNames[i],
                ["value"] = Number(fit.Parameters[i]),
                ["standard_error"] = Number(fit.StandardErrors[i]),
                ["unit"] = fit.Circuit.ParameterUnits[i],
                ["fixed"] = fit.Fixed[i],
                ["initial"] = Number(fit.InitialGuess[i]),
            });
        var root = new JsonObject
        {
            ["file"] = source,
            ["circuit"] = fit.Circuit.Text,
            ["weighting"] = Weighting(fit.Weighting),
            ["points"] = fit.Frequency.Length,
            ["parameters"] = parameters,
            ["chi_square"] = Number(fit.ChiSquare),
            ["reduced_chi_square"] = Number(fit.ReducedChiSquare),
            ["degrees_of_freedom"] = fit.DegreesOfFreedom,
            ["iterations"] = fit.Iterations,
            ["converged"] = fit.Converged,
            ["starts"] = fit.Starts,
            ["best_start"] = fit.BestStart,
            ["fit_time_ms"] = Number(fit.FitTime.TotalMilliseconds),
            ["evaluations"] = fit.Evaluations,
            ["warnings"] = new JsonArray(warnings.Select(w => (JsonNode?)w).ToArray()),
            ["files"] = new JsonArray(files.Select(f => (JsonNode?)f).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Weighting(ImpedanceWeighting w) => w.ToString().ToLowerInvariant();

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
