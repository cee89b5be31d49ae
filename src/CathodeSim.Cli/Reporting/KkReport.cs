using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Impedance;
using Spectre.Console;

namespace CathodeSim.Cli.Reporting;

/// <summary>A lin-KK test as console tables for people and as JSON for scripts (the same numbers).</summary>
internal static class KkReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Render(IAnsiConsole console, string source, LinKkResult kk, LinKkVerdict verdict, double c, IReadOnlyList<string> files)
    {
        console.MarkupLineInterpolated(
            $"{Path.GetFileName(source)}: lin-KK with M = {kk.Elements} RC elements, mu = {kk.Mu.ToString("F3", Inv)} (c = {c.ToString("G3", Inv)}), R_ohm = {kk.OhmicResistance.ToString("G5", Inv)} ohm");
        console.MarkupLineInterpolated(
            $"relative residuals: max {(100 * kk.MaxResidual).ToString("F3", Inv)} %, RMS real {(100 * kk.RmsReal).ToString("F3", Inv)} %, RMS imaginary {(100 * kk.RmsImaginary).ToString("F3", Inv)} %");
        var table = new Table().Title("residuals (Z - Z_KK)/|Z|");
        foreach (var header in new[] { "f (Hz)", "Re Z (ohm)", "Im Z (ohm)", "real (%)", "imaginary (%)" }) table.AddColumn(new TableColumn(header).RightAligned());
        for (int i = 0; i < kk.Frequency.Length; i++)
            table.AddRow(kk.Frequency[i].ToString("G4", Inv), kk.Measured[i].Real.ToString("G5", Inv), kk.Measured[i].Imaginary.ToString("G5", Inv),
                (100 * kk.ResidualReal[i]).ToString("F3", Inv), (100 * kk.ResidualImaginary[i]).ToString("F3", Inv));
        console.Write(table);
        console.MarkupLine(Markup.Escape(Verdict(verdict)));
        if (Hint(verdict) is { } hint) console.MarkupLine(Markup.Escape(hint));
        foreach (var file in files) console.MarkupLineInterpolated($"wrote [green]{file}[/]");
    }

    /// <summary>The verdict in one sentence.</summary>
    public static string Verdict(LinKkVerdict v)
    {
        string rms = (100 * v.RmsResidual).ToString("F3", Inv), limit = (100 * v.Threshold).ToString("G3", Inv);
        string outliers = v.OutlierRange is { } r
            ? $"; {v.Outliers} points beyond {(300 * v.Threshold).ToString("G3", Inv)} % between {r.Low.ToString("G4", Inv)} and {r.High.ToString("G4", Inv)} Hz (crop them with --fmin/--fmax if the instrument measured them badly)"
            : "";
        return v.Consistent
            ? $"verdict: Kramers-Kronig consistent (RMS residual {rms} % <= {limit} %){outliers}"
            : $"verdict: NOT Kramers-Kronig consistent (RMS residual {rms} % > {limit} %){outliers}";
    }

    /// <summary>What to try next, or null.</summary>
    public static string? Hint(LinKkVerdict v) => v.LooksBlocking
        ? "hint: -Im Z rises at the lowest frequencies like a blocking electrode's; rerun with --capacitance to add a series capacitance to the test"
        : null;

    public static string Json(string source, LinKkResult kk, LinKkVerdict verdict, double c, IReadOnlyList<string> warnings, IReadOnlyList<string> files)
    {
        var points = new JsonArray();
        for (int i = 0; i < kk.Frequency.Length; i++)
            points.Add(new JsonObject
            {
                ["frequency_Hz"] = kk.Frequency[i],
                ["residual_real_percent"] = 100 * kk.ResidualReal[i],
                ["residual_imag_percent"] = 100 * kk.ResidualImaginary[i],
            });
        var root = new JsonObject
        {
            ["file"] = source,
            ["c"] = c,
            ["elements"] = kk.Elements,
            ["mu"] = kk.Mu,
            ["reached_maximum_elements"] = kk.ReachedMaximum,
            ["ohmic_resistance_ohm"] = kk.OhmicResistance,
            ["inductance_H"] = kk.Inductance,
            ["max_residual_percent"] = 100 * kk.MaxResidual,
            ["rms_residual_real_percent"] = 100 * kk.RmsReal,
            ["rms_residual_imag_percent"] = 100 * kk.RmsImaginary,
            ["consistent"] = verdict.Consistent,
            ["threshold_percent"] = 100 * verdict.Threshold,
            ["rms_residual_percent"] = 100 * verdict.RmsResidual,
            ["outliers"] = verdict.Outliers,
            ["outlier_frequency_range_Hz"] = verdict.OutlierRange is { } r ? new JsonArray(r.Low, r.High) : null,
            ["looks_blocking"] = verdict.LooksBlocking,
            ["hint"] = Hint(verdict),
            ["residuals"] = points,
            ["warnings"] = new JsonArray(warnings.Select(w => (JsonNode?)w).ToArray()),
            ["files"] = new JsonArray(files.Select(f => (JsonNode?)f).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
