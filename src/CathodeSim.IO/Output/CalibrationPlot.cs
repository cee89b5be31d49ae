using CathodeSim.Analysis.Calibration;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>
/// Writes <c>&lt;name&gt;_fit.png</c>: simulated over measured for every observation, at the starting point and at the
/// estimate, with each observation's relative uncertainty as an error bar around 1. Ratios put resistances and
/// capacities on one axis.
/// </summary>
public static class CalibrationPlot
{
    /// <summary>Plots <paramref name="result"/> to <paramref name="path"/> atomically; returns the path.</summary>
    public static string Write(string path, CalibrationResult result, string title)
    {
        ArgumentNullException.ThrowIfNull(result);
        int n = result.Observations.Count;
        double[] x = Enumerable.Range(1, n).Select(i => (double)i).ToArray();
        var plot = new Plot();
        var band = plot.Add.ErrorBar(x, Enumerable.Repeat(1.0, n).ToArray(),
            result.Observations.Select(o => o.Uncertainty / Math.Abs(o.Measured)).ToArray());
        band.Color = Colors.Gray;
        band.LegendText = "measured (1) +/- stated uncertainty";
        var initial = plot.Add.Scatter(x, result.InitialPredictions.Select((p, i) => p / result.Observations[i].Measured).ToArray());
        initial.LineWidth = 0;
        initial.MarkerShape = MarkerShape.OpenCircle;
        initial.MarkerSize = 9;
        initial.LegendText = $"start (chi^2 = {result.InitialChiSquare:G3})";
        var fitted = plot.Add.Scatter(x, result.Predictions.Select((p, i) => p / result.Observations[i].Measured).ToArray());
        fitted.LineWidth = 0;
        fitted.MarkerShape = MarkerShape.FilledCircle;
        fitted.MarkerSize = 9;
        fitted.LegendText = $"fitted (chi^2 = {result.ChiSquare:G3})";
        plot.Title($"{title}: simulated / measured");
        plot.XLabel("observation (see the _fit.csv for labels)");
        plot.YLabel("simulated / measured");
        plot.ShowLegend(Alignment.UpperRight);
        AtomicFile.Write(path, tempPath => plot.SavePng(tempPath, ValidationPlots.Width, ValidationPlots.Height));
        return path;
    }
}
