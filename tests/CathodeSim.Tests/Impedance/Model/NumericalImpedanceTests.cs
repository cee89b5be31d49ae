using System.Numerics;
using CathodeSim.Model;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Impedance;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Simulation;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Impedance.Model;

/// <summary>The numerical small-signal impedance of the discretised cell against closed forms in its limits.</summary>
public class NumericalImpedanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Limit_SingleParticleWithIdealNetworks_IsTheRandlesCellWithFiniteSphericalDiffusion()
    {
        const double radius = 1e-6, diffusivity = 1e-15, x = 0.6;
        var active = TestCells.Ncm90(new ConstantDiffusivity(diffusivity), exchangeCurrent: 0.5, electronic: new ConstantElectronicConductivity(1e6));
        var design = TestCells.B65(active, x, new LognormalSizeDistribution(2 * radius, 1.0), ionic: 1e6,
            ionicLaw: new BruggemanLaw(0), electronicLaw: new BruggemanLaw(0));
        var model = new CellModel(design, new NumericsOptions(CathodeNodes: 3, RadialShells: 80, SizeBins: 1), 298.15);
        var parameters = new ImpedanceParameters();
        double[] frequencies = [1e6, 1e4, 1e2, 1, 1e-2];
        var numerical = NumericalImpedance.Compute(model, NumericalImpedance.RestState(model, x), parameters, frequencies);

        // Closed form, built by hand from the recipe.
        double f = PhysicalConstants.Faraday / (PhysicalConstants.Gas * 298.15);
        double i0 = 0.5 * 2 * Math.Sqrt(x * (1 - x));
        double rct = 1 / (f * i0), film = design.FilmResistance, theta = design.Cathode.ContactCoverage;
        double slope = active.OpenCircuitPotential.Slope(x), cmax = active.MaxConcentration;
        var micro = CompositeMicrostructure.From(design, 1);
        double contacted = micro.SpecificContactArea[0] * micro.CathodeThickness * design.Area;
        double separator = micro.SeparatorThickness / 0.17;
        double counter = 1 / (85.0 * f);
        for (int n = 0; n < frequencies.Length; n++)
        {
            double w = 2 * Math.PI * frequencies[n];
            var jw = new Complex(0, w);
            Complex beta = radius * Complex.Sqrt(jw / diffusivity);
            Complex t = Complex.Tanh(beta);
            Complex diffusion = slope / cmax * theta / PhysicalConstants.Faraday * radius / diffusivity * t / (t - beta);
            Complex particle = 1 / (1 / (rct + film + diffusion) + jw * parameters.CathodeDoubleLayer);
            Complex external = 1 / (1 / separator + jw * ImpedanceParameters.VacuumPermittivity * parameters.SeparatorPermittivity / micro.SeparatorThickness)
                               + 1 / (1 / counter + jw * parameters.CounterDoubleLayer);
            Complex expected = external / design.Area + particle / contacted;
            double relative = Complex.Abs(numerical[n] - expected) / Complex.Abs(expected);
            output.WriteLine($"{frequencies[n]:G3} Hz: numerical {numerical[n]:F4}, closed form {expected:F4}, relative difference {relative:E2}");
            Assert.True(relative < 5e-3, $"{frequencies[n]} Hz: {relative:E2}");
        }
    }

    [Fact]
    public void Limits_HighFrequencyIsOhmic_LowFrequencyIsCapacitive()
    {
        var model = new CellModel(TestCells.B65(), new NumericsOptions(10, 10, 3), 298.15);
        var z = NumericalImpedance.Compute(model, NumericalImpedance.RestState(model, 0.6), new ImpedanceParameters(), [1e6, 1e-4]);
        Assert.True(Math.Abs(z[0].Imaginary) < 0.05 * z[0].Real, $"1 MHz: {z[0]}");
        Assert.True(-z[1].Imaginary > z[1].Real, $"0.1 mHz: {z[1]}");
        Assert.True(z[1].Real > z[0].Real);
    }
}
