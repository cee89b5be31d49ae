namespace CathodeSim.Numerics.Voxels;

/// <summary>
/// Steady conduction through a voxel structure: solves div(sigma grad phi) = 0 by finite volumes on the voxels with
/// phi = 1 V on the inlet face and 0 on the outlet face of the transport direction, and reports the effective
/// conductivity and tortuosity factor. Implementations differ only in where the arithmetic runs; they solve the same
/// discrete problem (the voxel conductance network with Dirichlet faces, spanning clusters only) with the same preconditioned conjugate gradients.
/// </summary>
public interface IVoxelConductivitySolver
{
    /// <summary>Short name of the back end, for reports ("cpu", "ilgpu-cpu", "ilgpu-cuda (...)").</summary>
    string Name { get; }

    /// <summary>Solves one structure.</summary>
    /// <param name="grid">The voxel structure; its labels index <paramref name="phaseConductivity"/>.</param>
    /// <param name="phaseConductivity">Conductivity of each phase label, S/m (0 for insulators); every label present must have an entry.</param>
    /// <param name="options">Direction, side walls, tolerance, iteration limit, progress.</param>
    /// <param name="cancellationToken">Checked once per iteration.</param>
    /// <exception cref="ArgumentException">A label without a conductivity, or a negative or non-finite conductivity.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    VoxelConductivityResult Solve(VoxelGrid grid, ReadOnlySpan<double> phaseConductivity, VoxelTransportOptions options,
        CancellationToken cancellationToken = default);
}
