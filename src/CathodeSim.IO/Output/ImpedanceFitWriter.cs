using System.Globalization;
using CathodeSim.Analysis.Impedance;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>
/// Files of `cathodesim fit-eis`: <c>&lt;stem&gt;_fit.csv</c> (data, fit and residuals per frequency) and <c>&lt;stem&gt;_fit.png</c>
/// (Nyquist with equal axes and decade markers, a zoom on the high-frequency arcs, Bode and residuals; -Im Z up).
/// </summary>
public static class ImpedanceFitWriter
{
    /// <summary>Image width, px.</summary>
    public const int Width = 1400;

    /// <summary>Image height, px.</summary>
    public const int Height = 1000;

    /// <summary>CSV header.</summary>
    public const string Header = "frequency_Hz,z_real_ohm,z_imag_ohm,fit_real_ohm,fit_imag_ohm,residual_real_ohm,residual_imag_ohm,relative_residual_real,relative_residual_imag";

    /// <summary>Writes the CSV atomically; returns the path. Imaginary parts are signed (Z = Re + j Im); residuals are data minus fit, relative ones over |Z|.</summary>
    public static string WriteCsv(string path, CircuitFitResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        AtomicFile.WriteText(path, w =>
        {
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
        CsvSidecar.Write(path, new() { ["circuit"] = fit.Circuit.Text });
        return path;
    }

    /// <summary>
    /// Writes the figure atomically; returns the path. Four panels: Nyquist with equal axes and decade frequency markers,
    /// a zoom on the high-frequency arcs (the lowest quarter of the Re(Z) span), Bode (log |Z| and phase) and the relative
    /// residuals against frequency.
    /// </summary>
    public static string WritePlot(string path, CircuitFitResult fit, string title)
    {
        ArgumentNullException.ThrowIfNull(fit);
        // The model on a fine grid over the measured range, so the curves are smooth.
        double fMax = fit.Frequency.Max(), fMin = fit.Frequency.Min();
        const int fine = 400;
        var f = Enumerable.Range(0, fine).Select(i => Math.Exp(Math.Log(fMax) + (Math.Log(fMin) - Math.Log(fMax)) * i / (fine - 1))).ToArray();
        var model = fit.Circuit.Impedance(fit.Parameters, f);
        string label = string.Create(CultureInfo.InvariantCulture, $"fit {fit.Circuit.Text}, chi2 = {fit.ChiSquare:G3}");

        var figure = new Multiplot();
        figure.AddPlots(4);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: 2, columns: 2);
        ImpedancePlotPanels.Nyquist(figure.GetPlot(0), fit.Frequency, fit.Measured, f, model, $"{title}: Nyquist", label);
        var window = ImpedancePlotPanels.HighFrequencyWindow(fit.Measured);
        ImpedancePlotPanels.Nyquist(figure.GetPlot(1), fit.Frequency, fit.Measured, f, model, "high-frequency arcs (zoom)", label, window);
        ImpedancePlotPanels.Bode(figure.GetPlot(2), fit.Frequency, fit.Measured, f, model, "Bode");
        ImpedancePlotPanels.Residuals(figure.GetPlot(3), fit.Frequency, fit.Measured, fit.Fitted, "relative residuals");
        AtomicFile.Write(path, tempPath => figure.SavePng(tempPath, Width, Height));
        return path;
    }
}
