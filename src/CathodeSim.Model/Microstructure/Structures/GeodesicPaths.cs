using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>
/// Shortest paths inside one phase through the thickness, by breadth-first search over face neighbours (6-connectivity,
/// periodic in x and y): a path of n steps between voxel centres has length n h. This is the Manhattan length of the
/// voxel path, exact for paths along the axes and longer than the Euclidean path for oblique ones (by up to sqrt 3 for
/// a path along a cube diagonal), so the tortuosity it gives is an upper estimate.
/// </summary>
internal static class GeodesicPaths
{
    /// <summary>
    /// Mean over the <paramref name="phase"/> voxels of the far face that are reached, of the shortest in-phase path from
    /// the start face (z = 0 when <paramref name="fromCollector"/>, else z = Nz - 1), divided by the straight distance
    /// (Nz - 1) h; null when no path crosses (and 1 for a single layer).
    /// </summary>
    public static double? MeanTortuosity(VoxelGrid grid, CompositePhase phase, bool fromCollector, int[] distance, int[] queue)
    {
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz, plane = nx * ny;
        byte[] phases = grid.Phases;
        byte label = (byte)phase;
        Array.Fill(distance, -1);
        int head = 0, tail = 0;
        int startLayer = fromCollector ? 0 : nz - 1, endLayer = fromCollector ? nz - 1 : 0;
        for (int v = startLayer * plane; v < (startLayer + 1) * plane; v++)
        {
            if (phases[v] != label) continue;
            distance[v] = 0;
            queue[tail++] = v;
        }
        if (nz == 1) return tail > 0 ? 1.0 : null;
        while (head < tail)
        {
            int v = queue[head++];
            int next = distance[v] + 1;
            int x = v % nx, rest = v / nx, y = rest % ny, z = rest / ny;
            int row = v - x, layer = v - x - nx * y;
            Visit(x == 0 ? v + nx - 1 : v - 1);
            Visit(x == nx - 1 ? row : v + 1);
            Visit(y == 0 ? v + plane - nx : v - nx);
            Visit(y == ny - 1 ? layer + x : v + nx);
            if (z > 0) Visit(v - plane);
            if (z < nz - 1) Visit(v + plane);

            void Visit(int n)
            {
                if (distance[n] < 0 && phases[n] == label)
                {
                    distance[n] = next;
                    queue[tail++] = n;
                }
            }
        }
        long sum = 0, reached = 0;
        for (int v = endLayer * plane; v < (endLayer + 1) * plane; v++)
        {
            if (distance[v] < 0) continue;
            sum += distance[v];
            reached++;
        }
        return reached > 0 ? (double)sum / reached / (nz - 1) : null;
    }
}
