using System.Diagnostics;
using CathodeSim.Model.Microstructure.Structures;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Microstructure.Structures;

/// <summary>Dense packings pressed to a recipe: fractions met, the hard packing's overlap limit kept, reproducibility.</summary>
public sealed class CollectiveRearrangementGeneratorTests(ITestOutputHelper output)
{
    [Fact]
    public void BNcm65_ReachesRecipeFractions_AndKeepsOverlapLimitBeforeInflation_Limit()
    {
        // B-NCM-65 at the config's thickness (21.9 um) in a 30 um box, voxels of 0.25 um.
        var (recipe, thickness) = CompositeRecipes.BNcm65(30e-6);
        output.WriteLine($"recipe: NCM {recipe.ActiveVolumeFraction:F4}, electrolyte {recipe.ElectrolyteVolumeFraction:F4}, void {recipe.VoidFraction:F4}; thickness {thickness * 1e6:F1} um");
        var options = new PackingOptions();
        var watch = Stopwatch.StartNew();
        var outcome = CollectiveRearrangementGenerator.Generate(recipe, 0.25e-6, options);
        output.WriteLine($"packed {outcome.ParticleCount} spheres in {watch.Elapsed.TotalSeconds:F2} s: radius scale {outcome.RadiusScale:F4}, hard fraction {outcome.HardPackingFraction:F4}, " +
                         $"max overlap {outcome.MaxRelativeOverlap:F4}, inflation NCM {outcome.ActiveInflation:F4} electrolyte {outcome.ElectrolyteInflation:F4}, stages {outcome.Stages}, sweeps {outcome.Sweeps}");
        watch.Restart();
        var voxels = outcome.Packing.Voxelise(0.25e-6);
        output.WriteLine($"voxelised {voxels.Grid.Nx} x {voxels.Grid.Ny} x {voxels.Grid.Nz} in {watch.Elapsed.TotalSeconds:F2} s");
        watch.Restart();
        var stats = VoxelStructureAnalysis.Analyse(voxels);
        output.WriteLine($"analysed in {watch.Elapsed.TotalSeconds:F2} s: {stats}");

        Assert.Equal(recipe.ActiveVolumeFraction, stats.Active.VolumeFraction, 0.005);
        Assert.Equal(recipe.ElectrolyteVolumeFraction, stats.Electrolyte.VolumeFraction, 0.005);
        Assert.Equal(recipe.VoidFraction, stats.Void.VolumeFraction, 0.005);
        // The hard packing is dense (a random packing, not a loose one) and converged before the sweep cap.
        Assert.InRange(outcome.HardPackingFraction, 0.5, 0.75);
        Assert.True(outcome.Sweeps < options.MaxSweeps);

        // Independent check of the hard packing: final radii over the inflation, all pairs in the box, brute force.
        Assert.True(outcome.MaxRelativeOverlap <= options.MaxRelativeOverlap);
        var hard = outcome.Packing.Spheres.Select(s => s with
        {
            Radius = s.Radius / (s.Phase == CompositePhase.Active ? outcome.ActiveInflation : outcome.ElectrolyteInflation),
        }).ToArray();
        double worst = 0, l = recipe.InPlaneLength;
        for (int i = 0; i < hard.Length; i++)
            for (int j = i + 1; j < hard.Length; j++)
            {
                double dx = Image(hard[j].X - hard[i].X, l), dy = Image(hard[j].Y - hard[i].Y, l), dz = hard[j].Z - hard[i].Z;
                double overlap = hard[i].Radius + hard[j].Radius - Math.Sqrt(dx * dx + dy * dy + dz * dz);
                worst = Math.Max(worst, overlap / Math.Min(hard[i].Radius, hard[j].Radius));
            }
        output.WriteLine($"largest relative overlap before inflation, brute force: {worst:F5}");
        Assert.True(worst <= options.MaxRelativeOverlap * (1 + 1e-9), $"overlap {worst} above {options.MaxRelativeOverlap}");
    }

    [Fact]
    public void SameSeed_GivesIdenticalPacking_DifferentSeedDiffers_Reproducibility()
    {
        var (recipe, _) = CompositeRecipes.BNcm65(16e-6, 8e-6, seed: 21);
        var first = CollectiveRearrangementGenerator.Generate(recipe, 0.5e-6);
        var again = CollectiveRearrangementGenerator.Generate(recipe, 0.5e-6);
        var other = CollectiveRearrangementGenerator.Generate(recipe with { Seed = 22 }, 0.5e-6);
        Assert.Equal(first.Packing.Spheres, again.Packing.Spheres);
        Assert.Equal(first.Packing.Voxelise(0.5e-6).Grid.Phases, again.Packing.Voxelise(0.5e-6).Grid.Phases);
        Assert.NotEqual(first.Packing.Spheres, other.Packing.Spheres);
    }

    private static double Image(double d, double l) => d - l * Math.Round(d / l);
}
