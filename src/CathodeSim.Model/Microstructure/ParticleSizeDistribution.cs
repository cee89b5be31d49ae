namespace CathodeSim.Model.Microstructure;

/// <summary>A particle-size distribution of the active material, by volume.</summary>
public abstract record ParticleSizeDistribution
{
    /// <summary>Discretise into <paramref name="binCount"/> radius bins with volume shares summing to 1.</summary>
    public abstract SizeBins Discretise(int binCount);
}

/// <summary>Radius bins shared by every x-node: representative radius R_k (m) and volume share v_k of each bin.</summary>
/// <param name="Radii">R_k, m.</param>
/// <param name="VolumeShares">v_k, summing to 1.</param>
public sealed record SizeBins(double[] Radii, double[] VolumeShares)
{
    /// <summary>Number of bins K.</summary>
    public int Count => Radii.Length;
}
