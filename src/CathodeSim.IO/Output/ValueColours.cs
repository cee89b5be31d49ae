using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>
/// Colours series by a value (cycle number, a sweep parameter) with a colour bar, for plots with too many series for
/// a legend: a legend of 100 or 200 entries is cut off by the image and names no value anyone can find again.
/// </summary>
public static class ValueColours
{
    /// <summary>More series than this get a colour bar instead of a legend.</summary>
    public const int MaxLegendEntries = 10;

    private static readonly IColormap Colormap = new ScottPlot.Colormaps.Viridis();

    /// <summary>The colour of <paramref name="value"/> on a scale from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Color For(double value, double min, double max) =>
        Colormap.GetColor(max > min ? Math.Clamp((value - min) / (max - min), 0, 1) : 0.5);

    /// <summary>Adds a colour bar from <paramref name="min"/> to <paramref name="max"/> on the right, labelled <paramref name="label"/>.</summary>
    public static void AddColourBar(Plot plot, double min, double max, string label)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var bar = plot.Add.ColorBar(new Scale(Colormap, min, max > min ? max : min + 1));
        bar.Label = label;
    }

    /// <summary>What a colour bar reads: a colormap over a range.</summary>
    private sealed class Scale(IColormap colormap, double min, double max) : IHasColorAxis
    {
        public IColormap Colormap { get; set; } = colormap;

        public ScottPlot.Range GetRange() => new(min, max);
    }
}
