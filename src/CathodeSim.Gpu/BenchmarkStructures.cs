using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Gpu;

/// <summary>
/// The benchmark's test structure: randomly placed, freely overlapping spheres of one radius in a periodic cube,
/// added until they fill a target volume share. A fixture for timing the voxel solvers, not a microstructure model.
/// </summary>
internal static class BenchmarkStructures
{
    /// <summary>Label of the sphere (conducting) voxels; the rest are 0.</summary>
    public const byte SphereLabel = 1;

    public static VoxelGrid OverlappingSpheres(int edge, double sphereFraction, double radiusVoxels, int seed, double voxelSize = 1e-6)
    {
        var grid = new VoxelGrid(edge, edge, edge, voxelSize);
        byte[] phases = grid.Phases;
        long target = (long)Math.Round(sphereFraction * grid.Count), filled = 0;
        var random = new Random(seed);
        int reach = (int)Math.Ceiling(radiusVoxels);
        double r2 = radiusVoxels * radiusVoxels;
        while (filled < target)
        {
            double cx = random.NextDouble() * edge, cy = random.NextDouble() * edge, cz = random.NextDouble() * edge;
            for (int dz = -reach - 1; dz <= reach + 1 && filled < target; dz++)
            {
                int z = (int)Math.Floor(cz) + dz;
                double ez = z + 0.5 - cz;
                if (ez * ez > r2) continue;
                int wz = ((z % edge) + edge) % edge;
                for (int dy = -reach - 1; dy <= reach + 1; dy++)
                {
                    int y = (int)Math.Floor(cy) + dy;
                    double ey = y + 0.5 - cy;
                    if (ez * ez + ey * ey > r2) continue;
                    int wy = ((y % edge) + edge) % edge;
                    for (int dx = -reach - 1; dx <= reach + 1; dx++)
                    {
                        int x = (int)Math.Floor(cx) + dx;
                        double ex = x + 0.5 - cx;
                        if (ez * ez + ey * ey + ex * ex > r2) continue;
                        int index = ((x % edge) + edge) % edge + edge * (wy + edge * wz);
                        if (phases[index] == SphereLabel) continue;
                        phases[index] = SphereLabel;
                        filled++;
                    }
                }
            }
        }
        return grid;
    }
}
