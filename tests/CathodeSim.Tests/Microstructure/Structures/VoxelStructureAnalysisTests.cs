using CathodeSim.Model.Microstructure.Structures;
using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Tests.Microstructure.Structures;

/// <summary>The voxel analysis on hand-made grids whose answers are known exactly.</summary>
public sealed class VoxelStructureAnalysisTests
{
    private const double H = 1e-6;
    private const byte V = (byte)CompositePhase.Void, A = (byte)CompositePhase.Active, E = (byte)CompositePhase.Electrolyte;

    private static VoxelGrid Grid(int nx, int ny, int nz, Func<int, int, int, byte> phase)
    {
        var grid = new VoxelGrid(nx, ny, nz, H);
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                    grid.Phases[grid.Index(x, y, z)] = phase(x, y, z);
        return grid;
    }

    [Fact]
    public void ColumnsAlongZ_Span_LayersInPlane_DoNot_Analytical()
    {
        var columns = VoxelStructureAnalysis.Analyse(Grid(4, 4, 6, (x, _, _) => x < 2 ? A : E));
        Assert.True(columns.Active.SpansThickness);
        Assert.True(columns.Electrolyte.SpansThickness);
        Assert.Equal(0.5, columns.Active.VolumeFraction);
        Assert.Equal(1.0, columns.ActivePercolatingFraction);
        Assert.Equal(1.0, columns.ElectrolytePercolatingFraction);
        Assert.Equal(1.0, columns.Active.GeodesicTortuosity!.Value, 12);
        Assert.Equal(1.0, columns.AccessibleActiveFraction);
        Assert.Equal(AccessibilityBasis.VoxelCluster, columns.Basis);

        var layers = VoxelStructureAnalysis.Analyse(Grid(4, 4, 6, (_, _, z) => z < 3 ? A : E));
        Assert.False(layers.Active.SpansThickness);
        Assert.False(layers.Electrolyte.SpansThickness);
        Assert.Null(layers.Active.GeodesicTortuosity);
        // NCM at the collector gets electrons and touches electrolyte that reaches the separator: all of it works.
        Assert.Equal(1.0, layers.ActivePercolatingFraction);
        Assert.Equal(1.0, layers.ElectrolytePercolatingFraction);
        Assert.Equal(1.0, layers.AccessibleActiveFraction);
        // Swapped, the NCM sits at the separator without electrons and the electrolyte at the collector without ions.
        var swapped = VoxelStructureAnalysis.Analyse(Grid(4, 4, 6, (_, _, z) => z < 3 ? E : A));
        Assert.Equal(0.0, swapped.ActivePercolatingFraction);
        Assert.Equal(0.0, swapped.ElectrolytePercolatingFraction);
        Assert.Equal(0.0, swapped.AccessibleActiveFraction);
    }

    [Fact]
    public void NcmIslandAwayFromCollector_IsNotAccessible_NcmColumnBesideElectrolyteIs_Analytical()
    {
        // Electrolyte everywhere; an NCM column from the collector at x = 0..1, an NCM island (2 x 2 x 2) in the middle.
        var grid = Grid(8, 8, 8, (x, y, z) => x < 2 && y < 2 ? A : x is >= 4 and < 6 && y is >= 4 and < 6 && z is >= 3 and < 5 ? A : E);
        var ids = new int[grid.Count];
        for (int v = 0; v < ids.Length; v++) ids[v] = grid.Phases[v] == A ? (v % 8 < 2 ? 0 : 1) : -1;
        var stats = VoxelStructureAnalysis.Analyse(grid, ids);
        double column = 2 * 2 * 8, island = 2 * 2 * 2;
        Assert.Equal(column / (column + island), stats.ActivePercolatingFraction, 12);
        Assert.Equal(column / (column + island), stats.AccessibleActiveFraction, 12);
        Assert.Equal(AccessibilityBasis.Particle, stats.Basis);
        Assert.Equal(2, stats.Active.ClusterCount);
    }

    [Fact]
    public void ParticleBasis_CountsOnlyParticlesWithTheirOwnElectrolyteContact_Limit()
    {
        // Two NCM particles in one collector-connected block (x < 4: particle 0 at x < 2, particle 1 at x = 2..3), void
        // at x = 4..5, electrolyte beside particle 0 through the periodic edge at x = 6..7. Per particle only particle 0
        // is reached by ions; per voxel cluster the whole block counts.
        var grid = Grid(8, 4, 4, (x, _, _) => x < 4 ? A : x < 6 ? V : E);
        var ids = new int[grid.Count];
        for (int v = 0; v < ids.Length; v++) ids[v] = grid.Phases[v] == A ? (v % 8 < 2 ? 0 : 1) : -1;
        var perParticle = VoxelStructureAnalysis.Analyse(grid, ids);
        Assert.Equal(0.5, perParticle.AccessibleActiveFraction, 12);
        var perCluster = VoxelStructureAnalysis.Analyse(grid);
        Assert.Equal(1.0, perCluster.AccessibleActiveFraction, 12);
        // NCM | NCM contact between particles: only the 4 x 4 faces between x = 1 and x = 2.
        double perFace = 2.0 / 3.0 / (grid.Count * H);
        Assert.Equal(16 * perFace, perParticle.Interfaces.ActiveActive!.Value, 6);
        Assert.Null(perCluster.Interfaces.ActiveActive);
    }

    [Fact]
    public void CubeInterfaceArea_IsFaceCountTimesTwoThirds_Analytical()
    {
        // A 3 x 3 x 3 NCM cube in void: 54 faces of H^2.
        var grid = Grid(7, 7, 7, (x, y, z) => x is >= 2 and < 5 && y is >= 2 and < 5 && z is >= 2 and < 5 ? A : V);
        var stats = VoxelStructureAnalysis.Analyse(grid);
        double boxVolume = grid.Count * H * H * H;
        Assert.Equal(54 * H * H * 2.0 / 3.0 / boxVolume, stats.Interfaces.ActiveVoid, 6);
        Assert.Equal(0.0, stats.Interfaces.ActiveElectrolyte);
        Assert.Equal(27.0 / grid.Count, stats.Active.VolumeFraction, 12);
    }

    [Fact]
    public void ClusterJoinedOnlyAcrossThePeriodicXEdge_IsOneSpanningCluster_Limit()
    {
        // NCM column at x = 0 for z = 0..3, column at x = 5 (the last) for z = 3..7: they meet only across x = 0 | x = 5.
        var grid = Grid(6, 3, 8, (x, y, z) => y == 1 && ((x == 0 && z <= 3) || (x == 5 && z >= 3)) ? A : E);
        var stats = VoxelStructureAnalysis.Analyse(grid);
        Assert.Equal(1, stats.Active.ClusterCount);
        Assert.True(stats.Active.SpansThickness);
        // Path: 3 steps up, one across the edge, 4 up: 8 steps over a straight 7.
        Assert.Equal(8.0 / 7.0, stats.Active.GeodesicTortuosity!.Value, 12);
    }

    [Fact]
    public void LabelsOutsideThePhases_AreRefused_Limit()
    {
        var grid = Grid(2, 2, 2, (_, _, _) => 7);
        Assert.Throws<ArgumentException>(() => VoxelStructureAnalysis.Analyse(grid));
        Assert.Throws<ArgumentException>(() => VoxelStructureAnalysis.Analyse(Grid(2, 2, 2, (_, _, _) => A), new int[3]));
    }
}
