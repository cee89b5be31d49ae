using CathodeSim.Analysis.Impedance;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>
/// Files of `cathodesim drt` and `cathodesim eis --drt`: <c>&lt;stem&gt;_drt.csv</c> (gamma and its band per tau) and
/// <c>&lt;stem&gt;_drt.png</c> (gamma against log10 tau, band shaded, peaks marked).
/// </summary>
public static class DrtWriter
{
    /// <summary>Image width, px.</summary>
    public const int Width = 800;

    /// <summary>Image height, px.</summary>
    public const int Height = 500;

    /// <summary>CSV header.</summary>
    public const string Header = "tau_s,frequency_Hz,gamma_ohm,band_low_ohm,band_high_ohm";

    /// <summary>
    /// Writes the CSV atomically; returns the path. Lambda, R_inf, L, the residual and the peaks go to its sidecar
    /// (<see cref="CsvSidecar"/>), so the CSV starts with its header.
    /// </summary>
    public static string WriteCsv(string path, DrtResult drt)
    {
        ArgumentNullException.ThrowIfNull(drt);
        AtomicFile.WriteText(path, w =>
        {
            w.WriteLine(Header);
            for (int i = 0; i < drt.TimeConstants.Length; i++)
            {
                double tau = drt.TimeConstants[i];
                w.WriteLine(string.Join(',', CsvFields.Number(tau), CsvFields.Number(1 / (2 * Math.PI * tau)), CsvFields.Number(drt.Gamma[i]),
                    CsvFields.Number(drt.BandLow[i]), CsvFields.Number(drt.BandHigh[i])));
            }
        });
        var peaks = new System.Text.Json.Nodes.JsonArray();
        foreach (var p in drt.Peaks)
            peaks.Add(new System.Text.Json.Nodes.JsonObject
            {
                ["tau_s"] = CsvSidecar.Number(p.TimeConstant), ["frequency_Hz"] = CsvSidecar.Number(p.Frequency), ["resistance_ohm"] = CsvSidecar.Number(p.Resistance),
            });
        CsvSidecar.Write(path, new()
        {
            ["lambda"] = CsvSidecar.Number(drt.Lambda),
            ["lambda_source"] = drt.LambdaFromGcv ? "GCV" : "given",
            ["R_inf_ohm"] = CsvSidecar.Number(drt.HighFrequencyResistance),
            ["L_H"] = CsvSidecar.Number(drt.Inductance),
            ["residual_rms_percent"] = CsvSidecar.Number(100 * drt.ResidualRms),
            ["band"] = $"residual bootstrap ({drt.BootstrapSamples} resamples)",
            ["peaks"] = peaks,
        });
        return path;
    }

    /// <summary>Writes the plot atomically; returns the path.</summary>
    public static string WritePlot(string path, DrtResult drt, string title)
    {
        ArgumentNullException.ThrowIfNull(drt);
        var plot = new Plot();
        double[] x = drt.TimeConstants.Select(Math.Log10).ToArray();
        if (drt.BootstrapSamples > 0)
        {
            var band = plot.Add.FillY(x, drt.BandLow, drt.BandHigh);
            band.LegendText = "bootstrap band";
            band.FillStyle.Color = Colors.SteelBlue.WithAlpha(0.3);
            band.LineStyle.Width = 0;
        }
        var line = plot.Add.Scatter(x, drt.Gamma);
        line.LegendText = "gamma";
        line.MarkerSize = 0;
        line.LineWidth = 2;
        line.Color = Colors.SteelBlue;
        if (drt.Peaks.Count > 0)
        {
            var markers = plot.Add.Markers(drt.Peaks.Select(p => Math.Log10(p.TimeConstant)).ToArray(), drt.Peaks.Select(p => p.Gamma).ToArray());
            markers.LegendText = "peaks";
            markers.MarkerStyle.Shape = MarkerShape.FilledTriangleDown;
            markers.MarkerStyle.Size = 10;
            markers.Color = Colors.OrangeRed;
        }
        plot.Title(FormattableString.Invariant($"{title}: DRT, lambda = {drt.Lambda:G3}, {drt.Peaks.Count} peaks"));
        plot.XLabel("log10(tau / s)");
        plot.YLabel("gamma (ohm)");
        plot.ShowLegend(Alignment.UpperRight);
        AtomicFile.Write(path, tempPath => plot.SavePng(tempPath, Width, Height));
        return path;
    }

    /// <summary>Writes <c>&lt;stem&gt;_drt.csv</c> and <c>&lt;stem&gt;_drt.png</c> into <paramref name="directory"/>; returns both paths.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="stem">The files' name before <c>_drt</c>.</param>
    /// <param name="drt">The distribution.</param>
    /// <param name="title">The plot's title.</param>
    public static IReadOnlyList<string> WriteFiles(string directory, string stem, DrtResult drt, string title) =>
    [
        WriteCsv(Path.Combine(directory, $"{stem}_drt.csv"), drt),
        WritePlot(Path.Combine(directory, $"{stem}_drt.png"), drt, title),
    ];
}
