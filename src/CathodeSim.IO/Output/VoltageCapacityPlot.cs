using System.Globalization;
using CathodeSim.Analysis.Cycling;
using CathodeSim.Model.Results;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>
/// Writes <c>&lt;name&gt;_voltage.png</c>: voltage against specific capacity, one line per charge or discharge segment
/// (see <see cref="VoltageCapacityCurves.FromResult"/>), each starting at zero capacity as in a lab plot.
/// </summary>
public sealed class VoltageCapacityPlot : IResultWriter
{
    /// <summary>Image width, px.</summary>
    public const int Width = 800;

    /// <summary>Image height, px.</summary>
    public const int Height = 600;

    /// <inheritdoc />
    public string Write(SimulationResult result, RunMetadata metadata, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(metadata);
        string path = OutputPaths.For(outputDirectory, result.Name, "_voltage.png");

        var plot = new Plot();
        var curves = VoltageCapacityCurves.FromResult(result);
        // Many cycles: colour by cycle number with a colour bar; a legend of every curve would not fit the image.
        bool byCycle = curves.Count > ValueColours.MaxLegendEntries;
        double first = curves.Count > 0 ? curves.Min(c => c.Cycle) : 1, last = curves.Count > 0 ? curves.Max(c => c.Cycle) : 1;
        foreach (var curve in curves)
        {
            var line = plot.Add.Scatter(curve.Capacity, curve.Voltage);
            if (byCycle) line.Color = ValueColours.For(curve.Cycle, first, last);
            else line.LegendText = curve.Label;
            // Simulation output is dense; markers would only blur the curve.
            line.MarkerSize = 0;
        }

        plot.Title(string.Create(CultureInfo.InvariantCulture, $"{result.Name}, {metadata.Temperature:0.##} K"));
        plot.XLabel($"Specific capacity (mAh/g {metadata.ActiveMaterial})");
        plot.YLabel($"Voltage (V vs {metadata.CounterElectrode})");
        // Outside the data area: charge and discharge curves between them cover every corner of it.
        if (byCycle) ValueColours.AddColourBar(plot, first, last, "cycle");
        else plot.ShowLegend(Edge.Right);

        AtomicFile.Write(path, tempPath => plot.SavePng(tempPath, Width, Height));
        return path;
    }
}
