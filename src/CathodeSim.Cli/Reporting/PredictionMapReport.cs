using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Optimization;
using CathodeSim.Cli.Commands;
using Spectre.Console;

namespace CathodeSim.Cli.Reporting;

/// <summary>Console and JSON forms of a prediction map.</summary>
internal static class PredictionMapReport
{
    public static void Render(IAnsiConsole console, PredictionMap map, IReadOnlyList<string> files)
    {
        var summary = new Table().Title("optimum NCM mass fraction per condition (discharge capacity, mAh/g)");
        foreach (var h in new[] { "rate", "temperature", "optimum fraction", "capacity", "within 1 %" }) summary.AddColumn(h);
        foreach (var c in map.Conditions)
            summary.AddRow(c.Condition.RateLabel, Invariant($"{c.Temperature - 273.15:0.##} °C"), F(c.Optimum.Argument, "F3"), F(c.Optimum.Value, "F1"),
                double.IsFinite(c.BandLower) ? Invariant($"{c.BandLower:F3}-{c.BandUpper:F3}") : "-");
        console.Write(summary);

        // Fractions down, conditions across: the columns stay few enough to read even with many grid points.
        var grid = new Table().Title("capacity (mAh/g) and limiting mechanism at each grid fraction");
        grid.AddColumn("fraction");
        foreach (var c in map.Conditions) grid.AddColumn(new TableColumn(Markup.Escape(c.Label)).RightAligned());
        var fractions = map.Conditions[0].Points.Select(p => p.Fraction).ToList();
        for (int i = 0; i < fractions.Count; i++)
            grid.AddRow([fractions[i].ToString("F3", CultureInfo.InvariantCulture), .. map.Conditions.Select(c => Cell(c.Points[i]))]);
        console.Write(grid);
        console.MarkupLine("[grey]mechanism: acc = accessibility (unreachable NCM), ion = ionic network, ele = electronic network, diff = solid diffusion, "
            + "kin = kinetics, none = no counterfactual gains 1 % of the capacity[/]");
        console.MarkupLineInterpolated($"{map.Simulations} simulations in {map.WallSeconds:F1} s{(map.FailedSimulations > 0 ? $", {map.FailedSimulations} did not complete" : "")}");
        foreach (var f in files) console.MarkupLineInterpolated($"wrote [green]{f}[/]");
    }

    public static string Json(PredictionMap map, IReadOnlyList<string> files)
    {
        var conditions = new JsonArray();
        foreach (var c in map.Conditions)
        {
            var points = new JsonArray();
            foreach (var p in c.Points)
            {
                var losses = new JsonObject();
                foreach (var m in LimitingMechanisms.Removable) losses[m.Name()] = N(p.Losses.Of(m));
                points.Add(new JsonObject
                {
                    ["fraction"] = p.Fraction, ["capacity_mAh_per_g"] = N(p.Capacity), ["mechanism"] = p.Mechanism?.Name(), ["losses_mAh_per_g"] = losses,
                });
            }
            var refinement = new JsonArray();
            foreach (var r in c.Refinement) refinement.Add(new JsonObject { ["fraction"] = r.Fraction, ["capacity_mAh_per_g"] = N(r.Objective) });
            conditions.Add(new JsonObject
            {
                ["rate"] = c.Condition.Rate, ["temperature_K"] = c.Temperature,
                ["optimum_fraction"] = N(c.Optimum.Argument), ["optimum_capacity_mAh_per_g"] = N(c.Optimum.Value),
                ["band"] = new JsonArray(N(c.BandLower), N(c.BandUpper)), ["points"] = points, ["refinement"] = refinement,
            });
        }
        var list = new JsonArray();
        foreach (var f in files) list.Add(f);
        return new JsonObject
        {
            ["objective"] = OptimizeRatioCommand.CapacityObjective, ["band_share"] = PredictionMap.BandShare, ["conditions"] = conditions,
            ["simulations"] = map.Simulations, ["failed_simulations"] = map.FailedSimulations, ["wall_seconds"] = map.WallSeconds, ["files"] = list,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Cell(MapPoint p) => double.IsFinite(p.Capacity) ? Invariant($"{p.Capacity:F1} ({p.Mechanism?.Tag() ?? "-"})") : "failed";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static JsonNode? N(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
