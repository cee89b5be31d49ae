using System.Globalization;
using System.Numerics;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>
/// The panels of an impedance figure a researcher shows: Nyquist with equal axes and decade frequency markers, a zoom on
/// the high-frequency arcs, Bode (log |Z| and phase against log f) and the relative residuals. Data are markers, models
/// lines; -Im Z is plotted upwards.
/// </summary>
internal static class ImpedancePlotPanels
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A frequency with its decade prefix: 1 MHz, 10 kHz, 100 mHz.</summary>
    public static string Frequency(double hz)
    {
        (double scale, string unit) = hz switch
        {
            >= 1e6 => (1e6, "MHz"),
            >= 1e3 => (1e3, "kHz"),
            >= 1 => (1.0, "Hz"),
            >= 1e-3 => (1e-3, "mHz"),
            _ => (1e-6, "uHz"),
        };
        return $"{(hz / scale).ToString("G3", Inv)} {unit}";
    }

    /// <summary>Log-scale ticks for an axis that carries log10 of a quantity: decades only when it spans several.</summary>
    public static void LogTicks(IAxis axis, bool decadesOnly = true, Func<double, string>? format = null)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = decadesOnly,
            LabelFormatter = v => format is null ? Math.Pow(10, v).ToString("G3", Inv) : format(Math.Pow(10, v)),
        };
    }

    /// <summary>Decade ticks of a log-frequency axis, labelled 10 mHz, 1 kHz, 1 MHz.</summary>
    public static void FrequencyTicks(IAxis axis) => LogTicks(axis, decadesOnly: true, Frequency);

    /// <summary>Nyquist of data (markers) and model (line), equal axes, each decade of the data's frequencies labelled.</summary>
    public static void Nyquist(Plot plot, double[] frequency, Complex[] data, double[]? modelFrequency, Complex[]? model, string title, string? modelLabel,
        (double XMin, double XMax, double YMin, double YMax)? window = null)
    {
        var points = plot.Add.Scatter(data.Select(z => z.Real).ToArray(), data.Select(z => -z.Imaginary).ToArray());
        points.LineWidth = 0;
        points.MarkerSize = 6;
        points.LegendText = $"data ({data.Length} points)";
        if (model is not null)
        {
            var line = plot.Add.Scatter(model.Select(z => z.Real).ToArray(), model.Select(z => -z.Imaginary).ToArray());
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.LegendText = modelLabel ?? "model";
        }
        // A label at the data point nearest to each decade (in log f), inside the window if there is one.
        int lo = (int)Math.Ceiling(Math.Log10(frequency.Min())), hi = (int)Math.Floor(Math.Log10(frequency.Max()));
        for (int d = lo; d <= hi; d++)
        {
            int nearest = Enumerable.Range(0, frequency.Length).MinBy(i => Math.Abs(Math.Log10(frequency[i]) - d));
            if (Math.Abs(Math.Log10(frequency[nearest]) - d) > 0.15) continue;
            double x = data[nearest].Real, y = -data[nearest].Imaginary;
            if (window is { } w && (x < w.XMin || x > w.XMax || y < w.YMin || y > w.YMax)) continue;
            var marker = plot.Add.Marker(x, y, MarkerShape.OpenCircle, 11);
            marker.Color = Colors.Black;
            var label = plot.Add.Text(Frequency(Math.Pow(10, d)), x, y);
            label.LabelFontSize = 11;
            label.LabelOffsetX = 6;
            label.LabelOffsetY = -16;
        }
        plot.Title(title);
        plot.XLabel("Re(Z) (ohm)");
        plot.YLabel("-Im(Z) (ohm)");
        plot.ShowLegend(Alignment.UpperLeft);
        if (window is { } v) plot.Axes.SetLimits(v.XMin, v.XMax, v.YMin, v.YMax);
        plot.Axes.SquareUnits();
    }

    /// <summary>
    /// The window of the high-frequency arcs: the data whose Re(Z) lies in the lowest quarter of the measured span, with a
    /// margin; null when that holds fewer than 3 points (nothing to zoom on).
    /// </summary>
    public static (double XMin, double XMax, double YMin, double YMax)? HighFrequencyWindow(Complex[] data)
    {
        double min = data.Min(z => z.Real), max = data.Max(z => z.Real);
        double cut = min + 0.25 * (max - min);
        var inside = data.Where(z => z.Real <= cut).ToArray();
        if (inside.Length < 3 || !(max > min)) return null;
        double xMin = inside.Min(z => z.Real), xMax = inside.Max(z => z.Real);
        double yMin = Math.Min(0, inside.Min(z => -z.Imaginary)), yMax = inside.Max(z => -z.Imaginary);
        double span = Math.Max(xMax - xMin, yMax - yMin);
        double margin = 0.1 * span;
        return (xMin - margin, xMin + span + margin, yMin - margin, yMin + span + margin);
    }

    /// <summary>Bode: log |Z| (left axis) and phase (right axis, degrees) against log f; data markers, model lines.</summary>
    public static void Bode(Plot plot, double[] frequency, Complex[] data, double[]? modelFrequency, Complex[]? model, string title)
    {
        double[] x = frequency.Select(Math.Log10).ToArray();
        static double LogMagnitude(Complex z) => Math.Log10(z.Magnitude);
        static double Degrees(Complex z) => z.Phase * 180 / Math.PI;
        var magnitude = Series(plot, x, data, LogMagnitude, "|Z| data", lineWidth: 0, markerSize: 5, MarkerShape.FilledCircle, null);
        var phase = Series(plot, x, data, Degrees, "phase data", lineWidth: 0, markerSize: 5, MarkerShape.OpenSquare, plot.Axes.Right);
        if (model is not null && modelFrequency is not null)
        {
            double[] xm = modelFrequency.Select(Math.Log10).ToArray();
            Series(plot, xm, model, LogMagnitude, "|Z| fit", lineWidth: 2, markerSize: 0, MarkerShape.None, null).Color = magnitude.Color;
            Series(plot, xm, model, Degrees, "phase fit", lineWidth: 2, markerSize: 0, MarkerShape.None, plot.Axes.Right).Color = phase.Color;
        }
        FrequencyTicks(plot.Axes.Bottom);
        double decades = data.Max(z => Math.Log10(z.Magnitude)) - data.Min(z => Math.Log10(z.Magnitude));
        LogTicks(plot.Axes.Left, decadesOnly: decades > 2);
        plot.Title(title);
        plot.XLabel("f (Hz)");
        plot.YLabel("|Z| (ohm)");
        plot.Axes.Right.Label.Text = "phase (deg)";
        plot.ShowLegend(Alignment.LowerLeft);
    }

    private static ScottPlot.Plottables.Scatter Series(Plot plot, double[] x, Complex[] z, Func<Complex, double> y, string legend, float lineWidth,
        float markerSize, MarkerShape shape, IYAxis? axis)
    {
        var series = plot.Add.Scatter(x, z.Select(y).ToArray());
        series.LineWidth = lineWidth;
        series.MarkerSize = markerSize;
        series.MarkerShape = shape;
        series.LegendText = legend;
        if (axis is not null) series.Axes.YAxis = axis;
        return series;
    }

    /// <summary>Relative residuals (data - model)/|Z| of real and imaginary parts, %, against log f.</summary>
    public static void Residuals(Plot plot, double[] frequency, Complex[] data, Complex[] model, string title)
    {
        double[] x = frequency.Select(Math.Log10).ToArray();
        var re = plot.Add.Scatter(x, data.Select((z, i) => 100 * (z.Real - model[i].Real) / z.Magnitude).ToArray());
        re.LegendText = "real";
        re.MarkerSize = 5;
        var im = plot.Add.Scatter(x, data.Select((z, i) => 100 * (z.Imaginary - model[i].Imaginary) / z.Magnitude).ToArray());
        im.LegendText = "imaginary";
        im.MarkerSize = 5;
        plot.Add.HorizontalLine(0);
        FrequencyTicks(plot.Axes.Bottom);
        plot.Title(title);
        plot.XLabel("f (Hz)");
        plot.YLabel("(Z - Z_fit)/|Z| (%)");
        plot.ShowLegend(Alignment.UpperRight);
    }
}
