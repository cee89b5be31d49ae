namespace CathodeSim.Numerics.Voxels;

/// <summary>
/// A box of cubic voxels, each holding a phase label (0..255). x and y are the in-plane directions (periodic wherever a
/// structure or a solver says so); z runs through the electrode thickness, from the current collector (z = 0) to the
/// separator (z = Nz - 1). Voxel (x, y, z) is at <see cref="Index"/> = x + Nx (y + Ny z), so that x varies fastest.
/// The labels mean nothing here; the microstructure room names them (NCM, electrolyte, void).
/// </summary>
public sealed class VoxelGrid
{
    /// <summary>An all-zero grid, or one over <paramref name="phases"/> (not copied) when given.</summary>
    /// <param name="nx">Voxels along x (in-plane).</param>
    /// <param name="ny">Voxels along y (in-plane).</param>
    /// <param name="nz">Voxels along z (through the thickness).</param>
    /// <param name="voxelSize">Edge length of one voxel, m.</param>
    /// <param name="phases">Labels in x-fastest order, length nx ny nz.</param>
    public VoxelGrid(int nx, int ny, int nz, double voxelSize, byte[]? phases = null)
    {
        if (nx < 1 || ny < 1 || nz < 1) throw new ArgumentOutOfRangeException(nameof(nx), $"voxel counts must be at least 1 (got {nx} x {ny} x {nz})");
        if ((long)nx * ny * nz > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(nx), $"{nx} x {ny} x {nz} voxels exceed one array");
        if (!(voxelSize > 0) || !double.IsFinite(voxelSize)) throw new ArgumentOutOfRangeException(nameof(voxelSize), $"voxel size must be positive (got {voxelSize} m)");
        Nx = nx;
        Ny = ny;
        Nz = nz;
        VoxelSize = voxelSize;
        Phases = phases ?? new byte[nx * ny * nz];
        if (Phases.Length != nx * ny * nz) throw new ArgumentException($"{Phases.Length} labels for {nx} x {ny} x {nz} voxels", nameof(phases));
    }

    /// <summary>Voxels along x (in-plane).</summary>
    public int Nx { get; }

    /// <summary>Voxels along y (in-plane).</summary>
    public int Ny { get; }

    /// <summary>Voxels along z (through the thickness; z = 0 at the current collector).</summary>
    public int Nz { get; }

    /// <summary>Edge length of one voxel, m.</summary>
    public double VoxelSize { get; }

    /// <summary>Phase label of every voxel, x fastest, then y, then z.</summary>
    public byte[] Phases { get; }

    /// <summary>Number of voxels.</summary>
    public int Count => Phases.Length;

    /// <summary>Linear index of voxel (x, y, z).</summary>
    public int Index(int x, int y, int z) => x + Nx * (y + Ny * z);

    /// <summary>Share of the voxels labelled <paramref name="phase"/>.</summary>
    public double VolumeFraction(byte phase)
    {
        long count = 0;
        foreach (byte b in Phases) if (b == phase) count++;
        return (double)count / Phases.Length;
    }
}
