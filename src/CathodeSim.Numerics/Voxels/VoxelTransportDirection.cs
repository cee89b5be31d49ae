namespace CathodeSim.Numerics.Voxels;

/// <summary>The grid axis along which a voxel transport solve drives its current (the potential drop is applied across it).</summary>
public enum VoxelTransportDirection
{
    /// <summary>Through the thickness, from the current-collector side (z = 0) to the separator side: the electrode's own direction.</summary>
    Z,

    /// <summary>In-plane along x, from x = 0 to x = Nx - 1 (anisotropy checks).</summary>
    X,

    /// <summary>In-plane along y, from y = 0 to y = Ny - 1 (anisotropy checks).</summary>
    Y,
}
