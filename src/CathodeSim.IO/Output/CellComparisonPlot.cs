using CathodeSim.Analysis.Cycling;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>
/// Writes <c>comparison.png</c>: the first cycle's voltage against specific capacity of every compared cell, overlaid,
/// one colour per cell (charge and discharge alike) with a legend naming the cell and its electrolyte.
/// </summary>
public static class CellComparisonPlot
{
    /// <summary>Image width, px.</summary>
    public const int Width = 900;

    /// <summary>Image height, px.</summary>
    public const int Height = 600;

    /// <summary>Plots the curves and writes the PNG atomically; returns the path.</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="rows">The compared cells.</param>
    /// <param name="firstCycleCurves">For each of <paramref name="rows"/>, its first cycle's charge and discharge curves.</param>
    public static string Write(string path, IReadOnlyList<CellComparisonRow> rows, IReadOnlyList<IReadOnlyList<VoltageCapacityCurve>> firstCycleCurves)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(firstCycleCurves);
        if (rows.Count != firstCycleCurves.Count) throw new ArgumentException("one list of curves per row expected", nameof(firstCycleCurves));

        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < rows.Count; i++)
        {
            var colour = palette.GetColor(i);
            bool labelled = false;
            foreach (var curve in firstCycleCurves[i])
            {
                var line = plot.Add.Scatter(curve.Capacity, curve.Voltage);
                line.Color = colour;
                // Simulation output is dense; markers would only blur the curve.
                line.MarkerSize = 0;
                // One legend entry per cell: its charge and discharge share the colour.
                if (!labelled) line.LegendText = $"{rows[i].Name} ({rows[i].ElectrolyteName}, vs {rows[i].CounterElectrode})";
                labelled = true;
            }
        }

        plot.Title("First cycle");
        plot.XLabel("Specific capacity (mAh/g cathode active material)");
        plot.YLabel(VoltageAxisLabel(rows));
        plot.ShowLegend(Edge.Right);
        AtomicFile.Write(path, temp => plot.SavePng(temp, Width, Height));
        return path;
    }

    /// <summary>
    /// "Voltage (V vs Li-In / V vs Li)": every counter electrode once, in order of first use. A Li-In counter electrode
    /// sits about 0.62 V above Li, so curves against different counter electrodes are offset by that much and the
    /// label has to say so.
    /// </summary>
    /// <param name="rows">The compared cells.</param>
    public static string VoltageAxisLabel(IReadOnlyList<CellComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var counters = rows.Select(r => r.CounterElectrode).Distinct(StringComparer.Ordinal).Select(c => $"V vs {c}");
        return $"Voltage ({string.Join(" / ", counters)})";
    }
}
