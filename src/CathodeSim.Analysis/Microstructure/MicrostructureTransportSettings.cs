namespace CathodeSim.Analysis.Microstructure;

/// <summary>
/// How <c>law: microstructure</c> computes its table: which structures, how large, how finely voxelised, how many random
/// realisations and at which compositions. SI units. The defaults (and their sources) are the constants below.
/// </summary>
/// <param name="Generator">Structure generator.</param>
/// <param name="BoxEdge">Edge of the cubic box (in-plane and through the thickness), m.</param>
/// <param name="VoxelSize">Voxel edge, m.</param>
/// <param name="Seeds">Random structures per composition (seeds 1..Seeds); their mean is tabulated, their spread reported.</param>
/// <param name="CompositionFrom">Lowest NCM share of the solids on the grid.</param>
/// <param name="CompositionTo">Highest NCM share of the solids on the grid.</param>
/// <param name="CompositionPoints">Grid points (evenly spaced in the NCM share of the solids), at least 2.</param>
/// <param name="ElectrolyteDiameter">Electrolyte particle diameter (monodisperse), m: the config's electrolyte_particle_size.</param>
public sealed record MicrostructureTransportSettings(
    StructureGenerator Generator,
    double BoxEdge,
    double VoxelSize,
    int Seeds,
    double CompositionFrom,
    double CompositionTo,
    int CompositionPoints,
    double ElectrolyteDiameter)
{
    /// <summary>Packed: collective rearrangement to pressed-pellet density, the generator <c>cathodesim microstructure</c> defaults to (the Boolean model is for verification only).</summary>
    public const StructureGenerator DefaultGenerator = StructureGenerator.Packed;

    /// <summary>
    /// 24 um: 12 B-NCM NCM d50 (2 um) and 8 electrolyte grains (3 um) across, enough for a spanning network to be a
    /// property of the composite rather than of one cluster, and small enough (110,592 voxels) that 9 compositions x 3 seeds
    /// compute in a few minutes on 2 cores (measured, docs/microstructure-coupling.md). Finite-size effects near the
    /// thresholds remain and are part of the reported seed spread.
    /// </summary>
    public const double DefaultBoxEdge = 24e-6;

    /// <summary>0.5 um: 4 voxels across the B-NCM d50 of 2 um and 6 across a 3 um electrolyte grain; the setting of MicrostructureComputationTests.</summary>
    public const double DefaultVoxelSize = 0.5e-6;

    /// <summary>3 seeds: the least that gives a spread; the spread is reported as the table's uncertainty.</summary>
    public const int DefaultSeeds = 3;

    /// <summary>0.35 of the solids: NCM : Li3InCl6 = 50 : 50 by mass (densities 4.79 and 2.69 g/cm^3), the low end optimize-ratio explores by default.</summary>
    public const double DefaultCompositionFrom = 0.35;

    /// <summary>0.85 of the solids: 90 : 10 by mass, the high end optimize-ratio explores by default.</summary>
    public const double DefaultCompositionTo = 0.85;

    /// <summary>9 points: 0.0625 of the solids apart, about the width (0.11) over which a network goes from isolated to connected (Bielefeld et al. 2019), so the rise is sampled at least twice.</summary>
    public const int DefaultCompositionPoints = 9;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void ThrowIfInvalid()
    {
        if (!(BoxEdge > 0) || !double.IsFinite(BoxEdge)) throw new ArgumentException($"box edge must be a positive length, got {BoxEdge} m");
        if (!(VoxelSize > 0) || !(VoxelSize * 4 <= BoxEdge)) throw new ArgumentException($"voxel size must be positive and at most a quarter of the box edge, got {VoxelSize} m for a {BoxEdge} m box");
        if (Seeds < 1) throw new ArgumentException($"at least 1 seed, got {Seeds}");
        if (!(CompositionFrom > 0 && CompositionTo < 1 && CompositionFrom < CompositionTo)) throw new ArgumentException($"expected 0 < composition_from < composition_to < 1, got {CompositionFrom} and {CompositionTo}");
        if (CompositionPoints < 2) throw new ArgumentException($"at least 2 composition points, got {CompositionPoints}");
        if (!(ElectrolyteDiameter > 0)) throw new ArgumentException($"electrolyte particle diameter must be positive, got {ElectrolyteDiameter} m");
    }

    /// <summary>The NCM shares of the solids on the grid, ascending.</summary>
    public double[] CompositionGrid() =>
        [.. Enumerable.Range(0, CompositionPoints).Select(i => CompositionFrom + (CompositionTo - CompositionFrom) * i / (CompositionPoints - 1))];
}
