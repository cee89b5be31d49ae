using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Optimization;
using Spectre.Console;

namespace CathodeSim.Cli.Reporting;

/// <summary>Console, JSON, CSV and PNG forms of a mass-ratio search.</summary>
internal static class RatioReport
{
    public static void Render(IAnsiConsole console, RatioSearchResult r, string objective, IReadOnlyList<string> files)
    {
        console.MarkupLineInterpolated($"optimum NCM mass fraction [bold]{r.Optimum.Argument:F3}[/]: {objective} = {r.Optimum.Value:F2} ({r.Optimum.Evaluations} refinement evaluations)");
        console.MarkupLineInterpolated($"within 1 % of the maximum from {r.PlateauLower:F3} to {r.PlateauUpper:F3}");
        var table = new Table().Title("what limits the objective (loss recovered when each limitation is removed)");
        foreach (var h in new[] { "where", "fraction", objective, "ionic", "electronic", "active material", "ideal", "dominant" }) table.AddColumn(h);
        void Row(string where, RatioLimitation? limitation)
        {
            if (limitation is null) return;
            var b = limitation.Breakdown;
            table.AddRow(where, limitation.Fraction.ToString("F3", CultureInfo.InvariantCulture), F(b.Capacity), F(b.IonicLoss), F(b.ElectronicLoss), F(b.ParticleLoss), F(b.IdealCapacity), b.Dominant);
        }
        Row("low end", r.LowEnd);
        Row("optimum", r.AtOptimum);
        Row("high end", r.HighEnd);
        console.Write(table);
        foreach (var f in files) console.MarkupLineInterpolated($"wrote [green]{f}[/]");
    }

    public static string Json(RatioSearchResult r, string objective, IReadOnlyList<string> files)
    {
        JsonNode? Breakdown(RatioLimitation? limitation) => limitation?.Breakdown is not { } b ? null : new JsonObject
        {
            ["fraction"] = limitation.Fraction,
            ["value"] = N(b.Capacity), ["ionic_loss"] = N(b.IonicLoss), ["electronic_loss"] = N(b.ElectronicLoss),
            ["active_material_loss"] = N(b.ParticleLoss), ["ideal_value"] = N(b.IdealCapacity), ["dominant"] = b.Dominant,
        };
        var grid = new JsonArray();
        foreach (var p in r.Grid) grid.Add(new JsonObject { ["fraction"] = p.Fraction, ["value"] = N(p.Objective) });
        var list = new JsonArray();
        foreach (var f in files) list.Add(f);
        return new JsonObject
        {
            ["objective"] = objective, ["optimum_fraction"] = r.Optimum.Argument, ["optimum_value"] = N(r.Optimum.Value),
            ["plateau_lower_fraction"] = r.PlateauLower, ["plateau_upper_fraction"] = r.PlateauUpper, ["grid"] = grid,
            ["limitations_low_end"] = Breakdown(r.LowEnd), ["limitations_at_optimum"] = Breakdown(r.AtOptimum), ["limitations_high_end"] = Breakdown(r.HighEnd),
            ["files"] = list,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonNode? N(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F2", CultureInfo.InvariantCulture) : "-";
}
