using System.Text;
using CathodeSim.Analysis.Optimization;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>Files of a prediction map: every point as CSV and the capacity curves of all conditions in one PNG.</summary>
public static class PredictionMapWriter
{
    /// <summary>Image width, px.</summary>
    public const int Width = 1200;

    /// <summary>Image height, px.</summary>
    public const int Height = 700;

    /// <summary>
    /// Writes one row per evaluated point: grid points with their losses and mechanism, refinement points (capacity
    /// only) and each condition's optimum with its band; returns the path.
    /// </summary>
    public static string WriteCsv(string path, PredictionMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var text = new StringBuilder("rate_C,temperature_K,stage,ncm_mass_fraction,capacity_mAh_per_g,mechanism,"
            + string.Join(',', LimitingMechanisms.Removable.Select(m => $"loss_{m.Name()}_mAh_per_g")) + ",band_lower,band_upper\n");
        foreach (var c in map.Conditions)
        {
            string head = $"{(c.Condition.Rate is { } r ? CsvFields.Number(r) : "")},{CsvFields.Number(c.Temperature)}";
            foreach (var p in c.Points)
                text.Append($"{head},grid,{CsvFields.Number(p.Fraction)},{CsvFields.Number(p.Capacity)},{p.Mechanism?.Name() ?? "failed"},"
                    + string.Join(',', LimitingMechanisms.Removable.Select(m => CsvFields.Number(p.Losses.Of(m)))) + ",,\n");
            foreach (var p in c.Refinement)
                text.Append($"{head},refine,{CsvFields.Number(p.Fraction)},{CsvFields.Number(p.Objective)},,,,,,,,\n");
            text.Append($"{head},optimum,{CsvFields.Number(c.Optimum.Argument)},{CsvFields.Number(c.Optimum.Value)},,,,,,,"
                + $"{CsvFields.Number(c.BandLower)},{CsvFields.Number(c.BandUpper)}\n");
        }
        AtomicFile.WriteText(path, text.ToString());
        return path;
    }

    /// <summary>Marker of a grid point by its limiting mechanism (the same in every condition's colour).</summary>
    public static MarkerShape Marker(LimitingMechanism? mechanism) => mechanism switch
    {
        LimitingMechanism.Accessibility => MarkerShape.FilledTriangleDown,
        LimitingMechanism.Ionic => MarkerShape.FilledSquare,
        LimitingMechanism.Electronic => MarkerShape.FilledDiamond,
        LimitingMechanism.Diffusion => MarkerShape.FilledTriangleUp,
        LimitingMechanism.Kinetics => MarkerShape.FilledCircle,
        _ => MarkerShape.OpenCircle,
    };

    /// <summary>
    /// Capacity against NCM mass fraction, one colour per condition (line through grid and refinement points), the
    /// grid points' marker shape naming the limiting mechanism, each optimum as an asterisk and its 1 % band as a thick
    /// bar at 99 % of the optimum; the legend lists the conditions, then the mechanisms. Returns the path.
    /// </summary>
    public static string WritePlot(string path, PredictionMap map, string name)
    {
        ArgumentNullException.ThrowIfNull(map);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var legend = new List<LegendItem>();
        for (int i = 0; i < map.Conditions.Count; i++)
        {
            var c = map.Conditions[i];
            var color = palette.GetColor(i);
            var curve = c.Points.Select(p => new RatioPoint(p.Fraction, p.Capacity)).Concat(c.Refinement)
                .Where(p => double.IsFinite(p.Objective)).OrderBy(p => p.Fraction).ToArray();
            if (curve.Length > 0)
            {
                var line = plot.Add.Scatter(curve.Select(p => p.Fraction).ToArray(), curve.Select(p => p.Objective).ToArray());
                line.Color = color;
                line.LineWidth = 2;
                line.MarkerSize = 0;
            }
            foreach (var group in c.Points.Where(p => double.IsFinite(p.Capacity)).GroupBy(p => p.Mechanism))
            {
                var markers = plot.Add.Scatter(group.Select(p => p.Fraction).ToArray(), group.Select(p => p.Capacity).ToArray());
                markers.LineWidth = 0;
                markers.MarkerSize = 10;
                markers.MarkerShape = Marker(group.Key);
                markers.Color = color;
            }
            if (double.IsFinite(c.Optimum.Value))
            {
                var best = plot.Add.Scatter(new[] { c.Optimum.Argument }, new[] { c.Optimum.Value });
                best.LineWidth = 0;
                best.MarkerShape = MarkerShape.Asterisk;
                best.MarkerSize = 20;
                best.MarkerLineWidth = 2;
                best.Color = color;
                double level = PredictionMap.BandShare * c.Optimum.Value;
                var band = plot.Add.Line(c.BandLower, level, c.BandUpper, level);
                band.LineWidth = 6;
                band.Color = color.WithAlpha(0.45);
            }
            legend.Add(new LegendItem { LabelText = double.IsFinite(c.Optimum.Value) ? $"{c.Label}: optimum {c.Optimum.Argument:F3}" : $"{c.Label}: no capacity", LineColor = color, LineWidth = 2, MarkerShape = MarkerShape.None });
        }
        foreach (var m in LimitingMechanisms.Removable.Append(LimitingMechanism.None))
            legend.Add(new LegendItem { LabelText = m == LimitingMechanism.None ? "no loss over 1 %" : $"limited by {m.Name()}", MarkerShape = Marker(m), MarkerSize = 10, MarkerFillColor = Colors.Gray, MarkerLineColor = Colors.Gray, LineWidth = 0 });
        legend.Add(new LegendItem { LabelText = "optimum", MarkerShape = MarkerShape.Asterisk, MarkerSize = 16, MarkerLineColor = Colors.Gray, MarkerFillColor = Colors.Gray, LineWidth = 0 });
        legend.Add(new LegendItem { LabelText = "within 1 % of optimum", LineColor = Colors.Gray.WithAlpha(0.45), LineWidth = 6, MarkerShape = MarkerShape.None });
        plot.Legend.ManualItems.AddRange(legend);
        plot.XLabel("NCM mass fraction");
        plot.YLabel("discharge capacity (mAh/g)");
        plot.Title($"{name}: capacity against NCM mass fraction");
        plot.ShowLegend(Edge.Right);
        AtomicFile.Write(path, temp => plot.SavePng(temp, Width, Height));
        return path;
    }
}
