using CathodeSim.Model;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Simulation;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Model;

/// <summary>The particle discretisation against Crank's constant-flux solution for a sphere.</summary>
public class ParticleDiffusionTests(ITestOutputHelper output)
{
    private const double Radius = 1e-6, Diffusivity = 1e-15, InitialX = 0.7;

    /// <summary>One node, one bin, huge conductivities: the single particle sees exactly the applied flux.</summary>
    private static (double Surface, double Flux, double Time) RunConstantFlux(int shells)
    {
        var active = TestCells.Ncm90(new ConstantDiffusivity(Diffusivity), electronic: new ConstantElectronicConductivity(1e6));
        var design = TestCells.B65(active, InitialX, new LognormalSizeDistribution(2 * Radius, 1.0), ionic: 1e6,
            ionicLaw: new BruggemanLaw(0), electronicLaw: new BruggemanLaw(0));
        var numerics = new NumericsOptions(CathodeNodes: 1, RadialShells: shells, SizeBins: 1, RelativeTolerance: 1e-9, AbsoluteTolerance: 1e-11, InitialStep: 1e-4);
        var model = new CellModel(design, numerics, TestCells.RoomTemperature);
        double time = Radius * Radius / Diffusivity; // D t / R^2 = 1: transients have decayed to exp(-20)
        double flux = 0.1 * Diffusivity / Radius;    // N R / D = 0.1 (stoichiometry units)
        double interfacial = flux * PhysicalConstants.Faraday * model.MaxConcentration / model.Coverage;
        double density = interfacial * model.ParticleArea[0] * model.Microstructure.CathodeThickness;
        var step = new CurrentStep("constant flux", CurrentDirection.Charge, new CurrentDensitySetpoint(density), null, time);
        var result = new Simulator().Run(TestCells.Setup(design, numerics, TestCells.RoomTemperature, step));
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        var last = result.Profiles[^1];
        return (last.SurfaceStoichiometry[0], flux, last.Time);
    }

    [Fact]
    public void AnalyticalSolution_AtTimeZero_IsTheInitialState()
    {
        foreach (double r in new[] { 0.1, 0.5, 0.9, 1.0 })
            Assert.Equal(InitialX, SphericalDiffusionSolution.Stoichiometry(r * Radius, 0, Radius, Diffusivity, InitialX, 1e-10, 2000), 3);
    }

    [Fact]
    public void ConstantFlux_SurfaceStoichiometry_MatchesAnalyticalSeries_WithSecondOrderConvergenceInR()
    {
        var errors = new List<double>();
        foreach (int shells in new[] { 10, 20, 40 })
        {
            var (surface, flux, time) = RunConstantFlux(shells);
            double exact = SphericalDiffusionSolution.Stoichiometry(Radius, time, Radius, Diffusivity, InitialX, flux);
            errors.Add(Math.Abs(surface - exact));
            output.WriteLine($"Nr={shells}: surface {surface:F8} exact {exact:F8} error {errors[^1]:E3}");
        }
        // The surface is 0.05 below the mean here; the coarsest grid must already be within 1 % of that.
        Assert.True(errors[0] < 5e-4, $"Nr=10 error {errors[0]:E3}");
        for (int i = 1; i < errors.Count; i++)
        {
            double order = Math.Log2(errors[i - 1] / errors[i]);
            Assert.True(order > 1.8, $"observed order {order:F2} between refinements (errors {string.Join(", ", errors.Select(e => e.ToString("E3")))})");
        }
    }
}
