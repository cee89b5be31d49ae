namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>
/// What a stochastic composite structure must contain: a box (square in-plane, periodic in x and y; walls at the current
/// collector z = 0 and at the separator z = Lz), the volume fractions of NCM and electrolyte (the rest is void), the size
/// distributions of both powders and the seed that fixes the random structure. Every value is checked where it is set.
/// </summary>
public sealed record StructureRecipe
{
    /// <summary>A recipe; throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    /// <param name="inPlaneLength">Edge Lx = Ly of the box, m.</param>
    /// <param name="thickness">Thickness Lz of the box (electrode), m.</param>
    /// <param name="activeVolumeFraction">NCM volume fraction of the box, in [0, 1).</param>
    /// <param name="electrolyteVolumeFraction">Electrolyte volume fraction of the box, in [0, 1); with the NCM at most 1.</param>
    /// <param name="activeSizes">NCM particle-size distribution (by volume).</param>
    /// <param name="electrolyteSizes">Electrolyte particle-size distribution (by volume).</param>
    /// <param name="seed">Fixes every random draw.</param>
    /// <param name="sizeBinCount">Radius classes per powder taken from <see cref="ParticleSizeDistribution.Discretise"/>.</param>
    public StructureRecipe(double inPlaneLength, double thickness, double activeVolumeFraction, double electrolyteVolumeFraction,
        ParticleSizeDistribution activeSizes, ParticleSizeDistribution electrolyteSizes, ulong seed, int sizeBinCount = 8)
    {
        InPlaneLength = inPlaneLength;
        Thickness = thickness;
        ActiveVolumeFraction = activeVolumeFraction;
        ElectrolyteVolumeFraction = electrolyteVolumeFraction;
        ActiveSizes = activeSizes;
        ElectrolyteSizes = electrolyteSizes;
        Seed = seed;
        SizeBinCount = sizeBinCount;
        ThrowIfInconsistent();
    }

    /// <summary>Edge Lx = Ly of the box, m.</summary>
    public double InPlaneLength { get; init => field = Positive(value, nameof(InPlaneLength)); }

    /// <summary>Thickness Lz of the box, m (z = 0 at the current collector, z = Lz at the separator).</summary>
    public double Thickness { get; init => field = Positive(value, nameof(Thickness)); }

    /// <summary>NCM volume fraction of the box, in [0, 1).</summary>
    public double ActiveVolumeFraction { get; init => field = UnitInterval(value, nameof(ActiveVolumeFraction)); }

    /// <summary>Electrolyte volume fraction of the box, in [0, 1).</summary>
    public double ElectrolyteVolumeFraction { get; init => field = UnitInterval(value, nameof(ElectrolyteVolumeFraction)); }

    /// <summary>NCM particle-size distribution (by volume).</summary>
    public ParticleSizeDistribution ActiveSizes { get; init => field = value ?? throw new ArgumentNullException(nameof(ActiveSizes)); }

    /// <summary>Electrolyte particle-size distribution (by volume).</summary>
    public ParticleSizeDistribution ElectrolyteSizes { get; init => field = value ?? throw new ArgumentNullException(nameof(ElectrolyteSizes)); }

    /// <summary>Seed of the random structure: the same recipe gives the same structure bit for bit.</summary>
    public ulong Seed { get; init; }

    /// <summary>Radius classes per powder (equal volume shares for a lognormal PSD), at least 1.</summary>
    public int SizeBinCount
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(SizeBinCount), value, "at least one size class per powder");
    }

    /// <summary>Void volume fraction, 1 - NCM - electrolyte.</summary>
    public double VoidFraction => 1.0 - ActiveVolumeFraction - ElectrolyteVolumeFraction;

    /// <summary>
    /// Throws when the values, each valid on its own, do not fit together (NCM and electrolyte over the whole box).
    /// The generators call it, since a <c>with</c> expression checks each value alone.
    /// </summary>
    public void ThrowIfInconsistent()
    {
        if (ActiveVolumeFraction + ElectrolyteVolumeFraction > 1.0 + 1e-12)
            throw new ArgumentException(
                $"NCM ({ActiveVolumeFraction}) and electrolyte ({ElectrolyteVolumeFraction}) volume fractions add up to more than 1", nameof(ElectrolyteVolumeFraction));
    }

    private static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive length in m");

    private static double UnitInterval(double value, string name) =>
        value >= 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a volume fraction in [0, 1)");
}
