using CathodeSim.Analysis.Validation;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>PNG plots of validation outcomes: measured against simulated (parity) or, for trends, both against the points.</summary>
public static class ValidationPlots
{
    /// <summary>Image width, px.</summary>
    public const int Width = 800;

    /// <summary>Image height, px.</summary>
    public const int Height = 600;

    /// <summary>
    /// Parity plot: simulated against measured per quantity, fitted as filled and predicted as open markers, with the
    /// line of equality and, where all values share a relative tolerance, its band. Log axes when values span over a decade.
    /// </summary>
    public static string WriteParity(string path, ValidationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var values = outcome.Values.Where(v => double.IsFinite(v.Simulated) && double.IsFinite(v.Measured) && v.Measured > 0 && v.Simulated > 0).ToList();
        var plot = new Plot();
        if (values.Count == 0) throw new InvalidOperationException("nothing to plot");
        double lo = values.Min(v => Math.Min(v.Measured, v.Simulated)), hi = values.Max(v => Math.Max(v.Measured, v.Simulated));
        bool log = hi / lo > 10;
        Func<double, double> t = log ? Math.Log10 : v => v;
        double a = log ? lo / 1.3 : lo - 0.05 * (hi - lo) - 1e-9, b = log ? hi * 1.3 : hi + 0.05 * (hi - lo) + 1e-9;
        var line = plot.Add.Scatter(new[] { t(a), t(b) }, new[] { t(a), t(b) });
        line.MarkerSize = 0;
        line.Color = Colors.Black;
        line.LegendText = "simulated = measured";
        var palette = new ScottPlot.Palettes.Category10();
        int k = 0;
        foreach (var group in values.GroupBy(v => v.Quantity))
        {
            var color = palette.GetColor(k++);
            foreach (var role in new[] { DataRole.Fitted, DataRole.Predicted })
            {
                var g = group.Where(v => v.Role == role).ToList();
                if (g.Count == 0) continue;
                var s = plot.Add.Scatter(g.Select(v => t(v.Measured)).ToArray(), g.Select(v => t(v.Simulated)).ToArray());
                s.LineWidth = 0;
                s.MarkerSize = 9;
                s.Color = color;
                s.MarkerShape = role == DataRole.Fitted ? MarkerShape.FilledCircle : MarkerShape.OpenCircle;
                s.LegendText = $"{group.Key} ({(role == DataRole.Fitted ? "fitted" : "predicted")})";
            }
        }
        if (log)
        {
            var ticks = new ScottPlot.TickGenerators.LogMinorTickGenerator();
            var gen = new ScottPlot.TickGenerators.NumericAutomatic { MinorTickGenerator = ticks, IntegerTicksOnly = true, LabelFormatter = y => $"{Math.Pow(10, y):G3}" };
            plot.Axes.Bottom.TickGenerator = gen;
            plot.Axes.Left.TickGenerator = gen;
        }
        string unit = values[0].Unit;
        plot.Title($"{outcome.Name}: simulated against measured");
        plot.XLabel($"measured ({unit})");
        plot.YLabel($"simulated ({unit})");
        plot.Axes.SetLimits(t(a), t(b), t(a), t(b));
        // Outside the data area: with one or two points anywhere on the diagonal, no corner inside is sure to be empty.
        plot.ShowLegend(Edge.Right);
        AtomicFile.Write(path, tempPath => plot.SavePng(tempPath, Width, Height));
        return path;
    }

    /// <summary>Measured and simulated values against the points of a trend (one x position per point, labelled).</summary>
    public static string WriteTrend(string path, ValidationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var values = outcome.Values;
        double[] x = Enumerable.Range(0, values.Count).Select(i => (double)i).ToArray();
        var plot = new Plot();
        var measured = plot.Add.Scatter(x, values.Select(v => v.Measured).ToArray());
        measured.MarkerSize = 10;
        measured.LegendText = "measured";
        var simulated = plot.Add.Scatter(x, values.Select(v => v.Simulated).ToArray());
        simulated.MarkerSize = 10;
        simulated.MarkerShape = MarkerShape.OpenSquare;
        simulated.LinePattern = LinePattern.Dashed;
        simulated.LegendText = "simulated";
        plot.Axes.Bottom.SetTicks(x, values.Select(v => v.Label.Split(" (")[0]).ToArray());
        plot.Title(outcome.Name);
        plot.YLabel($"{values.FirstOrDefault()?.Quantity} ({values.FirstOrDefault()?.Unit})");
        // Outside the data area, for the same reason as the parity plot: a corner legend covered the only point.
        plot.ShowLegend(Edge.Bottom);
        AtomicFile.Write(path, tempPath => plot.SavePng(tempPath, Width, Height));
        return path;
    }
}
