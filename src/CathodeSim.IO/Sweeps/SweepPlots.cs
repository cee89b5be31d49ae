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
    /// <summary>The results drawn.</summary>
    public static IReadOnlyList<string> Metrics { get; } = ["discharge_capacity_mAh_per_g", "discharge_energy_mWh_per_g", "coulombic_efficiency_percent"];

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
            foreach (string parameter in sweptParameters)
            {
                int c = header.ParameterNames.ToList().IndexOf(parameter);
                var plot = new Plot();
                for (int p = 0; p < header.ProtocolNames.Count; p++)
                {
                    foreach (var line in Lines(ok, header, sweptParameters, c))
                    {
                        var xs = line.Rows.Select(r => r.Parameters[c]).ToArray();
                        var ys = line.Rows.Select(r => r.Metrics[p][m]).ToArray();
                        var scatter = plot.Add.Scatter(xs, ys);
                        // Sampled sweeps (random, Latin hypercube) vary the other parameters from point to point: markers only.
                        if (scattered) scatter.LineWidth = 0;
                        scatter.LegendText = header.ProtocolNames.Count > 1 ? $"{header.ProtocolNames[p]} {line.Label}".Trim() : line.Label;
                    }
                }
                plot.XLabel(parameter + " (SI)");
                plot.YLabel(metric);
                plot.Title($"{header.Name}: {metric}");
                if (plot.GetPlottables().Count() > 1) plot.ShowLegend(Edge.Right);
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

    private sealed record Line(string Label, List<SweepRow> Rows);

    /// <summary>Rows grouped by the values of the other swept parameters, each sorted along parameter <paramref name="c"/>.</summary>
    private static IEnumerable<Line> Lines(List<SweepRow> rows, SweepHeader header, IReadOnlyList<string> swept, int c)
    {
        var others = swept.Select(s => header.ParameterNames.ToList().IndexOf(s)).Where(i => i != c).ToArray();
        if (others.Length != 1)
            return [new Line("", rows.OrderBy(r => r.Parameters[c]).ToList())];
        int o = others[0];
        return rows.GroupBy(r => r.Parameters[o]).OrderBy(g => g.Key)
            .Select(g => new Line($"{header.ParameterNames[o]} = {g.Key:G4}", g.OrderBy(r => r.Parameters[c]).ToList()));
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
        heat.Extent = new CoordinateRect(xs[0], xs[^1], ys[0], ys[^1]);
        plot.Add.ColorBar(heat).Label = metricName;
        plot.XLabel(swept[0] + " (SI)");
        plot.YLabel(swept[1] + " (SI)");
        plot.Title($"{header.Name} ({header.ProtocolNames[protocol]}): {metricName}");
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
        heat.Extent = new CoordinateRect(xs[0], xs[^1], 0, np - 1);
        plot.Add.ColorBar(heat).Label = metricName;
        plot.Axes.Left.SetTicks(Enumerable.Range(0, np).Select(i => (double)i).ToArray(), header.ProtocolNames.ToArray());
        plot.XLabel(parameter + " (SI)");
        plot.YLabel("protocol");
        plot.Title($"{header.Name}: {metricName}");
        string path = Path.Combine(directory, $"{header.Name}_{metricName}_heatmap_protocols.png");
        AtomicFile.Write(path, temp => plot.SavePng(temp, 900, 700));
        return path;
    }

    private static string Safe(string name) => string.Concat(name.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_'));
}
