using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>
/// Volume fractions, interface areas, connectivity and tortuosity of a voxelised composite cathode whose labels are
/// <see cref="CompositePhase"/> values; z = 0 is the current collector, z = Nz - 1 the separator, x and y are periodic.
/// </summary>
/// <remarks>
/// Cost: one breadth-first labelling of all clusters, three breadth-first path searches and two passes over the faces,
/// all O(N) in the voxel count; the face counting runs in parallel over z-layers. Work arrays: three ints per voxel.
/// </remarks>
public static class VoxelStructureAnalysis
{
    /// <summary>Analyses a voxelised sphere packing, per particle.</summary>
    public static StructureStatistics Analyse(VoxelisedPacking packing)
    {
        ArgumentNullException.ThrowIfNull(packing);
        return Analyse(packing.Grid, packing.ParticleIds);
    }

    /// <summary>
    /// Analyses <paramref name="grid"/>; with <paramref name="particleIds"/> (one id per voxel, -1 or any value off the
    /// NCM) it also reports NCM | NCM contact areas and counts the accessible NCM per particle.
    /// </summary>
    /// <exception cref="ArgumentException">A label that is no <see cref="CompositePhase"/>, ids of the wrong length, or an NCM voxel without an id.</exception>
    public static StructureStatistics Analyse(VoxelGrid grid, int[]? particleIds = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (particleIds is not null && particleIds.Length != grid.Count)
            throw new ArgumentException($"{particleIds.Length} particle ids for {grid.Count} voxels", nameof(particleIds));
        foreach (byte b in grid.Phases)
            if (b > (byte)CompositePhase.Electrolyte) throw new ArgumentException($"voxel label {b} is no composite phase (0 void, 1 NCM, 2 electrolyte)", nameof(grid));

        var queue = new int[grid.Count];
        var clusters = VoxelClusters.Find(grid, queue);
        var interfaces = InterfaceFaces.Count(grid, particleIds);
        var (accessible, basis) = AccessibleActive(grid, clusters, particleIds);

        var distance = new int[grid.Count];
        var active = Phase(grid, clusters, CompositePhase.Active, GeodesicPaths.MeanTortuosity(grid, CompositePhase.Active, true, distance, queue));
        var electrolyte = Phase(grid, clusters, CompositePhase.Electrolyte, GeodesicPaths.MeanTortuosity(grid, CompositePhase.Electrolyte, false, distance, queue));
        var voids = Phase(grid, clusters, CompositePhase.Void, GeodesicPaths.MeanTortuosity(grid, CompositePhase.Void, true, distance, queue));
        return new StructureStatistics(active, electrolyte, voids, interfaces, accessible, basis);
    }

    private static PhaseStatistics Phase(VoxelGrid grid, VoxelClusters clusters, CompositePhase phase, double? tortuosity)
    {
        long total = 0, collector = 0, separator = 0, spanning = 0;
        int count = 0;
        foreach (var c in clusters.Clusters)
        {
            if (c.Phase != phase) continue;
            count++;
            total += c.Volume;
            if (c.TouchesCollector) collector += c.Volume;
            if (c.TouchesSeparator) separator += c.Volume;
            if (c.TouchesCollector && c.TouchesSeparator) spanning += c.Volume;
        }
        double Share(long part) => total > 0 ? (double)part / total : 0.0;
        return new PhaseStatistics((double)total / grid.Count, count, Share(collector), Share(separator), Share(spanning), spanning > 0 ? tortuosity : null);
    }

    /// <summary>
    /// NCM that gets both electrons and ions: in a collector-connected NCM cluster and with a face on separator-connected
    /// electrolyte, counted per particle when ids are given, else per NCM cluster.
    /// </summary>
    private static (double Fraction, AccessibilityBasis Basis) AccessibleActive(VoxelGrid grid, VoxelClusters clusters, int[]? particleIds)
    {
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz, plane = nx * ny;
        byte[] phases = grid.Phases;
        int[] labels = clusters.Labels;
        var info = clusters.Clusters;
        int particleCount = 0;
        if (particleIds is not null)
            for (int v = 0; v < phases.Length; v++)
                if (phases[v] == (byte)CompositePhase.Active)
                {
                    if (particleIds[v] < 0) throw new ArgumentException($"NCM voxel {v} has no particle id", nameof(particleIds));
                    particleCount = Math.Max(particleCount, particleIds[v] + 1);
                }
        // One slot per particle, or per cluster without ids.
        int units = particleIds is not null ? particleCount : info.Count;
        var volume = new long[units];
        var electronic = new bool[units];
        var ionic = new bool[units];
        long activeTotal = 0;
        for (int v = 0; v < phases.Length; v++)
        {
            if (phases[v] != (byte)CompositePhase.Active) continue;
            int unit = particleIds is not null ? particleIds[v] : labels[v];
            activeTotal++;
            volume[unit]++;
            if (info[labels[v]].TouchesCollector) electronic[unit] = true;
            if (ionic[unit]) continue;
            int x = v % nx, rest = v / nx, y = rest % ny, z = rest / ny;
            int row = v - x, layer = v - x - nx * y;
            if (IonicallyConnected(x == 0 ? v + nx - 1 : v - 1) || IonicallyConnected(x == nx - 1 ? row : v + 1)
                || IonicallyConnected(y == 0 ? v + plane - nx : v - nx) || IonicallyConnected(y == ny - 1 ? layer + x : v + nx)
                || (z > 0 && IonicallyConnected(v - plane)) || (z < nz - 1 && IonicallyConnected(v + plane)))
                ionic[unit] = true;
        }
        long accessible = 0;
        for (int u = 0; u < units; u++)
            if (electronic[u] && ionic[u]) accessible += volume[u];
        double fraction = activeTotal > 0 ? (double)accessible / activeTotal : 0.0;
        return (fraction, particleIds is not null ? AccessibilityBasis.Particle : AccessibilityBasis.VoxelCluster);

        bool IonicallyConnected(int n) => phases[n] == (byte)CompositePhase.Electrolyte && info[labels[n]].TouchesSeparator;
    }
}
