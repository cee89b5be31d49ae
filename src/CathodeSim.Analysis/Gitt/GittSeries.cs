using CathodeSim.Model.Results;

namespace CathodeSim.Analysis.Gitt;

/// <summary>A galvanostatic time series as the GITT analysis reads it (SI units).</summary>
/// <param name="Time">s, non-decreasing.</param>
/// <param name="Current">A; either sign convention (the analysis infers which sign charges the cell).</param>
/// <param name="Voltage">V.</param>
public sealed record GittSeries(double[] Time, double[] Current, double[] Voltage)
{
    /// <summary>The time series of a simulation (current positive on charge).</summary>
    public static GittSeries From(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Series;
        return new GittSeries(s.Select(p => p.Time).ToArray(), s.Select(p => p.Current).ToArray(), s.Select(p => p.Voltage).ToArray());
    }

    /// <summary>Number of points.</summary>
    public int Count => Time.Length;
}
