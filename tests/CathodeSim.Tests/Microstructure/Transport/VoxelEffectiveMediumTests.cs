using CathodeSim.Numerics.Voxels;
using Xunit.Abstractions;
using static CathodeSim.Tests.Microstructure.Transport.VoxelTestStructures;

namespace CathodeSim.Tests.Microstructure.Transport;

/// <summary>
/// The C# voxel solver against effective-medium results for sphere suspensions and arrays: Maxwell's dilute limit,
/// the Hashin-Shtrikman bounds, and Rayleigh's formula for a simple cubic array with its discretisation error shrinking
/// under refinement. Each tolerance is stated beside its check; measured errors go to the test output.
/// </summary>
public class VoxelEffectiveMediumTests(ITestOutputHelper output)
{
    private readonly CpuVoxelConductivitySolver _solver = new();

    /// <summary>
    /// Rayleigh (1892) for a simple cubic array of spheres of volume fraction p and conductivity ratio nu = sigma_sphere /
    /// sigma_matrix, with the octupole coefficient 1.305 of McPhedran and McKenzie (1978, Proc. R. Soc. A 359, 45) in
    /// place of Rayleigh's 1.65: sigma/sigma_m = 1 - 3p / ((2 + nu)/(1 - nu) + p - 1.305 (1 - nu)/(4/3 + nu) p^(10/3)).
    /// The dropped terms are O(p^(14/3)): below 1e-3 relative for insulating spheres at p &lt;= 0.3. For nu = 0 the
    /// octupole term itself moves the result by 0.5 % at p = 0.3, so even a 25 % error in its coefficient is under 0.15 %.
    /// </summary>
    internal static double RayleighSimpleCubic(double p, double nu) =>
        1 - 3 * p / ((2 + nu) / (1 - nu) + p - 1.305 * (1 - nu) / (4.0 / 3 + nu) * Math.Pow(p, 10.0 / 3));

    [Fact]
    public void SimpleCubicArrayOfInsulatingSpheres_ConvergesAtFirstOrder_AndItsExtrapolationMatchesRayleigh_Within0p5Percent()
    {
        // One unit cell with the sphere at its centre: the faces normal to the field are mirror planes of the lattice and
        // so equipotentials, the side faces planes of symmetry; the cell with Dirichlet ends is the whole lattice's problem.
        // Staircase spheres make the voxel error first order in h (about -5 %, -2.4 %, -1.2 % at 16, 32, 64 voxels per
        // cell here), so the check is the observed order and the Richardson extrapolation 2 s(h/2) - s(h).
        const double target = 0.3;
        var sigma = new List<double>();
        var errors = new List<double>();
        foreach (int edge in new[] { 16, 32, 64 })
        {
            double radius = edge * Math.Cbrt(3 * target / (4 * Math.PI));
            var grid = CenteredSphere(edge, radius, sphere: 0, matrix: 1);
            var result = _solver.Solve(grid, [0, 1], new VoxelTransportOptions { RelativeTolerance = 1e-9 });
            double p = 1 - result.ConductingVolumeFraction; // the voxelised sphere's own fraction: no volume error in the comparison
            double expected = RayleighSimpleCubic(p, 0);
            double error = (result.EffectiveConductivity - expected) / expected;
            sigma.Add(result.EffectiveConductivity);
            errors.Add(Math.Abs(error));
            output.WriteLine($"edge {edge}: p = {p:F4}, sigma_eff = {result.EffectiveConductivity:F5}, Rayleigh {expected:F5}, error {error:+0.000%;-0.000%}, {result.Iterations} it");
        }
        double order = Math.Log2(errors[1] / errors[2]);
        double extrapolated = 2 * sigma[2] - sigma[1];
        double rayleigh = RayleighSimpleCubic(target, 0);
        double extrapolationError = (extrapolated - rayleigh) / rayleigh;
        output.WriteLine($"observed order {Math.Log2(errors[0] / errors[1]):F2}, {order:F2}; extrapolated {extrapolated:F5} against Rayleigh {rayleigh:F5} at p = {target}: {extrapolationError:+0.000%;-0.000%}");
        Assert.True(errors[1] < errors[0] && errors[2] < errors[1], $"errors {string.Join(", ", errors.Select(e => e.ToString("P3")))} do not shrink");
        Assert.InRange(order, 0.7, 1.5);
        Assert.True(Math.Abs(extrapolationError) < 0.005, $"extrapolation off by {extrapolationError:P3}");
    }

    [Fact]
    public void SimpleCubicArrayOfTouchingFreeConductingSpheres_InInsulator_DoesNotConduct()
    {
        // Conducting spheres that do not touch (p = 0.3 < pi/6): no spanning path, so sigma_eff = 0 exactly.
        var grid = CenteredSphere(20, 20 * Math.Cbrt(3 * 0.3 / (4 * Math.PI)), sphere: 1, matrix: 0);
        var result = _solver.Solve(grid, [0, 1], VoxelTransportOptions.Default);
        Assert.Equal(0.0, result.EffectiveConductivity);
        Assert.True(double.IsPositiveInfinity(result.TortuosityFactor!.Value));
    }

    [Fact]
    public void DiluteRandomInsulatingSpheres_MatchMaxwell_Within2Percent()
    {
        // Non-overlapping spheres of 8 voxels diameter at 5 % in a periodic box of 16 diameters. Maxwell's
        // 2 (1 - phi) / (2 + phi) is exact to O(phi), the O(phi^2) error a few 0.1 %; the staircase spheres block more
        // current than smooth ones (first order in h, as the simple cubic test shows), about -1.2 % at this resolution.
        var grid = RandomSpheres(128, 8, 0.05, overlapping: false, sphere: 0, matrix: 1, seed: 7);
        var result = _solver.Solve(grid, [0, 1], VoxelTransportOptions.Default);
        double phi = 1 - result.ConductingVolumeFraction;
        double maxwell = 2 * (1 - phi) / (2 + phi);
        double error = (result.EffectiveConductivity - maxwell) / maxwell;
        output.WriteLine($"phi = {phi:F4}: sigma_eff = {result.EffectiveConductivity:F5}, Maxwell {maxwell:F5}, error {error:+0.000%;-0.000%}, tau {result.TortuosityFactor:F4}, {result.Iterations} it, {result.WallTime.TotalSeconds:F1} s");
        Assert.True(Math.Abs(error) < 0.02, $"error {error:P3}");
    }

    [Theory]
    [InlineData(VoxelTransportDirection.Z)]
    [InlineData(VoxelTransportDirection.X)]
    [InlineData(VoxelTransportDirection.Y)]
    public void RandomSpheresOfTenfoldConductivity_LieBetweenTheHashinShtrikmanBounds(VoxelTransportDirection direction)
    {
        const double matrixSigma = 1, sphereSigma = 10;
        var grid = RandomSpheres(64, 8, 0.3, overlapping: true, sphere: 2, matrix: 1, seed: 9);
        var result = _solver.Solve(grid, [0, matrixSigma, sphereSigma], new VoxelTransportOptions { Direction = direction });
        double f2 = grid.VolumeFraction(2), f1 = 1 - f2;
        double lower = matrixSigma + f2 / (1 / (sphereSigma - matrixSigma) + f1 / (3 * matrixSigma));
        double upper = sphereSigma + f1 / (1 / (matrixSigma - sphereSigma) + f2 / (3 * sphereSigma));
        output.WriteLine($"{direction}: f2 = {f2:F4}, HS bounds [{lower:F4}, {upper:F4}], sigma_eff = {result.EffectiveConductivity:F4}");
        Assert.InRange(result.EffectiveConductivity, lower, upper);
    }
}
