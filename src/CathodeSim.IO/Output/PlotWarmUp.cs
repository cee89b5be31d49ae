using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>
/// Loads the plotting library's native renderer and compiles its drawing path on a spare core while a simulation runs:
/// the first PNG of a process otherwise waits about 0.2 s for SkiaSharp's native library and fonts, and 0.1-0.2 s more
/// for the JIT (docs/performance.md, round 4), after the simulation, on the critical path of a single <c>run</c>.
/// </summary>
public static class PlotWarmUp
{
    /// <summary>
    /// Starts rendering a small plot in memory on the thread pool, on machines with more than one core (on one core it
    /// would only delay the simulation). Nothing is written; failures are ignored (the real plot reports its own).
    /// </summary>
    /// <returns>The background work; callers need not wait for it.</returns>
    public static Task Start()
    {
        if (Environment.ProcessorCount < 2) return Task.CompletedTask;
        return Task.Run(() =>
        {
            try
            {
                var plot = new Plot();
                var line = plot.Add.Scatter(new double[] { 0, 1 }, new double[] { 3.0, 4.2 });
                line.LegendText = "warm-up";
                line.MarkerSize = 0;
                plot.Title("warm-up");
                plot.XLabel("x");
                plot.YLabel("y");
                plot.ShowLegend(Edge.Right);
                _ = plot.GetImageBytes(64, 48, ImageFormat.Png);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Best effort only: the real plot reports its own failure.
            }
        });
    }
}
