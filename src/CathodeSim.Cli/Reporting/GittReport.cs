using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Gitt;
using CathodeSim.IO.Output;
using CathodeSim.Model.Results;
using Spectre.Console;

namespace CathodeSim.Cli.Reporting;

/// <summary>A GITT analysis as a console table for people and as JSON for scripts (the same numbers).</summary>
internal static class GittReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Where the record came from.</summary>
    /// <param name="Name">Config name or file.</param>
    /// <param name="Kind">"simulated" or "measured".</param>
    /// <param name="Solver">Solver statistics of a simulation.</param>
    /// <param name="Model">The model's D(x) at the run temperature (simulations).</param>
    /// <param name="CounterElectrode">The counter electrode the voltages are measured against (simulations: "Li-In", "Li"); null where not known.</param>
    public sealed record Source(string Name, string Kind, SolverDiagnostics? Solver, Func<double, double>? Model, string? CounterElectrode = null);

    public static void Render(IAnsiConsole console, Source source, GittAnalysisResult analysis, IReadOnlyList<string> files)
    {
        var table = new Table().Title(Markup.Escape(
            $"{source.Name}: {source.Kind} GITT{(source.CounterElectrode is null ? "" : $" (V vs {source.CounterElectrode})")}, {analysis.Pulses.Count} pulses ({analysis.ValidPulses.Count()} without flags), R = {analysis.ParticleRadius * 1e6:0.###} um"));
        string[] headers = source.Model is null
            ? ["#", "dir", "x", "tau (s)", "E_qe (V)", "IR (mV)", "dE_s (mV)", "dE_t (mV)", "D_WH (m^2/s)", "D_sqrt(t) (m^2/s)", "tau D/R^2", "flags"]
            : ["#", "dir", "x", "tau (s)", "E_qe (V)", "IR (mV)", "dE_s (mV)", "dE_t (mV)", "D_WH (m^2/s)", "D_sqrt(t) (m^2/s)", "D model (m^2/s)", "tau D/R^2", "flags"];
        foreach (var header in headers) table.AddColumn(new TableColumn(header).RightAligned());
        foreach (var p in analysis.Pulses)
        {
            var row = new List<string>
            {
                p.Number.ToString(Inv), p.Direction == GittPulseDirection.Charge ? "ch" : "dis", Fixed(p.Stoichiometry, "F4"), Fixed(p.Duration, "0.#"),
                Fixed(p.RestVoltageAfter, "F4"), Fixed(p.IrDrop * 1e3, "F2"), Fixed(p.SteadyStateChange * 1e3, "F3"), Fixed(p.TransientChange * 1e3, "F3"),
                Sci(p.Diffusivity), Sci(p.SqrtTimeDiffusivity),
            };
            if (source.Model is not null) row.Add(double.IsFinite(p.Stoichiometry) ? Sci(source.Model(p.Stoichiometry)) : "-");
            row.Add(Sci(p.DimensionlessTime));
            row.Add(Markup.Escape(GittWriter.FlagText(p.Flags)));
            table.AddRow(row.ToArray());
        }
        console.Write(table);
        if (source.Solver is { } s)
            console.MarkupLineInterpolated($"[grey]solver: {s.AcceptedSteps} steps ({s.RejectedSteps} rejected), {s.WallSeconds:F2} s[/]");
        foreach (var file in files) console.MarkupLineInterpolated($"wrote [green]{file}[/]");
    }

    public static string Json(Source source, GittAnalysisResult analysis, IReadOnlyList<string> files)
    {
        var pulses = new JsonArray();
        foreach (var p in analysis.Pulses)
        {
            var o = new JsonObject
            {
                ["pulse"] = p.Number,
                ["direction"] = p.Direction == GittPulseDirection.Charge ? "charge" : "discharge",
                ["start_time_s"] = Num(p.StartTime),
                ["duration_s"] = Num(p.Duration),
                ["current_A"] = Num(p.Current),
                ["charge_C"] = Num(p.Charge),
                ["x_before"] = Num(p.StoichiometryBefore),
                ["x_after"] = Num(p.StoichiometryAfter),
                ["x_mid"] = Num(p.Stoichiometry),
                ["rest_voltage_before_V"] = Num(p.RestVoltageBefore),
                ["quasi_equilibrium_voltage_V"] = Num(p.RestVoltageAfter),
                ["ir_drop_V"] = Num(p.IrDrop),
                ["dE_s_V"] = Num(p.SteadyStateChange),
                ["dE_t_V"] = Num(p.TransientChange),
                ["dE_dsqrt_t_V_per_sqrt_s"] = Num(p.SqrtTimeSlope),
                ["D_weppner_huggins_m2_per_s"] = Num(p.Diffusivity),
                ["D_sqrt_t_m2_per_s"] = Num(p.SqrtTimeDiffusivity),
                ["D_sphere_corrected_m2_per_s"] = Num(p.SphereCorrectedDiffusivity),
            };
            if (source.Model is not null) o["D_model_m2_per_s"] = double.IsFinite(p.Stoichiometry) ? Num(source.Model(p.Stoichiometry)) : null;
            o["tau_D_per_R2"] = Num(p.DimensionlessTime);
            o["valid"] = p.IsValid;
            o["flags"] = new JsonArray(GittWriter.FlagText(p.Flags).Split('|', StringSplitOptions.RemoveEmptyEntries).Select(f => (JsonNode?)f).ToArray());
            pulses.Add(o);
        }
        var root = new JsonObject
        {
            ["source"] = source.Name,
            ["kind"] = source.Kind,
            ["particle_radius_m"] = analysis.ParticleRadius,
            ["current_threshold_A"] = Num(analysis.CurrentThreshold),
            ["current_sign_flipped"] = analysis.CurrentSignFlipped,
            ["pulse_count"] = analysis.Pulses.Count,
            ["valid_pulse_count"] = analysis.ValidPulses.Count(),
            ["pulses"] = pulses,
            ["warnings"] = new JsonArray(analysis.Warnings.Select(w => (JsonNode?)w).ToArray()),
            ["files"] = new JsonArray(files.Select(f => (JsonNode?)f).ToArray()),
        };
        if (source.CounterElectrode is { } counter) root["counter_electrode"] = counter;
        if (source.Solver is { } s)
        {
            root["solver"] = new JsonObject
            {
                ["completed"] = s.Completed,
                ["accepted_steps"] = s.AcceptedSteps,
                ["rejected_steps"] = s.RejectedSteps,
                ["wall_time_s"] = s.WallSeconds,
            };
        }
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonNode? Num(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private static string Fixed(double value, string format) => double.IsFinite(value) ? value.ToString(format, Inv) : "-";

    private static string Sci(double value) => double.IsFinite(value) ? value.ToString("0.00E+00", Inv) : "-";
}
