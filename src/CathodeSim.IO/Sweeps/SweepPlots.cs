using CathodeSim.Analysis.Sweeps;
using CathodeSim.IO.Output;
using ScottPlot;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// PNG plots of a sweep's main results against its parameters: one line per protocol against each swept parameter
/// (points of the other parameters' values shown as separate lines when there are two), and a heat map per protocol
/// when exactly two parameters are swept.
/// </summary>
public static class SweepPlots
{
    /// <summary>The results drawn: every per-case metric of the sweep table (those without a finite value are skipped).</summary>
    public static IReadOnlyList<string> Metrics => CaseMetrics.Names;

    /// <summary>Writes the plots of <paramref name="rows"/> into <paramref name="directory"/>; returns the paths.</summary>
    public static IReadOnlyList<string> Write(string directory, SweepHeader header, IReadOnlyList<SweepRow> rows)
    {
        var sweptParameters = header.SweptParameters;
        var paths = new List<string>();
        // Cases with warnings are real results (a cell that could not take the rate is a finding), so they are drawn.
        var ok = rows.Where(r => SweepStatus.HasResults(r.Status)).ToList();
        if (ok.Count == 0) return paths;
        bool scattered = sweptParameters.Count > 1 && !(sweptParameters.Count == 2 && IsFullGrid(header, sweptParameters, ok));
        foreach (string metric in Metrics)
        {
            int m = CaseMetrics.IndexOf(metric);
            if (!ok.Any(r => r.Metrics.Any(p => double.IsFinite(p[m])))) continue;
            foreach (string parameter in sweptParameters)
            {
                int c = header.ParameterNames.ToList().IndexOf(parameter);
                var axis = ParameterAxis.Of(header, c, ok);
                var plot = new Plot();
                var lines = Lines(ok, header, sweptParameters, c).ToList();
                // Too many series for a legend (Latin-hypercube samples, long grids): colour by the other parameter instead.
                int series = lines.Count * header.ProtocolNames.Count;
                ParameterAxis? colourBy = series > ValueColours.MaxLegendEntries && lines.All(l => l.Other is not null)
                    ? ParameterAxis.Of(header, lines[0].OtherColumn, ok) : null;
                double cMin = colourBy is null ? 0 : lines.Min(l => colourBy.Value(l.Other!.Value));
                double cMax = colourBy is null ? 0 : lines.Max(l => colourBy.Value(l.Other!.Value));
                for (int p = 0; p < header.ProtocolNames.Count; p++)
                {
                    foreach (var line in lines)
                    {
                        var xs = line.Rows.Select(r => axis.Position(r.Parameters[c])).ToArray();
                        var ys = line.Rows.Select(r => r.Metrics[p][m]).ToArray();
                        var scatter = plot.Add.Scatter(xs, ys);
                        // Sampled sweeps (random, Latin hypercube) vary the other parameters from point to point: markers only.
                        if (scattered) scatter.LineWidth = 0;
                        if (colourBy is not null) scatter.Color = ValueColours.For(colourBy.Value(line.Other!.Value), cMin, cMax);
                        else scatter.LegendText = header.ProtocolNames.Count > 1 ? $"{header.ProtocolNames[p]} {line.Label}".Trim() : line.Label;
                    }
                }
                axis.Apply(plot.Axes.Bottom);
                plot.XLabel(axis.Label);
                plot.YLabel(SweepMetricInfo.AxisLabel(metric));
                plot.Title($"{header.Name}: {SweepMetricInfo.Label(metric)}");
                if (colourBy is not null) ValueColours.AddColourBar(plot, cMin, cMax, colourBy.Label);
                else if (series > 1) plot.ShowLegend(Edge.Right);
                string path = Path.Combine(directory, $"{header.Name}_{metric}_vs_{Safe(parameter)}.png");
                AtomicFile.Write(path, temp => plot.SavePng(temp, 900, 600));
                paths.Add(path);
            }
            if (sweptParameters.Count == 2 && IsFullGrid(header, sweptParameters, ok))
                for (int p = 0; p < header.ProtocolNames.Count; p++)
                    paths.Add(HeatMap(directory, header, sweptParameters, ok, p, m, metric));
            if (sweptParameters.Count == 1 && header.ProtocolNames.Count > 1)
                paths.Add(ProtocolHeatMap(directory, header, sweptParameters[0], ok, m, metric));
        }
        return paths;
    }

    /// <summary>Cases along one parameter; <paramref name="Other"/> is the other swept parameter's value (column <paramref name="OtherColumn"/>) where there is one.</summary>
    private sealed record Line(string Label, List<SweepRow> Rows, double? Other = null, int OtherColumn = -1);

