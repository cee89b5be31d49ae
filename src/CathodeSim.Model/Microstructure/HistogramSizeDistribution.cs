namespace CathodeSim.Model.Microstructure;

/// <summary>A measured PSD: particle diameters (class centres) with their volume fractions.</summary>
/// <param name="Diameters">Class-centre diameters, m, increasing.</param>
/// <param name="VolumeFractions">Volume fraction of each class (normalised here).</param>
public sealed record HistogramSizeDistribution(IReadOnlyList<double> Diameters, IReadOnlyList<double> VolumeFractions) : ParticleSizeDistribution
{
    /// <summary>
    /// Splits the cumulative volume into K equal shares (a class straddling a boundary is split), each bin's radius being
    /// the volume-weighted harmonic mean so that the surface area is preserved.
    /// </summary>
    public override SizeBins Discretise(int binCount)
    {
        if (binCount < 1) throw new ArgumentOutOfRangeException(nameof(binCount), "at least one size bin");
        double total = VolumeFractions.Sum();
        var radii = new double[binCount];
        var shares = new double[binCount];
        var inverseSum = new double[binCount];
        double target = 1.0 / binCount;
        int bin = 0;
        double filled = 0;
        for (int i = 0; i < Diameters.Count; i++)
        {
            double remaining = VolumeFractions[i] / total;
            double radius = Diameters[i] / 2.0;
            while (remaining > 1e-15)
            {
                double take = bin == binCount - 1 ? remaining : Math.Min(remaining, target - filled);
                shares[bin] += take;
                inverseSum[bin] += take / radius;
                filled += take;
                remaining -= take;
                if (filled >= target - 1e-15 && bin < binCount - 1) { bin++; filled = 0; }
            }
        }
        for (int k = 0; k < binCount; k++)
            radii[k] = inverseSum[k] > 0 ? shares[k] / inverseSum[k] : Diameters[^1] / 2.0;
        return new SizeBins(radii, shares);
    }
}
