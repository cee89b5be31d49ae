using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Capacity;
using CathodeSim.Cli.Commands;
using Spectre.Console;

namespace CathodeSim.Cli.Reporting;

/// <summary>A dQ/dV analysis as a peak table for people and as JSON for scripts (the same numbers).</summary>
internal static class DqDvReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Render(IAnsiConsole console, CapacityInput input, DqDvResult result, IReadOnlyList<string> files)
    {
        console.MarkupLineInterpolated($"{input.Display}: {DqDvInput.DescribeMass(result.Scale.ActiveMass, input)}");
        console.MarkupLineInterpolated($"method: {result.Method}");
        var table = new Table().Title(Markup.Escape($"{Path.GetFileName(input.Display)}: dQ/dV peaks"));
        table.AddColumn(new TableColumn("cycle").RightAligned());
        table.AddColumn("direction");
        foreach (var header in new[] { "peak V", $"dQ/dV ({result.Unit})", "prominence", $"Q at peak ({result.Scale.CapacityUnit})" })
            table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        foreach (var curve in result.Curves)
        {
            if (curve.Peaks.Count == 0)
                table.AddRow(curve.Cycle.ToString(Inv), curve.DirectionName, "-", "-", "-", "-");
            foreach (var peak in curve.Peaks)
                table.AddRow(curve.Cycle.ToString(Inv), curve.DirectionName, peak.Voltage.ToString("F3", Inv), peak.Height.ToString("G4", Inv),
                    peak.Prominence.ToString("G3", Inv), CapacityAt(curve, peak.Voltage).ToString("F1", Inv));
        }
        console.Write(table);
        foreach (var file in files) console.MarkupLineInterpolated($"wrote [green]{file}[/]");
    }

    public static string Json(CapacityInput input, DqDvResult result, IReadOnlyList<string> files)
    {
        string q = result.Scale.CapacityKey;
        var curves = new JsonArray();
        foreach (var curve in result.Curves)
        {
            var peaks = new JsonArray();
            foreach (var peak in curve.Peaks)
                peaks.Add(new JsonObject
                {
                    ["voltage_V"] = peak.Voltage,
                    [$"dqdv_{q}_per_V"] = peak.Height,
                    [$"prominence_{q}_per_V"] = peak.Prominence,
                    [$"capacity_at_peak_{q}"] = CapacityAt(curve, peak.Voltage),
                });
            curves.Add(new JsonObject
            {
                ["cycle"] = curve.Cycle,
                ["direction"] = curve.DirectionName,
                ["points"] = curve.Voltage.Length,
                ["voltage_min_V"] = curve.Voltage[0],
                ["voltage_max_V"] = curve.Voltage[^1],
                [$"capacity_{q}"] = curve.Capacity.Max(),
                ["smoothing_points_used"] = curve.SmoothingPoints,
                ["peaks"] = peaks,
            });
        }
        var options = result.Options;
        var root = new JsonObject
        {
            ["file"] = input.Display,
            ["active_mass_mg"] = result.Scale.ActiveMass is double m ? m * 1e6 : null,
            ["capacity_unit"] = result.Scale.CapacityUnit,
            ["dqdv_unit"] = result.Unit,
            ["method"] = result.Method,
            ["window_mV"] = options.Window * 1e3,
            ["smoothing"] = options.SmoothingPoints == 1 ? "none" : "savitzky-golay",
            ["smoothing_points"] = options.SmoothingPoints,
            ["smoothing_order"] = options.SmoothingOrder,
            ["min_prominence_fraction"] = options.MinProminence,
            ["curves"] = curves,
        };
        var warnings = new JsonArray();
        foreach (string w in input.Warnings.Concat(result.Warnings)) warnings.Add(w);
        root["warnings"] = warnings;
        var fileArray = new JsonArray();
        foreach (var f in files) fileArray.Add(f);
        root["files"] = fileArray;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The curve's capacity at <paramref name="voltage"/>, linearly interpolated on its grid.</summary>
    private static double CapacityAt(DqDvCurve curve, double voltage)
    {
        var v = curve.Voltage;
        int i = Math.Clamp(Array.BinarySearch(v, voltage) is int k && k >= 0 ? k : ~k, 1, v.Length - 1);
        double f = Math.Clamp((voltage - v[i - 1]) / (v[i] - v[i - 1]), 0, 1);
        return curve.Capacity[i - 1] + f * (curve.Capacity[i] - curve.Capacity[i - 1]);
    }
}
