namespace CathodeSim.Analysis.Impedance;

/// <summary>A peak of the distribution of relaxation times.</summary>
/// <param name="TimeConstant">tau at the maximum of gamma, s (parabolic interpolation in ln tau).</param>
/// <param name="Gamma">gamma at the maximum, ohm.</param>
/// <param name="Resistance">Integral of gamma d(ln tau) over the peak's region (between the neighbouring minima), ohm.</param>
/// <param name="RegionLow">Lower tau bound of the region, s.</param>
/// <param name="RegionHigh">Upper tau bound of the region, s.</param>
/// <param name="Prominence">Height of the maximum above the higher of its two bounding minima, ohm.</param>
public sealed record DrtPeak(double TimeConstant, double Gamma, double Resistance, double RegionLow, double RegionHigh, double Prominence)
{
    /// <summary>The characteristic frequency 1/(2 pi tau), Hz.</summary>
    public double Frequency => 1 / (2 * Math.PI * TimeConstant);
}
