using System.Globalization;
using CathodeSim.Analysis.Impedance;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>
/// Files of `cathodesim fit-eis`: <c>&lt;stem&gt;_fit.csv</c> (data, fit and residuals per frequency) and <c>&lt;stem&gt;_fit.png</c>
/// (Nyquist plot of the data against the fit, -Im Z up, equal axes).
/// </summary>
public static class ImpedanceFitWriter
{
    /// <summary>Image width, px.</summary>
    public const int Width = 800;

    /// <summary>Image height, px.</summary>
    public const int Height = 600;

    /// <summary>CSV header.</summary>
    public const string Header = "frequency_Hz,z_real_ohm,z_imag_ohm,fit_real_ohm,fit_imag_ohm,residual_real_ohm,residual_imag_ohm,relative_residual_real,relative_residual_imag";

    /// <summary>Writes the CSV atomically; returns the path. Imaginary parts are signed (Z = Re + j Im); residuals are data minus fit, relative ones over |Z|.</summary>
    public static string WriteCsv(string path, CircuitFitResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        AtomicFile.WriteText(path, w =>
        {
            w.Write("# circuit: ");
            w.WriteLine(fit.Circuit.Text);
            w.WriteLine(Header);
            for (int i = 0; i < fit.Frequency.Length; i++)
            {
                var z = fit.Measured[i];
                var m = fit.Fitted[i];
                double mod = z.Magnitude;
                w.WriteLine(string.Join(',', CsvFields.Number(fit.Frequency[i]), CsvFields.Number(z.Real), CsvFields.Number(z.Imaginary),
                    CsvFields.Number(m.Real), CsvFields.Number(m.Imaginary), CsvFields.Number(z.Real - m.Real), CsvFields.Number(z.Imaginary - m.Imaginary),
                    CsvFields.Number((z.Real - m.Real) / mod), CsvFields.Number((z.Imaginary - m.Imaginary) / mod)));
            }
        });
        return path;
    }

    /// <summary>Writes the Nyquist plot atomically; returns the path.</summary>
    public static string WritePlot(string path, CircuitFitResult fit, string title)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var plot = new Plot();
        var data = plot.Add.Scatter(fit.Measured.Select(z => z.Real).ToArray(), fit.Measured.Select(z => -z.Imaginary).ToArray());
        data.LineWidth = 0;
        data.MarkerSize = 7;
        data.LegendText = $"data ({fit.Frequency.Length} points)";

        // The model on a fine grid over the measured range, so the curve is smooth.
        double fMax = fit.Frequency.Max(), fMin = fit.Frequency.Min();
        const int fine = 400;
        var f = Enumerable.Range(0, fine).Select(i => Math.Exp(Math.Log(fMax) + (Math.Log(fMin) - Math.Log(fMax)) * i / (fine - 1))).ToArray();
        var model = fit.Circuit.Impedance(fit.Parameters, f);
        var line = plot.Add.Scatter(model.Select(z => z.Real).ToArray(), model.Select(z => -z.Imaginary).ToArray());
        line.MarkerSize = 0;
        line.LineWidth = 2;
        line.LegendText = string.Create(CultureInfo.InvariantCulture, $"fit {fit.Circuit.Text}, chi2 = {fit.ChiSquare:G3}");

        plot.Title($"{title}: Nyquist plot and fit");
        plot.XLabel("Re(Z) (ohm)");
        plot.YLabel("-Im(Z) (ohm)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.SquareUnits();
        AtomicFile.Write(path, tempPath => plot.SavePng(tempPath, Width, Height));
        return path;
    }
}
