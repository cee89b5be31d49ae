using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Microstructure.Structures;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Microstructure.Structures;

/// <summary>The Boolean model against its exact volume fractions and the literature percolation threshold of overlapping spheres.</summary>
public sealed class BooleanModelGeneratorTests(ITestOutputHelper output)
{
    [Fact]
    public void VolumeFractions_EqualOneMinusExpOfIntensityTimesMeanVolume_Analytical()
    {
        const double r = 1e-6, l = 30e-6, lz = 30e-6;
        var psd = new LognormalSizeDistribution(2 * r, 1.0);
        var recipe = new StructureRecipe(l, lz, 0.35, 0.30, psd, psd, 11);
        var packing = BooleanModelGenerator.Generate(recipe);
        // Germs are uniform over the slab -R <= z <= Lz + R; their count gives this realisation's intensity, which takes
        // the Poisson count's fluctuation out of the comparison.
        double slab = l * l * (lz + 2 * r), sphere = 4.0 / 3.0 * Math.PI * r * r * r;
        double activeIntensity = packing.Spheres.Count(s => s.Phase == CompositePhase.Active) / slab;
        double electrolyteIntensity = packing.Spheres.Count(s => s.Phase == CompositePhase.Electrolyte) / slab;
        double expectedActive = 1 - Math.Exp(-activeIntensity * sphere);
        double expectedElectrolyte = (1 - expectedActive) * (1 - Math.Exp(-electrolyteIntensity * sphere));
        var grid = packing.Voxelise(0.2e-6).Grid;
        double active = grid.VolumeFraction((byte)CompositePhase.Active), electrolyte = grid.VolumeFraction((byte)CompositePhase.Electrolyte);
        output.WriteLine($"NCM {active:F4} (exact {expectedActive:F4}, target 0.35), electrolyte {electrolyte:F4} (exact {expectedElectrolyte:F4}, target 0.30)");
        // The spatial fluctuation of one realisation of ~6000 unit spheres per phase, plus the voxel error at R/h = 5:
        // about 0.005; the tolerance is twice that.
        Assert.Equal(expectedActive, active, 0.01);
        Assert.Equal(expectedElectrolyte, electrolyte, 0.01);
        Assert.Equal(0.35, active, 0.015);
        Assert.Equal(0.30, electrolyte, 0.015);
    }

    [Fact]
    public void SameSeed_GivesIdenticalGrid_DifferentSeedDiffers_Reproducibility()
    {
        var psd = new LognormalSizeDistribution(2e-6, 1.5);
        var recipe = new StructureRecipe(20e-6, 10e-6, 0.4, 0.3, psd, psd, 5);
        byte[] first = BooleanModelGenerator.Generate(recipe).Voxelise(0.25e-6).Grid.Phases;
        byte[] again = BooleanModelGenerator.Generate(recipe).Voxelise(0.25e-6).Grid.Phases;
        byte[] other = BooleanModelGenerator.Generate(recipe with { Seed = 6 }).Voxelise(0.25e-6).Grid.Phases;
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void SpanningProbability_CrossesOneHalfNearOverlappingSphereThreshold_ConvergingWithResolution_Literature()
    {
        // Overlapping equal spheres percolate at a covered fraction of 0.2895 (Rintoul and Torquato 1997). Spanning from
        // z = 0 to z = Lz in a box of 10 diameters is a finite-size estimate whose probability crosses 1/2 within a few
        // hundredths of the threshold. On voxels, two face-adjacent voxels join spheres up to a voxel apart, which dilates
        // the spheres for connectivity and lowers the apparent threshold: the crossing moves up towards 0.2895 as R/h grows.
        const double r = 1e-6, l = 20e-6;
        var psd = new LognormalSizeDistribution(2 * r, 1.0);
        double[] fractions = [0.16, 0.20, 0.24, 0.28, 0.32, 0.40];
        const int realisations = 10;
        double coarse = Crossing(fractions, Spanning(3), out var coarseP), fine = Crossing(fractions, Spanning(6), out var fineP);
        output.WriteLine($"P(span) = 1/2 at phi = {coarse:F3} (R/h = 3), {fine:F3} (R/h = 6); literature 0.2895");
        Assert.True(fineP[0] <= 0.1, "spanning well below the threshold");
        Assert.True(fineP[^1] >= 0.9 && coarseP[^1] >= 0.9, "not spanning well above the threshold");
        Assert.True(fine > coarse, "the crossing should approach the continuum threshold from below as voxels shrink");
        Assert.InRange(fine, 0.22, 0.31);

        double[] Spanning(int voxelsPerRadius)
        {
            var probability = new double[fractions.Length];
            for (int f = 0; f < fractions.Length; f++)
            {
                int spanning = 0;
                for (int seed = 0; seed < realisations; seed++)
                {
                    var recipe = new StructureRecipe(l, l, fractions[f], 0.0, psd, psd, (ulong)(1000 * f + seed));
                    var stats = VoxelStructureAnalysis.Analyse(BooleanModelGenerator.Generate(recipe).Voxelise(r / voxelsPerRadius));
                    if (stats.Active.SpansThickness) spanning++;
                }
                probability[f] = (double)spanning / realisations;
                output.WriteLine($"R/h = {voxelsPerRadius}, phi = {fractions[f]:F2}: spanning in {spanning} of {realisations}");
            }
            return probability;
        }
    }

    /// <summary>Where the spanning probability first reaches 1/2, by linear interpolation.</summary>
    private static double Crossing(double[] x, double[] p, out double[] probability)
    {
        probability = p;
        for (int i = 1; i < x.Length; i++)
            if (p[i] >= 0.5 && p[i - 1] < 0.5)
                return x[i - 1] + (0.5 - p[i - 1]) / (p[i] - p[i - 1]) * (x[i] - x[i - 1]);
        return double.NaN;
    }
}
