using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>
/// The connected clusters of every phase of a grid: voxels of one phase sharing a face (6-connectivity), periodic in x
/// and y, not across the z walls. Labelled by breadth-first search with an explicit queue (no recursion, so any cluster
/// size is safe); each cluster records its volume and whether it touches the collector face (z = 0) or the separator
/// face (z = Nz - 1).
/// </summary>
internal sealed class VoxelClusters
{
    private VoxelClusters(int[] labels, List<ClusterInfo> clusters)
    {
        Labels = labels;
        Clusters = clusters;
    }

    /// <summary>Cluster index of every voxel.</summary>
    public int[] Labels { get; }

    /// <summary>Per cluster: phase, voxel count and the faces it touches.</summary>
    public List<ClusterInfo> Clusters { get; }

    /// <summary>Labels the clusters of <paramref name="grid"/>, using <paramref name="queue"/> (length grid.Count) as work space.</summary>
    public static VoxelClusters Find(VoxelGrid grid, int[] queue)
    {
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz, plane = nx * ny;
        byte[] phases = grid.Phases;
        var labels = new int[grid.Count];
        Array.Fill(labels, -1);
        var clusters = new List<ClusterInfo>();
        for (int seed = 0; seed < labels.Length; seed++)
        {
            if (labels[seed] >= 0) continue;
            int label = clusters.Count;
            byte phase = phases[seed];
            labels[seed] = label;
            int head = 0, tail = 0;
            queue[tail++] = seed;
            bool collector = false, separator = false;
            while (head < tail)
            {
                int v = queue[head++];
                int x = v % nx, rest = v / nx, y = rest % ny, z = rest / ny;
                if (z == 0) collector = true;
                if (z == nz - 1) separator = true;
                int row = v - x, layer = v - x - nx * y;
                Visit(x == 0 ? v + nx - 1 : v - 1);
                Visit(x == nx - 1 ? row : v + 1);
                Visit(y == 0 ? v + plane - nx : v - nx);
                Visit(y == ny - 1 ? layer + x : v + nx);
                if (z > 0) Visit(v - plane);
                if (z < nz - 1) Visit(v + plane);
            }
            clusters.Add(new ClusterInfo((CompositePhase)phase, tail, collector, separator));

            void Visit(int n)
            {
                if (labels[n] < 0 && phases[n] == phase)
                {
                    labels[n] = label;
                    queue[tail++] = n;
                }
            }
        }
        return new VoxelClusters(labels, clusters);
    }
}

/// <summary>One connected cluster of one phase.</summary>
/// <param name="Phase">Its phase.</param>
/// <param name="Volume">Voxels in it.</param>
/// <param name="TouchesCollector">Whether it has a voxel at z = 0.</param>
/// <param name="TouchesSeparator">Whether it has a voxel at z = Nz - 1.</param>
internal readonly record struct ClusterInfo(CompositePhase Phase, long Volume, bool TouchesCollector, bool TouchesSeparator);
