using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Capacity;
using CathodeSim.Cli.Commands;
using Spectre.Console;

namespace CathodeSim.Cli.Reporting;

/// <summary>Per-cycle statistics as a table for people and as JSON for scripts (the same numbers).</summary>
internal static class CyclesReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Render(IAnsiConsole console, CapacityInput input, CycleStatisticsResult result, IReadOnlyList<string> files)
    {
        console.MarkupLineInterpolated($"{input.Display}: {DqDvInput.DescribeMass(result.Scale.ActiveMass, input)}; cycles {(result.CyclesFromFile ? "as recorded in the file" : "counted from the current's sign changes")}");
        string q = result.Scale.CapacityUnit, e = result.Scale.EnergyUnit;
        var table = new Table().Title(Markup.Escape($"{Path.GetFileName(input.Display)}: per-cycle statistics"));
        foreach (var header in new[] { "cycle", $"charge ({q})", $"discharge ({q})", "CE (%)", $"retention (% of cycle {result.ReferenceCycle})",
                     $"charge energy ({e})", $"discharge energy ({e})", "mean V charge", "mean V discharge" })
            table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        foreach (var r in result.Cycles)
            table.AddRow(r.Cycle.ToString(Inv), F(r.ChargeCapacity, "F2"), F(r.DischargeCapacity, "F2"), F(100 * r.CoulombicEfficiency, "F2"),
                F(r.RetentionPercent, "F1"), F(r.ChargeEnergy, "F2"), F(r.DischargeEnergy, "F2"), F(r.MeanChargeVoltage, "F3"), F(r.MeanDischargeVoltage, "F3"));
        console.Write(table);
        foreach (var file in files) console.MarkupLineInterpolated($"wrote [green]{file}[/]");
    }

    public static string Json(CapacityInput input, CycleStatisticsResult result, IReadOnlyList<string> files)
    {
        string q = result.Scale.CapacityKey, e = result.Scale.EnergyKey;
        var cycles = new JsonArray();
        foreach (var r in result.Cycles)
            cycles.Add(new JsonObject
            {
                ["cycle"] = r.Cycle,
                [$"charge_capacity_{q}"] = Number(r.ChargeCapacity),
                [$"discharge_capacity_{q}"] = Number(r.DischargeCapacity),
                ["coulombic_efficiency_percent"] = Number(100 * r.CoulombicEfficiency),
                ["retention_percent"] = Number(r.RetentionPercent),
                [$"charge_energy_{e}"] = Number(r.ChargeEnergy),
                [$"discharge_energy_{e}"] = Number(r.DischargeEnergy),
                ["mean_charge_voltage_V"] = Number(r.MeanChargeVoltage),
                ["mean_discharge_voltage_V"] = Number(r.MeanDischargeVoltage),
            });
        var root = new JsonObject
        {
            ["file"] = input.Display,
            ["active_mass_mg"] = result.Scale.ActiveMass is double m ? m * 1e6 : null,
            ["capacity_unit"] = result.Scale.CapacityUnit,
            ["energy_unit"] = result.Scale.EnergyUnit,
            ["reference_cycle"] = result.ReferenceCycle,
            ["cycles_from_file"] = result.CyclesFromFile,
            ["cycles"] = cycles,
        };
        var warnings = new JsonArray();
        foreach (string w in input.Warnings) warnings.Add(w);
        root["warnings"] = warnings;
        var fileArray = new JsonArray();
        foreach (var f in files) fileArray.Add(f);
        root["files"] = fileArray;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string F(double value, string format) => double.IsFinite(value) ? value.ToString(format, Inv) : "-";

    /// <summary>JSON has no NaN: undefined values become null.</summary>
    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
