using CathodeSim.Model.Microstructure.Structures;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Microstructure.Structures;

/// <summary>Spheres on voxels: volume and Cauchy-Crofton-corrected surface converge, overlaps and periodic wrap are labelled as documented.</summary>
public sealed class SphereVoxelisationTests(ITestOutputHelper output)
{
    [Fact]
    public void SingleSphere_VolumeAndCorrectedSurface_ConvergeToExactValues_Convergence()
    {
        const double r = 1e-6, box = 4e-6;
        // Off the voxel lattice, so that no resolution meets a symmetric special case.
        var packing = new SpherePacking(box, box, [new PackedSphere(2.013e-6, 1.971e-6, 2.0047e-6, r, CompositePhase.Active)]);
        double exactVolume = 4.0 / 3.0 * Math.PI * r * r * r, exactArea = 4 * Math.PI * r * r;
        var volumeErrors = new List<double>();
        var areaErrors = new List<double>();
        foreach (int perRadius in new[] { 4, 8, 16, 32 })
        {
            var voxels = packing.Voxelise((int)(box / r * perRadius));
            var stats = VoxelStructureAnalysis.Analyse(voxels);
            double boxVolume = voxels.Grid.Count * Math.Pow(voxels.Grid.VoxelSize, 3);
            double volumeError = Math.Abs(stats.Active.VolumeFraction * boxVolume / exactVolume - 1);
            double areaError = Math.Abs(stats.Interfaces.ActiveVoid * boxVolume / exactArea - 1);
            output.WriteLine($"R/h = {perRadius}: volume error {volumeError:P3}, surface error (x 2/3) {areaError:P3}");
            volumeErrors.Add(volumeError);
            areaErrors.Add(areaError);
        }
        Assert.True(volumeErrors[^1] < 0.002, $"volume error {volumeErrors[^1]:P3} at R/h = 32");
        Assert.True(volumeErrors[^1] < volumeErrors[0]);
        // The corrected face count converges to 4 pi R^2 as a staircase average; at R/h = 32 it is within 2 %.
        Assert.True(areaErrors[^1] < 0.02, $"surface error {areaErrors[^1]:P3} at R/h = 32");
        Assert.True(areaErrors[^1] < areaErrors[0]);
    }

    [Fact]
    public void OverlapOfNcmAndElectrolyte_IsNcm_AndSpheresWrapInPlane_Limit()
    {
        const double l = 10e-6;
        var packing = new SpherePacking(l, l, [
            new PackedSphere(0.2e-6, 5e-6, 5e-6, 1.5e-6, CompositePhase.Electrolyte),
            new PackedSphere(1.2e-6, 5e-6, 5e-6, 1.0e-6, CompositePhase.Active),
        ]);
        var voxels = packing.Voxelise(100);
        var grid = voxels.Grid;
        // The overlap, around x = 1 um: NCM, though the electrolyte sphere comes first.
        Assert.Equal((byte)CompositePhase.Active, grid.Phases[grid.Index(10, 50, 50)]);
        Assert.Equal(1, voxels.ParticleIds[grid.Index(10, 50, 50)]);
        // The electrolyte sphere centred 0.2 um from x = 0 reaches across the periodic edge to x = 8.7 um.
        Assert.Equal((byte)CompositePhase.Electrolyte, grid.Phases[grid.Index(90, 50, 50)]);
        Assert.Equal((byte)CompositePhase.Void, grid.Phases[grid.Index(85, 50, 50)]);
    }

    [Fact]
    public void SpheresCrossingTheZWalls_AreCut_Limit()
    {
        const double l = 10e-6;
        var packing = new SpherePacking(l, l, [new PackedSphere(5e-6, 5e-6, -0.5e-6, 1e-6, CompositePhase.Active)]);
        var grid = packing.Voxelise(100).Grid;
        // Only the cap above z = 0 (height 0.5 um) is in the box, and nothing reappears at the separator.
        double cap = Math.PI * 0.5e-6 * 0.5e-6 * (3 * 1e-6 - 0.5e-6) / 3;
        double boxVolume = l * l * l;
        Assert.Equal(cap / boxVolume, grid.VolumeFraction((byte)CompositePhase.Active), 0.05 * cap / boxVolume);
        Assert.Equal((byte)CompositePhase.Void, grid.Phases[grid.Index(50, 50, 99)]);
    }
}
