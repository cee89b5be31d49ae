using CathodeSim.IO.Config;
using CathodeSim.Model;
using CathodeSim.Model.Dfn;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Simulation;
using CathodeSim.Numerics.Integration;
using Xunit;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Liquid;

/// <summary>The DFN mode with a porous graphite anode in place of the lithium metal (a full cell): conservation and the rest limit.</summary>
public sealed class DfnFullCellTests(ITestOutputHelper output)
{
    /// <summary>The Marquis et al. 2019 Kokam cell of configs/liquid/marquis2019-kokam.yaml.</summary>
    internal static SimulationSetup Marquis() =>
        ConfigLoader.LoadAnyMode(RepositoryPaths.File("configs", "liquid", "marquis2019-kokam.yaml"), []).Setup;

    [Fact]
    public void The_Marquis_config_builds_a_full_cell_with_the_published_parameters()
    {
        var cell = Marquis().Liquid!.Cell;
        var anode = Assert.IsType<LiquidAnode>(cell.Anode);
        Assert.Equal(24983.2619938437, anode.Active.MaxConcentration, 1e-9);
        Assert.Equal(51217.9257309275, cell.Active.MaxConcentration, 1e-9);
        Assert.Equal(0.5, cell.ActiveVolumeFraction, 1e-12);
        Assert.Equal(0.6, anode.ActiveVolumeFraction, 1e-12);
        Assert.Equal(0.680616, cell.OneCCurrent, 1e-9);
        Assert.Equal(1.0, cell.SeparatorPorosity);
        Assert.Same(Capiglia1999LiPF6.Instance, cell.Electrolyte);
    }

    [Fact]
    public void Cyclable_lithium_and_salt_are_conserved_to_round_off_and_the_anode_gives_what_the_cathode_takes_over_a_1C_discharge()
    {
        var cell = Marquis().Liquid!.Cell;
        double current = -cell.OneCCurrent / cell.Area;
        // Implicit Euler first, then variable-step BDF2 with growing steps, as the simulator runs.
        double[] steps = [1, 2, 5, 10, 20, 40, 60, 60, 120, 120, 120, 120];
        var (system, y, start) = DfnVerificationTests.DischargeBdf2(cell, new DfnGrid(8, 10, 10, 12), current, steps);
        double time = steps.Sum();
        double solid0 = system.SolidLithium(start), solid = system.SolidLithium(y);
        double salt0 = system.Salt(start), salt = system.Salt(y);
        double passed = -current * time / PhysicalConstants.Faraday;
        double toCathode = system.ElectrodeLithium(y, cathode: true) - system.ElectrodeLithium(start, cathode: true);
        double fromAnode = system.ElectrodeLithium(start, cathode: false) - system.ElectrodeLithium(y, cathode: false);
        output.WriteLine($"solid Li {solid0:E12} -> {solid:E12} mol/m^2; salt {salt0:E12} -> {salt:E12}; passed {passed:E6}, to cathode {toCathode:E6}, from anode {fromAnode:E6}");
        Assert.Equal(0, (solid - solid0) / solid0, 1e-12);
        Assert.Equal(0, (salt - salt0) / salt0, 1e-12);
        Assert.Equal(passed, toCathode, passed * 1e-6);
        Assert.Equal(passed, fromAnode, passed * 1e-6);
        Assert.True(system.IsAnode(0) && !system.IsAnode(system.AnodeVolumes) && system.IsCathode(system.FirstCathodeNode));
    }

    [Fact]
    public void At_C_over_100_the_voltage_approaches_the_difference_of_the_electrode_OCPs_at_their_mean_stoichiometries()
    {
        var setup = Marquis();
        var cell = setup.Liquid!.Cell;
        // The set's own LiCoO2 exchange current leaves a 1.7 mV kinetic overpotential even at C/100; with both exchange
        // currents 100 times larger the remaining losses (electrolyte, solid diffusion) are tenths of a mV, and what is
        // checked is the limit itself: the model's open-circuit voltage is U_pos(x_pos) - U_neg(x_neg).
        cell = cell with { ExchangeCurrent = 100 * cell.ExchangeCurrent, Anode = cell.Anode! with { ExchangeCurrent = 100 * cell.Anode!.ExchangeCurrent } };
        var anode = cell.Anode!;
        const double duration = 20 * 3600; // 20 % of the capacity
        var protocol = new ProtocolStep[] { new CurrentStep("C/100", CurrentDirection.Discharge, new CRateSetpoint(0.01), null, duration) };
        var result = new DfnSimulator().Run("c100", cell, new DfnGrid(10, 10, 10, 10), 298.15, protocol, setup.Numerics with { MaxStep = 3600 });
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        double charge = 0.01 * cell.OneCCurrent / cell.Area * duration; // C/m^2
        double cathodeX = cell.InitialStoichiometry + charge / (PhysicalConstants.Faraday * cell.ActiveVolumeFraction * cell.CathodeThickness * cell.Active.MaxConcentration);
        double anodeX = anode.InitialStoichiometry - charge / (PhysicalConstants.Faraday * anode.ActiveVolumeFraction * anode.Thickness * anode.Active.MaxConcentration);
        double ocv = cell.Active.OpenCircuitPotential.Potential(cathodeX) - anode.Active.OpenCircuitPotential.Potential(anodeX);
        double v = result.Series[^1].Voltage;
        output.WriteLine($"x_pos {cathodeX:F5}, x_neg {anodeX:F5}: V = {v:F6} V, U_pos - U_neg = {ocv:F6} V, difference {(ocv - v) * 1e3:F3} mV");
        Assert.InRange(ocv - v, 0, 0.5e-3);
        double v0 = result.Series[0].Voltage;
        double ocv0 = cell.Active.OpenCircuitPotential.Potential(cell.InitialStoichiometry) - anode.Active.OpenCircuitPotential.Potential(anode.InitialStoichiometry);
        Assert.Equal(ocv0, v0, 1e-9);
    }
}
