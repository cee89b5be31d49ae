namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>Settings of <see cref="CollectiveRearrangementGenerator"/>; the defaults suit pressed composite cathodes.</summary>
public sealed record PackingOptions
{
    /// <summary>
    /// Largest overlap R_i + R_j - d allowed between two spheres of the packing before the final inflation, relative to
    /// the smaller radius (0.02: a 2 % indentation, a mildly pressed contact). The hard packing is stopped at the densest state that meets it.
    /// </summary>
    public double MaxRelativeOverlap { get; init => field = value > 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxRelativeOverlap), value, "the overlap limit must be in (0, 1)"); } = 0.02;

    /// <summary>Sphere volume fraction at which the random start is placed (radii scaled down to it), in (0, 0.5].</summary>
    public double InitialPackingFraction { get; init => field = value > 0 && value <= 0.5 ? value : throw new ArgumentOutOfRangeException(nameof(InitialPackingFraction), value, "the start fraction must be in (0, 0.5]"); } = 0.3;

    /// <summary>Relative growth of the radii after a sweep that kept every overlap within the working overlap.</summary>
    public double GrowthPerSweep { get; init => field = value > 0 && value < 0.1 ? value : throw new ArgumentOutOfRangeException(nameof(GrowthPerSweep), value, "the growth per sweep must be in (0, 0.1)"); } = 0.01;

    /// <summary>Relative pair overlap tolerated while the radii grow at first; it halves at each jam.</summary>
    public double InitialWorkingOverlap { get; init => field = value > 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(InitialWorkingOverlap), value, "the working overlap must be in (0, 1)"); } = 0.2;

    /// <summary>Sweeps without growth after which the packing counts as jammed at the working overlap.</summary>
    public int StallSweeps { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(StallSweeps), value, "at least one sweep"); } = 20;

    /// <summary>Cap on the relaxation sweeps (the cost); the packing stops where it is when it is reached.</summary>
    public int MaxSweeps { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxSweeps), value, "at least one sweep"); } = 3000;

    /// <summary>Absolute tolerance on each phase's voxelised volume fraction after the final inflation.</summary>
    public double FractionTolerance { get; init => field = value > 0 && value < 0.1 ? value : throw new ArgumentOutOfRangeException(nameof(FractionTolerance), value, "the fraction tolerance must be in (0, 0.1)"); } = 1e-3;
}
