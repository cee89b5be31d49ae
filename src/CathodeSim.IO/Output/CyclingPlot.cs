using CathodeSim.Analysis.Cycling;
using CathodeSim.Model.Results;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>
/// PNGs of a multi-cycle run: <c>&lt;name&gt;_cycling.png</c>, charge and discharge capacity against cycle number, and
/// <c>&lt;name&gt;_interface.png</c>, the interfacial resistances (film, charge transfer) and the contact coverage
/// against cycle number. Returns the first path.
/// </summary>
public sealed class CyclingPlot : IResultWriter
{
    /// <inheritdoc />
    public string Write(SimulationResult result, RunMetadata metadata, string outputDirectory)
    {
        string path = OutputPaths.For(outputDirectory, result.Name, "_cycling.png");
        var cycles = CycleSummarizer.Summarize(result);
        double[] n = cycles.Select(c => (double)c.Cycle).ToArray();

        var capacity = new Plot();
        capacity.Add.Scatter(n, cycles.Select(c => c.DischargeCapacity).ToArray()).LegendText = "discharge capacity";
        capacity.Add.Scatter(n, cycles.Select(c => c.ChargeCapacity).ToArray()).LegendText = "charge capacity";
        capacity.XLabel("cycle");
        capacity.YLabel("capacity (mAh/g NCM)");
        capacity.Title($"{result.Name}: capacity; retention after cycle {cycles[^1].Cycle}: {cycles[^1].RetentionPercent:F1} %");
        capacity.ShowLegend(Edge.Right);

        var resistance = new Plot();
        resistance.Add.Scatter(n, cycles.Select(c => c.FilmResistance).ToArray()).LegendText = "film (ohm)";
        resistance.Add.Scatter(n, cycles.Select(c => c.ChargeTransferResistance).ToArray()).LegendText = "charge transfer (ohm)";
        var coverage = resistance.Add.Scatter(n, cycles.Select(c => 100 * c.ContactCoverage).ToArray());
        coverage.LegendText = "contact coverage (%)";
        coverage.Axes.YAxis = resistance.Axes.Right;
        resistance.Axes.Right.Label.Text = "contact coverage (%)";
        resistance.XLabel("cycle");
        resistance.YLabel("resistance at end of cycle (ohm)");
        resistance.Title($"{result.Name}: cathode/electrolyte interface");
        resistance.ShowLegend(Edge.Right);

        AtomicFile.Write(path, temp => capacity.SavePng(temp, 900, 550));
        string interfacePath = OutputPaths.For(outputDirectory, result.Name, "_interface.png");
        AtomicFile.Write(interfacePath, temp => resistance.SavePng(temp, 900, 550));
        return path;
    }
}
