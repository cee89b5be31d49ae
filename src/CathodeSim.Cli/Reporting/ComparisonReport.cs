using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.IO.Output;
using CathodeSim.Studies;
using Spectre.Console;

namespace CathodeSim.Cli.Reporting;

/// <summary>A comparison of cells as a console table for people and as JSON for scripts (the same numbers as comparison.csv).</summary>
internal static class ComparisonReport
{
    public static void Render(IAnsiConsole console, CellComparisonOutcome outcome)
    {
        var rows = outcome.Rows;
        string reference = rows.Count > 0 ? rows[0].Name : "";
        var table = new Table().Title($"first cycle (specific values per g of each cell's cathode active material; voltages vs each cell's counter electrode)");
        table.AddColumn("config");
        table.AddColumn("electrolyte");
        table.AddColumn("counter electrode");
        foreach (var header in new[] { "charge (mAh/g)", "discharge (mAh/g)", "CE (%)", "mean V discharge (V)", "discharge energy (mWh/g)",
                     $"discharge vs {reference} (mAh/g)", $"discharge vs {reference} (%)" })
            table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.Name), r.ElectrolyteName, Markup.Escape(r.CounterElectrode), F(r.ChargeCapacity, 1), F(r.DischargeCapacity, 1),
                F(100 * r.CoulombicEfficiency, 1), F(r.MeanDischargeVoltage, 3), F(r.DischargeEnergy, 1), Signed(r.DischargeCapacityDifference, 1),
                Signed(r.DischargeCapacityDifferencePercent, 1));
        console.Write(table);
        // Voltages against different counter electrodes are not directly comparable: say so under the numbers.
        var counters = rows.Select(r => r.CounterElectrode).Distinct(StringComparer.Ordinal).ToList();
        if (counters.Count > 1)
        {
            // The Li-In offset is the one the seed's comparison needs; a full cell's voltage is against its own anode.
            string offset = counters.Contains("Li-In") && counters.Contains("Li")
                ? " a Li-In counter electrode sits about 0.62 V above Li, so voltages vs Li-In read that much lower."
                : " each voltage is against its own cell's counter electrode or anode.";
            console.MarkupLine("[yellow]note:[/] the counter electrodes differ;" + Markup.Escape(offset));
        }
        foreach (var run in outcome.Runs)
            foreach (var w in run.Result.Warnings) console.MarkupLineInterpolated($"[yellow]warning:[/] {run.Result.Name}: {w.Message} [grey]({w.Reason})[/]");
        foreach (var file in outcome.AllFiles) console.MarkupLineInterpolated($"wrote [green]{file}[/]");
    }

    public static string Json(CellComparisonOutcome outcome)
    {
        var cells = new JsonArray();
        for (int i = 0; i < outcome.Rows.Count; i++)
        {
            var r = outcome.Rows[i];
            var run = outcome.Runs[i];
            var warnings = new JsonArray();
            foreach (var w in run.Result.Warnings) warnings.Add(new JsonObject { ["step"] = w.Step, ["reason"] = w.Reason, ["message"] = w.Message });
            var files = new JsonArray();
            foreach (var f in run.Files) files.Add(f);
            cells.Add(new JsonObject
            {
                ["name"] = r.Name, ["config"] = r.ConfigPath, ["electrolyte"] = r.ElectrolyteName, ["counter_electrode"] = r.CounterElectrode,
                ["charge_capacity_mAh_per_g"] = Number(r.ChargeCapacity),
                ["discharge_capacity_mAh_per_g"] = Number(r.DischargeCapacity),
                ["coulombic_efficiency_percent"] = Number(100 * r.CoulombicEfficiency),
                ["mean_discharge_voltage_V"] = Number(r.MeanDischargeVoltage),
                ["discharge_energy_mWh_per_g"] = Number(r.DischargeEnergy),
                ["discharge_capacity_difference_mAh_per_g"] = Number(r.DischargeCapacityDifference),
                ["discharge_capacity_difference_percent"] = Number(r.DischargeCapacityDifferencePercent),
                ["temperature_K"] = run.Temperature,
                ["completed"] = run.Result.Diagnostics.Completed,
                ["warnings"] = warnings,
                ["files"] = files,
            });
        }
        var all = new JsonArray();
        foreach (var f in outcome.AllFiles) all.Add(f);
        var root = new JsonObject
        {
            ["reference"] = outcome.Rows.Count > 0 ? outcome.Rows[0].Name : null,
            ["cells"] = cells,
            ["files"] = all,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>JSON has no NaN: undefined values (no discharge in the cycle, say) become null.</summary>
    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private static string F(double value, int digits) => double.IsFinite(value) ? value.ToString("F" + digits) : "-";

    private static string Signed(double value, int digits) => double.IsFinite(value) ? value.ToString($"+0.{new string('0', digits)};-0.{new string('0', digits)};0.{new string('0', digits)}") : "-";
}
