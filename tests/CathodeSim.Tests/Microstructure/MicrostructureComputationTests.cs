using CathodeSim.Analysis.Microstructure;
using CathodeSim.Numerics.Voxels;
using CathodeSim.Tests.Microstructure.Structures;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Microstructure;

/// <summary>The recipe-to-properties path on a small B-NCM 65:35 box.</summary>
public sealed class MicrostructureComputationTests(ITestOutputHelper output)
{
    [Fact]
    public void BNcm65SmallBox_PropertiesRespectWienerBoundsAndOrdering_Limit()
    {
        var (recipe, _) = CompositeRecipes.BNcm65(20e-6, 10e-6, seed: 3);
        var result = MicrostructureComputation.Compute(new MicrostructureRequest(recipe, 0.5e-6, StructureGenerator.Packed, 0.1, 0.05), new CpuVoxelConductivitySolver());
        var p = result.Properties;
        output.WriteLine($"{p} in {result.WallTime.TotalSeconds:F1} s");
        Assert.InRange(p.ActiveVolumeFraction, recipe.ActiveVolumeFraction - 0.01, recipe.ActiveVolumeFraction + 0.01);
        Assert.InRange(p.ElectrolyteVolumeFraction, recipe.ElectrolyteVolumeFraction - 0.01, recipe.ElectrolyteVolumeFraction + 0.01);
        // Wiener's upper bound: no composite conducts better than its phase in parallel layers (eps sigma); tau >= 1 says the same.
        Assert.InRange(p.EffectiveIonicConductivity, 0, p.ElectrolyteVolumeFraction * 0.1 * (1 + 1e-6));
        Assert.InRange(p.EffectiveElectronicConductivity, 0, p.ActiveVolumeFraction * 0.05 * (1 + 1e-6));
        Assert.True(p.IonicTortuosityFactor >= 1 - 1e-6 && p.ElectronicTortuosityFactor >= 1 - 1e-6);
        Assert.InRange(p.AccessibleActiveFraction, 0, p.ActivePercolatingFraction + 1e-12);
        Assert.True(p.ContactAreaPerVolume > 0);
        Assert.Equal(result.Structure.Grid.Count, p.Voxels);
    }
}
