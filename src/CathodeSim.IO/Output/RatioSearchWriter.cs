using System.Globalization;
using System.Text;
using CathodeSim.Analysis.Optimization;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>Files of a mass-ratio search: the evaluated points as CSV and the objective against the fraction as PNG.</summary>
public static class RatioSearchWriter
{
    /// <summary>Writes every evaluated point (grid, refinement, optimum) as CSV; returns the path.</summary>
    public static string WriteCsv(string path, RatioSearchResult r, string objective)
    {
        var text = new StringBuilder($"stage,ncm_mass_fraction,{objective}\n");
        foreach (var p in r.Grid) text.Append(CultureInfo.InvariantCulture, $"grid,{p.Fraction:R},{p.Objective:R}\n");
        foreach (var p in r.Refinement) text.Append(CultureInfo.InvariantCulture, $"refine,{p.Fraction:R},{p.Objective:R}\n");
        text.Append(CultureInfo.InvariantCulture, $"optimum,{r.Optimum.Argument:R},{r.Optimum.Value:R}\n");
        AtomicFile.WriteText(path, text.ToString());
        return path;
    }

    /// <summary>Plots the objective against the NCM mass fraction with the optimum marked; returns the path.</summary>
    public static string WritePlot(string path, RatioSearchResult r, string objective, string name)
    {
        var plot = new Plot();
        var points = r.Grid.Concat(r.Refinement).Where(p => !double.IsNaN(p.Objective)).OrderBy(p => p.Fraction).ToArray();
        var line = plot.Add.Scatter(points.Select(p => p.Fraction).ToArray(), points.Select(p => p.Objective).ToArray());
        line.LegendText = "simulated";
        var best = plot.Add.Scatter(new[] { r.Optimum.Argument }, new[] { r.Optimum.Value });
        best.MarkerSize = 12;
        best.LegendText = $"optimum {r.Optimum.Argument:F3}";
        plot.Add.VerticalLine(r.Optimum.Argument).LinePattern = LinePattern.Dashed;
        plot.XLabel("NCM mass fraction");
        plot.YLabel(objective);
        plot.Title($"{name}: {objective} against NCM mass fraction");
        plot.ShowLegend(Edge.Right);
        AtomicFile.Write(path, temp => plot.SavePng(temp, 900, 600));
        return path;
    }

}
