using ILGPU;

namespace CathodeSim.Gpu;

/// <summary>
/// One multigrid level of a voxel conductance network on the device (the layout of
/// <see cref="Numerics.Voxels.ConductanceLevel"/>), handed to <see cref="VoxelTransportKernels"/> as one struct because a
/// kernel takes a bounded number of parameters.
/// </summary>
internal struct VoxelLevelArrays
{
    /// <summary>Neighbouring unknown across face f of unknown i at [6 i + f].</summary>
    public ArrayView<int> Neighbour;

    /// <summary>Face conductances at [6 i + f], S m (single precision, as on the host).</summary>
    public ArrayView<float> Conductance;

    /// <summary>Diagonal of the operator and its inverse.</summary>
    public ArrayView<double> Diagonal, InverseDiagonal;

    /// <summary>Right-hand side, iterate and residual scratch of the cycle on this level.</summary>
    public ArrayView<double> B, X, T;
}
