using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Cycling;
using CathodeSim.Model.Results;
using Spectre.Console;

namespace CathodeSim.Cli.Reporting;

/// <summary>The results of a run as a console table for people and as JSON for scripts (the same numbers).</summary>
internal static class RunReport
{
    public static void Render(IAnsiConsole console, SimulationResult result, IReadOnlyList<CycleSummary> cycles, IReadOnlyList<string> files, string activeMaterial = "NCM")
    {
        var table = new Table().Title($"{Markup.Escape(result.Name)}: per-cycle summary (specific values per g {Markup.Escape(activeMaterial)})");
        // Interface columns matter for cycling runs; a single cycle ends where i0 vanishes, which would only confuse.
        bool ageing = cycles.Count > 1 && cycles.Any(c => double.IsFinite(c.FilmResistance));
        var headers = new List<string> { "cycle", "charge (mAh/g)", "discharge (mAh/g)", "CE (%)", "mean V charge", "mean V discharge", "discharge energy (mWh/g)" };
        if (cycles.Count > 1) headers.Add("retention (%)");
        if (ageing) headers.AddRange(["R film (ohm)", "R ct (ohm)", "contact (%)"]);
        foreach (var header in headers) table.AddColumn(new TableColumn(header).RightAligned());
        // Long cycling runs: the first and last cycles tell the story; JSON and CSV hold them all.
        var shown = cycles.Count <= 12 ? cycles : [.. cycles.Take(5), .. cycles.TakeLast(5)];
        foreach (var c in shown)
        {
            if (cycles.Count > 12 && c == cycles[^5]) table.AddRow(headers.Select(_ => "...").ToArray());
            var row = new List<string> { c.Cycle.ToString(), F(c.ChargeCapacity, 1), F(c.DischargeCapacity, 1), F(100 * c.CoulombicEfficiency, 1),
                F(c.MeanChargeVoltage, 3), F(c.MeanDischargeVoltage, 3), F(c.DischargeEnergy, 1) };
            if (cycles.Count > 1) row.Add(F(c.RetentionPercent, 1));
            if (ageing) row.AddRange([F(c.FilmResistance, 2), F(c.ChargeTransferResistance, 2), F(100 * c.ContactCoverage, 1)]);
            table.AddRow(row.ToArray());
        }
        console.Write(table);
        // Right under the table: the numbers above are real, but a step that ended on a limit or at once qualifies them.
        foreach (var w in result.Warnings) console.MarkupLineInterpolated($"[yellow]warning:[/] {w.Message} [grey]({w.Reason})[/]");
        var d = result.Diagnostics;
        if (d.Interruption is { } why) console.MarkupLineInterpolated($"[yellow]partial:[/] {why}; the files hold the results up to that point");
        console.MarkupLineInterpolated($"solver: {d.AcceptedSteps} steps ({d.RejectedSteps} rejected), {d.NewtonIterations} Newton iterations, {d.WallSeconds * 1e3:F0} ms");
        foreach (var file in files) console.MarkupLineInterpolated($"wrote [green]{file}[/]");
    }

    public static string Json(SimulationResult result, IReadOnlyList<CycleSummary> cycles, IReadOnlyList<string> files, double temperature, string device)
    {
        var cycleArray = new JsonArray();
        foreach (var c in cycles) cycleArray.Add(CycleJson(c));
        // Always present, so that scripts tell an interrupted (partial) run from a finished one without a key check.
        var root = new JsonObject
        {
            ["name"] = result.Name, ["temperature_K"] = temperature, ["device"] = device,
            ["partial"] = result.Diagnostics.Interrupted, ["interrupted"] = result.Diagnostics.Interruption,
        };
        if (cycles.Count > 0)
            foreach (var (key, value) in CycleJson(cycles[0]).ToList()) if (key != "cycle") root[key] = value?.DeepClone();
        if (cycles.Count > 1)
        {
            root["cycle_count"] = cycles.Count;
            root["last_discharge_capacity_mAh_per_g"] = Number(cycles[^1].DischargeCapacity);
            root["final_retention_percent"] = Number(cycles[^1].RetentionPercent);
        }
        root["cycles"] = cycleArray;
        var steps = new JsonArray();
        foreach (var s in result.Steps)
            steps.Add(new JsonObject
            {
                ["index"] = s.Index, ["description"] = s.Description, ["kind"] = s.Kind, ["cycle"] = s.Cycle,
                ["duration_s"] = s.EndTime - s.StartTime, ["charge_C"] = s.ChargePassed, ["energy_J"] = s.Energy,
                ["end_voltage_V"] = s.EndVoltage, ["end"] = s.End.ToString(),
            });
        root["steps"] = steps;
        // Always present, empty for a clean run, so that scripts can test it without checking for the key.
        var warnings = new JsonArray();
        foreach (var w in result.Warnings)
            warnings.Add(new JsonObject { ["step_index"] = w.StepIndex, ["step"] = w.Step, ["reason"] = w.Reason, ["message"] = w.Message });
        root["warnings"] = warnings;
        var d = result.Diagnostics;
        root["solver"] = new JsonObject
        {
            ["completed"] = d.Completed, ["accepted_steps"] = d.AcceptedSteps, ["rejected_steps"] = d.RejectedSteps,
            ["newton_iterations"] = d.NewtonIterations, ["wall_time_s"] = d.WallSeconds, ["failure"] = d.FailureMessage,
        };
        var fileArray = new JsonArray();
        foreach (var f in files) fileArray.Add(f);
        root["files"] = fileArray;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject CycleJson(CycleSummary c) => new()
    {
        ["cycle"] = c.Cycle,
        ["charge_capacity_mAh_per_g"] = Number(c.ChargeCapacity),
        ["discharge_capacity_mAh_per_g"] = Number(c.DischargeCapacity),
        ["coulombic_efficiency_percent"] = Number(100 * c.CoulombicEfficiency),
        ["mean_charge_voltage_V"] = Number(c.MeanChargeVoltage),
        ["mean_discharge_voltage_V"] = Number(c.MeanDischargeVoltage),
        ["charge_energy_mWh_per_g"] = Number(c.ChargeEnergy),
        ["discharge_energy_mWh_per_g"] = Number(c.DischargeEnergy),
        ["capacity_retention_percent"] = Number(c.RetentionPercent),
        ["film_resistance_ohm"] = Number(c.FilmResistance),
        ["charge_transfer_resistance_ohm"] = Number(c.ChargeTransferResistance),
        ["contact_coverage"] = Number(c.ContactCoverage),
        ["lost_active_fraction"] = Number(c.LostActiveFraction),
    };

    /// <summary>JSON has no NaN: undefined values (no discharge in the cycle, say) become null.</summary>
    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private static string F(double value, int digits) => double.IsFinite(value) ? value.ToString("F" + digits) : "-";
}