    /// <summary>Rows grouped by the values of the other swept parameters, each sorted along parameter <paramref name="c"/>.</summary>
    private static IEnumerable<Line> Lines(List<SweepRow> rows, SweepHeader header, IReadOnlyList<string> swept, int c)
    {
        var others = swept.Select(s => header.ParameterNames.ToList().IndexOf(s)).Where(i => i != c).ToArray();
        if (others.Length != 1)
            return [new Line("", rows.OrderBy(r => r.Parameters[c]).ToList())];
        int o = others[0];
        var axis = ParameterAxis.Of(header, o, rows);
        return rows.GroupBy(r => r.Parameters[o]).OrderBy(g => g.Key)
            .Select(g => new Line(FormattableString.Invariant($"{axis.Name} = {axis.Value(g.Key):G4} {axis.Unit}").TrimEnd(), g.OrderBy(r => r.Parameters[c]).ToList(), g.Key, o));
    }

    private static string HeatMap(string directory, SweepHeader header, IReadOnlyList<string> swept, List<SweepRow> rows, int protocol, int metric, string metricName)
    {
        int cx = header.ParameterNames.ToList().IndexOf(swept[0]), cy = header.ParameterNames.ToList().IndexOf(swept[1]);
        var xs = rows.Select(r => r.Parameters[cx]).Distinct().Order().ToArray();
        var ys = rows.Select(r => r.Parameters[cy]).Distinct().Order().ToArray();
        var grid = new double[ys.Length, xs.Length];
        for (int i = 0; i < ys.Length; i++) for (int j = 0; j < xs.Length; j++) grid[i, j] = double.NaN;
        foreach (var r in rows)
            grid[ys.Length - 1 - Array.IndexOf(ys, r.Parameters[cy]), Array.IndexOf(xs, r.Parameters[cx])] = r.Metrics[protocol][metric];
        var plot = new Plot();
        var heat = plot.Add.Heatmap(grid);
        var ax = ParameterAxis.Of(header, cx, rows);
        var ay = ParameterAxis.Of(header, cy, rows);
        heat.Extent = new CoordinateRect(ax.Position(xs[0]), ax.Position(xs[^1]), ay.Position(ys[0]), ay.Position(ys[^1]));
        plot.Add.ColorBar(heat).Label = SweepMetricInfo.AxisLabel(metricName);
        ax.Apply(plot.Axes.Bottom);
        ay.Apply(plot.Axes.Left);
        plot.XLabel(ax.Label);
        plot.YLabel(ay.Label);
        plot.Title($"{header.Name} ({header.ProtocolNames[protocol]}): {SweepMetricInfo.Label(metricName)}");
        string path = Path.Combine(directory, $"{header.Name}_{metricName}_heatmap_{Safe(header.ProtocolNames[protocol])}.png");
        AtomicFile.Write(path, temp => plot.SavePng(temp, 900, 700));
        return path;
    }

    /// <summary>Heat maps need the cases on a full grid (not random or Latin-hypercube samples) and some finite values.</summary>
    private static bool IsFullGrid(SweepHeader header, IReadOnlyList<string> swept, List<SweepRow> rows)
    {
        int cx = header.ParameterNames.ToList().IndexOf(swept[0]), cy = header.ParameterNames.ToList().IndexOf(swept[1]);
        int nx = rows.Select(r => r.Parameters[cx]).Distinct().Count(), ny = rows.Select(r => r.Parameters[cy]).Distinct().Count();
        return nx >= 2 && ny >= 2 && nx * ny == rows.Count;
    }

    /// <summary>One parameter against the protocols (e.g. NCM fraction against C-rate): protocols on the y axis.</summary>
    private static string ProtocolHeatMap(string directory, SweepHeader header, string parameter, List<SweepRow> rows, int metric, string metricName)
    {
        int c = header.ParameterNames.ToList().IndexOf(parameter);
        var xs = rows.Select(r => r.Parameters[c]).Distinct().Order().ToArray();
        int np = header.ProtocolNames.Count;
        var grid = new double[np, xs.Length];
        for (int i = 0; i < np; i++) for (int j = 0; j < xs.Length; j++) grid[i, j] = double.NaN;
        foreach (var r in rows)
            for (int p = 0; p < np; p++) grid[np - 1 - p, Array.IndexOf(xs, r.Parameters[c])] = r.Metrics[p][metric];
        var plot = new Plot();
        var heat = plot.Add.Heatmap(grid);
        var ax = ParameterAxis.Of(header, c, rows);
        heat.Extent = new CoordinateRect(ax.Position(xs[0]), ax.Position(xs[^1]), 0, np - 1);
        plot.Add.ColorBar(heat).Label = SweepMetricInfo.AxisLabel(metricName);
        plot.Axes.Left.SetTicks(Enumerable.Range(0, np).Select(i => (double)i).ToArray(), header.ProtocolNames.ToArray());
        ax.Apply(plot.Axes.Bottom);
        plot.XLabel(ax.Label);
        plot.YLabel("protocol");
        plot.Title($"{header.Name}: {SweepMetricInfo.Label(metricName)}");
        string path = Path.Combine(directory, $"{header.Name}_{metricName}_heatmap_protocols.png");
        AtomicFile.Write(path, temp => plot.SavePng(temp, 900, 700));
        return path;
    }

    private static string Safe(string name) => string.Concat(name.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_'));
}
