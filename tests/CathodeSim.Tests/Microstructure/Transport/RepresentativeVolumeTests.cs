using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Microstructure.Structures;
using CathodeSim.Numerics.Voxels;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Microstructure.Transport;

/// <summary>
/// Convergence in domain size (the representative volume): the electrolyte's effective conductivity of Boolean-model
/// composites (NCM 0.35, electrolyte 0.30 of the box, spheres 2 um across, 4 voxels per radius) in cubes of 4, 8 and 12
/// sphere diameters, four seeds each. The seed-to-seed spread must shrink as the box grows (roughly as 1/sqrt(volume)),
/// and the means of the two larger boxes must agree within their combined spread.
/// </summary>
public sealed class RepresentativeVolumeTests(ITestOutputHelper output)
{
    [Fact]
    public void EffectiveConductivity_SeedSpreadShrinksWithBoxSize_AndMeansAgree_Convergence()
    {
        const double diameter = 2e-6, voxel = diameter / 8;
        var psd = new LognormalSizeDistribution(diameter, 1.0);
        var solver = new CpuVoxelConductivitySolver();
        var conductivity = new double[3];
        conductivity[(int)CompositePhase.Electrolyte] = 1;
        var means = new List<double>();
        var spreads = new List<double>();
        foreach (int diameters in new[] { 4, 8, 12 })
        {
            double edge = diameters * diameter;
            var values = Enumerable.Range(0, 4).Select(seed =>
            {
                var recipe = new StructureRecipe(edge, edge, 0.35, 0.30, psd, psd, (ulong)(100 + seed));
                var grid = BooleanModelGenerator.Generate(recipe).Voxelise(voxel).Grid;
                return solver.Solve(grid, conductivity, VoxelTransportOptions.Default).EffectiveConductivity;
            }).ToArray();
            double mean = values.Average();
            double spread = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
            output.WriteLine($"{diameters} diameters: sigma_eff/sigma = {string.Join(", ", values.Select(v => v.ToString("F4")))}; mean {mean:F4}, spread {spread:F4}");
            means.Add(mean);
            spreads.Add(spread);
        }
        Assert.True(spreads[2] < spreads[0], $"spread {spreads[2]:F4} at 12 diameters is not below {spreads[0]:F4} at 4");
        Assert.True(Math.Abs(means[2] - means[1]) <= 2 * Math.Sqrt(spreads[1] * spreads[1] + spreads[2] * spreads[2]),
            $"means {means[1]:F4} (8 diameters) and {means[2]:F4} (12) differ by more than twice their combined spread");
    }
}
