using CathodeSim.Analysis.Impedance;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>
/// Files of `cathodesim kk`: <c>&lt;stem&gt;_kk.csv</c> (data, KK-consistent model and relative residuals per frequency) and
/// <c>&lt;stem&gt;_kk.png</c> (relative residuals of real and imaginary parts, %, against log10 frequency).
/// </summary>
public static class ImpedanceKkWriter
{
    /// <summary>Image width, px.</summary>
    public const int Width = 800;

    /// <summary>Image height, px.</summary>
    public const int Height = 500;

    /// <summary>CSV header.</summary>
    public const string Header = "frequency_Hz,z_real_ohm,z_imag_ohm,kk_real_ohm,kk_imag_ohm,residual_real_percent,residual_imag_percent";

    /// <summary>Writes the CSV atomically; returns the path. Residuals are (data - model)/|Z| in percent.</summary>
    public static string WriteCsv(string path, LinKkResult kk)
    {
        ArgumentNullException.ThrowIfNull(kk);
        AtomicFile.WriteText(path, w =>
        {
            w.WriteLine(Header);
            for (int i = 0; i < kk.Frequency.Length; i++)
                w.WriteLine(string.Join(',', CsvFields.Number(kk.Frequency[i]), CsvFields.Number(kk.Measured[i].Real), CsvFields.Number(kk.Measured[i].Imaginary),
                    CsvFields.Number(kk.Fitted[i].Real), CsvFields.Number(kk.Fitted[i].Imaginary),
                    CsvFields.Number(100 * kk.ResidualReal[i]), CsvFields.Number(100 * kk.ResidualImaginary[i])));
        });
        CsvSidecar.Write(path, new() { ["method"] = "lin-KK", ["M"] = kk.Elements, ["mu"] = CsvSidecar.Number(kk.Mu) });
        return path;
    }

    /// <summary>Writes the residual plot atomically; returns the path.</summary>
    public static string WritePlot(string path, LinKkResult kk, string title)
    {
        ArgumentNullException.ThrowIfNull(kk);
        var plot = new Plot();
        double[] x = kk.Frequency.Select(Math.Log10).ToArray();
        var re = plot.Add.Scatter(x, kk.ResidualReal.Select(v => 100 * v).ToArray());
        re.LegendText = "real";
        re.MarkerSize = 6;
        var im = plot.Add.Scatter(x, kk.ResidualImaginary.Select(v => 100 * v).ToArray());
        im.LegendText = "imaginary";
        im.MarkerSize = 6;
        plot.Add.HorizontalLine(0);
        plot.Title(FormattableString.Invariant($"{title}: lin-KK residuals, M = {kk.Elements}, mu = {kk.Mu:F3}"));
        plot.XLabel("log10(f / Hz)");
        plot.YLabel("(Z - Z_KK)/|Z| (%)");
        plot.ShowLegend(Alignment.UpperRight);
        AtomicFile.Write(path, tempPath => plot.SavePng(tempPath, Width, Height));
        return path;
    }
}
