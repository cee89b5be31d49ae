namespace CathodeSim.Numerics.Voxels;

/// <summary>Settings of a steady voxel transport (effective conductivity) solve.</summary>
public sealed record VoxelTransportOptions
{
    /// <summary>The axis the current is driven along; the two faces normal to it carry the 1 V potential drop.</summary>
    public VoxelTransportDirection Direction { get; init; } = VoxelTransportDirection.Z;

    /// <summary>
    /// True: the two in-plane directions (those normal to <see cref="Direction"/>) are periodic, as for a sample cut from
    /// an electrode of wide extent. False: insulating side walls (no current leaves through them), TauFactor's default.
    /// </summary>
    public bool PeriodicInPlane { get; init; } = true;

    /// <summary>The solve stops when the residual 2-norm falls below this fraction of the right-hand side's.</summary>
    public double RelativeTolerance { get; init; } = 1e-6;

    /// <summary>The most preconditioned conjugate-gradient iterations before giving up (the result then says not converged).</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Told the iteration count and relative residual after every iteration, when given.</summary>
    public IProgress<VoxelSolveProgress>? Progress { get; init; }

    /// <summary>The defaults: along z, periodic in-plane, tolerance 1e-6, at most 1000 iterations, no progress reports.</summary>
    public static VoxelTransportOptions Default { get; } = new();

    internal void Validate()
    {
        if (!Enum.IsDefined(Direction)) throw new ArgumentOutOfRangeException(nameof(Direction), $"unknown transport direction {Direction}");
        if (!(RelativeTolerance > 0 && RelativeTolerance < 1))
            throw new ArgumentOutOfRangeException(nameof(RelativeTolerance), $"relative tolerance must lie in (0, 1) (got {RelativeTolerance})");
        if (MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(MaxIterations), $"at least one iteration is needed (got {MaxIterations})");
    }
}
