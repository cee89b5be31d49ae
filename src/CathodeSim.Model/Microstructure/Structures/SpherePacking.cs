using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>
/// A composite structure as spheres in a box: periodic in x and y over <see cref="InPlaneLength"/>, cut by the current
/// collector at z = 0 and by the separator at z = <see cref="Thickness"/>. Spheres may cross the z walls and are cut
/// there, as in a slice taken from a thicker electrode, so that the structure has no wall-ordered layer (a real pressed
/// composite is not ordered at its faces the way hard spheres at a hard wall are) and its phase fractions hold right up
/// to the faces. A sphere's index in <see cref="Spheres"/> is its particle id.
/// </summary>
public sealed class SpherePacking
{
    private readonly PackedSphere[] _spheres;

    /// <summary>A packing of <paramref name="spheres"/> (copied) in the box.</summary>
    /// <param name="inPlaneLength">Edge Lx = Ly, m.</param>
    /// <param name="thickness">Lz, m.</param>
    /// <param name="spheres">The particles.</param>
    public SpherePacking(double inPlaneLength, double thickness, IEnumerable<PackedSphere> spheres)
    {
        if (!(inPlaneLength > 0) || !double.IsFinite(inPlaneLength)) throw new ArgumentOutOfRangeException(nameof(inPlaneLength), inPlaneLength, "the in-plane edge must be a positive length in m");
        if (!(thickness > 0) || !double.IsFinite(thickness)) throw new ArgumentOutOfRangeException(nameof(thickness), thickness, "the thickness must be a positive length in m");
        InPlaneLength = inPlaneLength;
        Thickness = thickness;
        _spheres = spheres.ToArray();
        foreach (var s in _spheres)
            if (!(s.Radius > 0) || s.Phase == CompositePhase.Void)
                throw new ArgumentException($"a sphere needs a positive radius and a solid phase (got R = {s.Radius} m, {s.Phase})", nameof(spheres));
    }

    /// <summary>Edge Lx = Ly of the box, m.</summary>
    public double InPlaneLength { get; }

    /// <summary>Thickness Lz, m.</summary>
    public double Thickness { get; }

    /// <summary>The particles; the index is the particle id.</summary>
    public IReadOnlyList<PackedSphere> Spheres => _spheres;

    internal PackedSphere[] SphereArray => _spheres;

    /// <summary>
    /// An empty grid over the box at about <paramref name="voxelSize"/>: Nx = Ny = round(Lx / h) so that the periodic
    /// edge holds a whole number of voxels (the voxel size becomes Lx / Nx), and Nz = round(Lz / (Lx / Nx)).
    /// </summary>
    public VoxelGrid CreateGrid(double voxelSize)
    {
        if (!(voxelSize > 0) || !double.IsFinite(voxelSize)) throw new ArgumentOutOfRangeException(nameof(voxelSize), voxelSize, "the voxel size must be a positive length in m");
        return CreateGrid((int)Math.Max(1, Math.Round(InPlaneLength / voxelSize)));
    }

    /// <summary>An empty grid with <paramref name="voxelsPerInPlaneEdge"/> voxels along x and y, Nz = round(Lz / h).</summary>
    public VoxelGrid CreateGrid(int voxelsPerInPlaneEdge)
    {
        if (voxelsPerInPlaneEdge < 1) throw new ArgumentOutOfRangeException(nameof(voxelsPerInPlaneEdge), voxelsPerInPlaneEdge, "at least one voxel per edge");
        double h = InPlaneLength / voxelsPerInPlaneEdge;
        int nz = (int)Math.Max(1, Math.Round(Thickness / h));
        return new VoxelGrid(voxelsPerInPlaneEdge, voxelsPerInPlaneEdge, nz, h);
    }

    /// <summary>Voxelises at about <paramref name="voxelSize"/> (see <see cref="CreateGrid(double)"/>).</summary>
    public VoxelisedPacking Voxelise(double voxelSize) => Voxelise(CreateGrid(voxelSize));

    /// <summary>Voxelises with <paramref name="voxelsPerInPlaneEdge"/> voxels along x and y.</summary>
    public VoxelisedPacking Voxelise(int voxelsPerInPlaneEdge) => Voxelise(CreateGrid(voxelsPerInPlaneEdge));

    /// <summary>
    /// Labels every voxel of <paramref name="grid"/> (overwritten) by the sphere that contains its centre. Where an NCM and
    /// an electrolyte sphere overlap the voxel is NCM: the overlap stands for pressing, in which the soft electrolyte
    /// (Young's modulus about 20-25 GPa for argyrodites and halides) flows around the stiff NCM (about 200 GPa) rather
    /// than the other way round. Two overlapping spheres of one phase share their overlap at the radical plane (the
    /// smaller power distance d^2 - R^2 wins), which gives the flat contact face of two pressed particles.
    /// </summary>
    public VoxelisedPacking Voxelise(VoxelGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var ids = new int[grid.Count];
        SphereRasteriser.Label(_spheres, 1.0, 1.0, grid, ids);
        return new VoxelisedPacking(grid, ids);
    }
}
