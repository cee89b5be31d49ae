using CathodeSim.IO.Config;
using CathodeSim.Model;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Tests.Model;

/// <summary>
/// D(x) = D_self Theta(x) from the OCP: a single lattice-gas reaction gives Theta = omega exactly (analytical), the
/// library's MSMR set gives a factor that agrees with a finite difference of U (independent), and OCPs without
/// Nernstian edges are refused with the key named.
/// </summary>
public sealed class ThermodynamicFactorTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.6)]
    [InlineData(2.5)]
    public void SingleReaction_ThermodynamicFactorIsItsIdeality_Analytical(double ideality)
    {
        var ocp = new MsmrOcp([new MsmrReaction(3.8, 1.0, ideality)]);
        var law = new ThermodynamicFactorDiffusivity(2e-15, ocp, ocp.Temperature);
        foreach (double x in new[] { 1e-9, 0.01, 0.3, 0.5, 0.7, 0.99, 1 - 1e-9 })
        {
            Assert.Equal(ideality, law.ThermodynamicFactor(x), 6);
            Assert.Equal(1.0, law.At(x) / (2e-15 * ideality), 6);
        }
    }

    [Fact]
    public void LibraryMsmr_FactorAgreesWithAFiniteDifferenceOfTheOcp_Independent()
    {
        var setup = ConfigLoader.Load(RepositoryPaths.File("configs", "b-ncm-65.yaml"),
            ["materials.NCM90.diffusivity={model: thermodynamic_factor, self_diffusivity: 1e-15 m^2/s, activation_energy: 30 kJ/mol}"]).Setup;
        var law = Assert.IsType<ThermodynamicFactorDiffusivity>(setup.Design.Active.Diffusivity);
        var ocp = setup.Design.Active.OpenCircuitPotential;
        double f = PhysicalConstants.Faraday / (PhysicalConstants.Gas * law.Temperature);
        foreach (double x in new[] { 0.05, 0.2, 0.4, 0.6, 0.8, 0.95 })
        {
            const double h = 1e-5;
            double slope = (ocp.Potential(x + h) - ocp.Potential(x - h)) / (2 * h);
            double expected = -f * x * (1 - x) * slope;
            Assert.Equal(1.0, law.ThermodynamicFactor(x) / expected, 5);
            Assert.True(expected > 0);
        }
        Assert.Null(law.FirstUnusablePoint());
    }

    [Fact]
    public void LibraryMsmr_WithTheFactor_RunsAFirstCycleWithinTheLithiumInventory()
    {
        var setup = ConfigLoader.Load(RepositoryPaths.File("configs", "b-ncm-65.yaml"),
            ["materials.NCM90.diffusivity={model: thermodynamic_factor, self_diffusivity: 1e-15 m^2/s, activation_energy: 30 kJ/mol}"]).Setup;
        var result = new Simulator().Run(setup);
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        double inventory = setup.Design.Active.TheoreticalSpecificCharge / 3.6;   // mAh/g for x from 0 to 1
        foreach (var step in result.Steps)
            Assert.InRange(Math.Abs(step.ChargePassed) / result.ActiveMass / 3600, 1, inventory);
    }

    [Fact]
    public void OcpWithoutNernstianEdges_IsRefused_NamingTheKey()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(RepositoryPaths.File("configs", "b-ncm-65.yaml"),
            ["materials.NCM90.ocp={model: chen2020}",
             "materials.NCM90.diffusivity={model: thermodynamic_factor, self_diffusivity: 1e-15 m^2/s, activation_energy: 30 kJ/mol}"]));
        Assert.Contains("materials.NCM90.diffusivity", e.Message);
        Assert.Contains("thermodynamic factor", e.Message);
    }
}
