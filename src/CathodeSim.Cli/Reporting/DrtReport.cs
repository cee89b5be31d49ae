using System.Globalization;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Impedance;
using Spectre.Console;

namespace CathodeSim.Cli.Reporting;

/// <summary>A DRT as a console table for people and as JSON for scripts (the same numbers).</summary>
internal static class DrtReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Summary line and peak table; a process column when <paramref name="assignments"/> is given.</summary>
    public static void Render(IAnsiConsole console, string source, DrtResult drt, IReadOnlyList<DrtPeakAssignment>? assignments)
    {
        console.MarkupLineInterpolated(
            $"{source}: DRT over {drt.Frequency.Length} frequencies, lambda = {drt.Lambda.ToString("G3", Inv)} ({(drt.LambdaFromGcv ? "GCV" : "given")}), R_inf = {drt.HighFrequencyResistance.ToString("G5", Inv)} ohm, L = {drt.Inductance.ToString("G3", Inv)} H, residual RMS {(100 * drt.ResidualRms).ToString("F3", Inv)} % of |Z|, polarisation {drt.PolarisationResistance.ToString("G5", Inv)} ohm");
        var table = new Table().Title($"{drt.Peaks.Count} peaks");
        var headers = new List<string> { "tau (s)", "f (Hz)", "R (ohm)" };
        if (assignments is not null) headers.AddRange(["process", "tau_model (s)"]);
        foreach (var header in headers) table.AddColumn(new TableColumn(header).RightAligned());
        for (int i = 0; i < drt.Peaks.Count; i++)
        {
            var p = drt.Peaks[i];
            var row = new List<string> { p.TimeConstant.ToString("G4", Inv), p.Frequency.ToString("G4", Inv), p.Resistance.ToString("G4", Inv) };
            if (assignments is not null)
                row.AddRange([Markup.Escape(assignments[i].Process ?? "unassigned"), assignments[i].ProcessTimeConstant?.ToString("G3", Inv) ?? "-"]);
            table.AddRow(row.ToArray());
        }
        console.Write(table);
    }

    /// <summary>The DRT's numbers as a JSON object (units in the key names).</summary>
    public static JsonObject Json(DrtResult drt, IReadOnlyList<DrtPeakAssignment>? assignments)
    {
        var peaks = new JsonArray();
        for (int i = 0; i < drt.Peaks.Count; i++)
        {
            var p = drt.Peaks[i];
            var node = new JsonObject { ["tau_s"] = p.TimeConstant, ["frequency_Hz"] = p.Frequency, ["resistance_ohm"] = p.Resistance, ["gamma_ohm"] = p.Gamma };
            if (assignments is not null)
            {
                node["process"] = assignments[i].Process;
                node["process_tau_s"] = assignments[i].ProcessTimeConstant;
            }
            peaks.Add(node);
        }
        return new JsonObject
        {
            ["lambda"] = drt.Lambda,
            ["lambda_from_gcv"] = drt.LambdaFromGcv,
            ["r_inf_ohm"] = drt.HighFrequencyResistance,
            ["inductance_H"] = drt.Inductance,
            ["residual_rms_percent"] = 100 * drt.ResidualRms,
            ["polarisation_resistance_ohm"] = drt.PolarisationResistance,
            ["frequencies"] = drt.Frequency.Length,
            ["bootstrap_samples"] = drt.BootstrapSamples,
            ["peaks"] = peaks,
        };
    }
}
