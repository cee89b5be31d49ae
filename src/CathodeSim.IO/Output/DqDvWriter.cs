using System.Globalization;
using CathodeSim.Analysis.Capacity;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>
/// Writes a dQ/dV analysis: <c>&lt;stem&gt;_dqdv.csv</c> (one row per grid voltage of every curve, after a '#' line stating the
/// method) and <c>&lt;stem&gt;_dqdv.png</c> (smoothed dQ/dV against voltage, one curve per cycle and direction, peaks marked).
/// </summary>
public static class DqDvWriter
{
    /// <summary>Image width, px.</summary>
    public const int Width = 1000;

    /// <summary>Image height, px.</summary>
    public const int Height = 650;

    /// <summary>Writes both files into <paramref name="directory"/> (created if needed); returns their paths.</summary>
    /// <param name="directory">Output directory.</param>
    /// <param name="stem">File name stem, e.g. the input file's.</param>
    /// <param name="result">The analysis.</param>
    /// <param name="title">Plot title prefix, e.g. the input file's name.</param>
    public static IReadOnlyList<string> Write(string directory, string stem, DqDvResult result, string title)
    {
        ArgumentNullException.ThrowIfNull(result);
        string csv = OutputPaths.For(directory, stem, "_dqdv.csv");
        string png = OutputPaths.For(directory, stem, "_dqdv.png");
        WriteCsv(csv, result);
        WritePlot(png, result, title);
        return [csv, png];
    }

    /// <summary>Writes the CSV: cycle, direction, voltage_V, capacity, raw and smoothed dQ/dV, and is_peak (1 at the grid point nearest a peak).</summary>
    public static void WriteCsv(string path, DqDvResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string q = result.Scale.CapacityKey;
        AtomicFile.WriteText(path, writer =>
        {
            writer.Write($"cycle,direction,voltage_V,capacity_{q},dqdv_raw_{q}_per_V,dqdv_{q}_per_V,is_peak\n");
            foreach (var curve in result.Curves)
            {
                var peakIndex = curve.Peaks.Select(p => Nearest(curve.Voltage, p.Voltage)).ToHashSet();
                for (int i = 0; i < curve.Voltage.Length; i++)
                {
                    writer.Write(string.Join(',', CsvFields.Number(curve.Cycle), curve.DirectionName, CsvFields.Number(curve.Voltage[i]),
                        CsvFields.Number(curve.Capacity[i]), CsvFields.Number(curve.RawDqDv[i]), CsvFields.Number(curve.DqDv[i]), peakIndex.Contains(i) ? "1" : "0"));
                    writer.Write('\n');
                }
            }
        });
        CsvSidecar.Write(path, new() { ["method"] = result.Method });
    }

    /// <summary>Writes the PNG.</summary>
    public static void WritePlot(string path, DqDvResult result, string title)
    {
        ArgumentNullException.ThrowIfNull(result);
        var inv = CultureInfo.InvariantCulture;
        var plot = new Plot();
        bool legend = result.Curves.Count <= ValueColours.MaxLegendEntries;
        var palette = new ScottPlot.Palettes.Category10();
        double first = result.Curves.Count > 0 ? result.Curves.Min(c => c.Cycle) : 1, last = result.Curves.Count > 0 ? result.Curves.Max(c => c.Cycle) : 1;
        for (int c = 0; c < result.Curves.Count; c++)
        {
            var curve = result.Curves[c];
            // Too many curves for a legend: colour by cycle with a colour bar, so each curve can still be told apart.
            var color = legend ? palette.GetColor(c) : ValueColours.For(curve.Cycle, first, last);
            var line = plot.Add.Scatter(curve.Voltage, curve.DqDv);
            line.MarkerSize = 0;
            line.LineWidth = 1.5f;
            line.Color = color;
            if (legend) line.LegendText = $"cycle {curve.Cycle} {curve.DirectionName}";
            if (curve.Peaks.Count > 0)
            {
                var peaks = plot.Add.Scatter(curve.Peaks.Select(p => p.Voltage).ToArray(), curve.Peaks.Select(p => p.Height).ToArray());
                peaks.LineWidth = 0;
                peaks.MarkerSize = 9;
                peaks.MarkerShape = MarkerShape.OpenCircle;
                peaks.Color = color;
                if (legend && c == 0) peaks.LegendText = "peaks";
            }
        }
        var zero = plot.Add.HorizontalLine(0);
        zero.LineWidth = 0.5f;
        zero.Color = Colors.Gray;
        var options = result.Options;
        plot.Title(string.Create(inv,
            $"{title}: dQ/dV (dV = {options.Window * 1e3:0.###} mV, {(options.SmoothingPoints == 1 ? "not smoothed" : $"Savitzky-Golay {options.SmoothingPoints} pts, order {options.SmoothingOrder}")})"));
        plot.XLabel("voltage (V)");
        plot.YLabel($"dQ/dV ({result.Unit}); discharge negative");
        if (legend) plot.ShowLegend(Edge.Right);
        else ValueColours.AddColourBar(plot, first, last, "cycle");
        AtomicFile.Write(path, temp => plot.SavePng(temp, Width, Height));
    }

    private static int Nearest(double[] grid, double v)
    {
        int best = 0;
        for (int i = 1; i < grid.Length; i++) if (Math.Abs(grid[i] - v) < Math.Abs(grid[best] - v)) best = i;
        return best;
    }
}
