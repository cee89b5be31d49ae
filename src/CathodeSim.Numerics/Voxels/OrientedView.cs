namespace CathodeSim.Numerics.Voxels;

/// <summary>
/// A voxel grid seen with the transport direction as its third axis: (x, y, z) of the view maps to a voxel of the
/// grid through three strides, so the solvers always drive current along their own z. For transport along x the view's
/// (x, y, z) are the grid's (y, z, x); along y they are (z, x, y): cyclic, so a right-handed box stays right-handed.
/// </summary>
internal readonly record struct OrientedView(int Nx, int Ny, int Nz, int StrideX, int StrideY, int StrideZ)
{
    public static OrientedView Along(VoxelGrid grid, VoxelTransportDirection direction)
    {
        int gx = grid.Nx, gy = grid.Ny, gz = grid.Nz, plane = gx * gy;
        return direction switch
        {
            VoxelTransportDirection.Z => new OrientedView(gx, gy, gz, 1, gx, plane),
            VoxelTransportDirection.X => new OrientedView(gy, gz, gx, gx, plane, 1),
            VoxelTransportDirection.Y => new OrientedView(gz, gx, gy, plane, 1, gx),
            _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "unknown transport direction"),
        };
    }

    /// <summary>Index in the grid of the view's voxel (x, y, z).</summary>
    public int Source(int x, int y, int z) => x * StrideX + y * StrideY + z * StrideZ;
}
