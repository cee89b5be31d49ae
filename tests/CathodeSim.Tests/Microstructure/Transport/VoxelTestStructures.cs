using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Tests.Microstructure.Transport;

/// <summary>Hand-built voxel structures with known effective conductivities, for the transport solver checks.</summary>
internal static class VoxelTestStructures
{
    public const double VoxelSize = 1e-6;

    /// <summary>A box whose label depends only on the coordinate along <paramref name="axis"/> (0 x, 1 y, 2 z): label = layers[coordinate].</summary>
    public static VoxelGrid Laminate(int nx, int ny, int nz, int axis, byte[] layers)
    {
        var grid = new VoxelGrid(nx, ny, nz, VoxelSize);
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                    grid.Phases[grid.Index(x, y, z)] = layers[axis switch { 0 => x, 1 => y, _ => z }];
        return grid;
    }

    /// <summary>
    /// One sphere (label <paramref name="sphere"/>) centred in a cube of <paramref name="edge"/> voxels of label
    /// <paramref name="matrix"/>: the unit cell of a simple cubic array. A voxel belongs to the sphere when its centre does.
    /// </summary>
    public static VoxelGrid CenteredSphere(int edge, double radiusVoxels, byte sphere, byte matrix)
    {
        var grid = new VoxelGrid(edge, edge, edge, VoxelSize);
        double c = edge / 2.0, r2 = radiusVoxels * radiusVoxels;
        for (int z = 0; z < edge; z++)
            for (int y = 0; y < edge; y++)
                for (int x = 0; x < edge; x++)
                {
                    double dx = x + 0.5 - c, dy = y + 0.5 - c, dz = z + 0.5 - c;
                    grid.Phases[grid.Index(x, y, z)] = dx * dx + dy * dy + dz * dz <= r2 ? sphere : matrix;
                }
        return grid;
    }

    /// <summary>
    /// Spheres of one diameter at random positions in a periodic cube (label <paramref name="sphere"/>, the rest
    /// <paramref name="matrix"/>), added until their voxels make up <paramref name="fraction"/> of the box. With
    /// <paramref name="overlapping"/> false, a sphere is only placed where it keeps a clear gap of one voxel to all
    /// others (random sequential addition), so the spheres stay separate inclusions.
    /// </summary>
    public static VoxelGrid RandomSpheres(int edge, double diameterVoxels, double fraction, bool overlapping, byte sphere, byte matrix, int seed)
    {
        var grid = new VoxelGrid(edge, edge, edge, VoxelSize);
        Array.Fill(grid.Phases, matrix);
        var random = new Random(seed);
        var centres = new List<(double X, double Y, double Z)>();
        double radius = diameterVoxels / 2, r2 = radius * radius, gap = diameterVoxels + 1;
        long target = (long)Math.Round(fraction * grid.Count), filled = 0;
        int reach = (int)Math.Ceiling(radius) + 1, attempts = 0;
        while (filled < target)
        {
            if (++attempts > 1_000_000) throw new InvalidOperationException("could not place the spheres");
            double cx = random.NextDouble() * edge, cy = random.NextDouble() * edge, cz = random.NextDouble() * edge;
            if (!overlapping)
            {
                bool clash = false;
                foreach (var (x0, y0, z0) in centres)
                {
                    double dx = Periodic(cx - x0, edge), dy = Periodic(cy - y0, edge), dz = Periodic(cz - z0, edge);
                    if (dx * dx + dy * dy + dz * dz < gap * gap) { clash = true; break; }
                }
                if (clash) continue;
                centres.Add((cx, cy, cz));
            }
            for (int z = (int)Math.Floor(cz) - reach; z <= cz + reach; z++)
                for (int y = (int)Math.Floor(cy) - reach; y <= cy + reach; y++)
                    for (int x = (int)Math.Floor(cx) - reach; x <= cx + reach; x++)
                    {
                        double dx = x + 0.5 - cx, dy = y + 0.5 - cy, dz = z + 0.5 - cz;
                        if (dx * dx + dy * dy + dz * dz > r2) continue;
                        int index = grid.Index(Wrap(x, edge), Wrap(y, edge), Wrap(z, edge));
                        if (grid.Phases[index] == sphere) continue;
                        grid.Phases[index] = sphere;
                        filled++;
                    }
        }
        return grid;
    }

    private static int Wrap(int i, int n) => ((i % n) + n) % n;

    private static double Periodic(double d, int n) => d - n * Math.Round(d / n);
}
