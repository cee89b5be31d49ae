using CathodeSim.Model;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Model;

/// <summary>Whole-cell invariants and limits of the P2D engine.</summary>
public class CellPhysicsTests(ITestOutputHelper output)
{
    private static double SpecificCapacity(SimulationResult result, StepSummary step) =>
        Math.Abs(step.ChargePassed) / PhysicalConstants.CoulombPerMilliampHour / (result.ActiveMass * 1e3);

    /// <summary>Lithium in the particles from a profile snapshot (node means are exact volume averages), mol.</summary>
    private static double Lithium(CellDesign design, int bins, ProfileSnapshot snapshot)
    {
        var micro = CompositeMicrostructure.From(design, bins);
        double dx = micro.CathodeThickness / snapshot.Position.Length;
        return snapshot.MeanStoichiometry.Sum() * dx * micro.ActiveVolumeFraction * design.Active.MaxConcentration * design.Area;
    }

    [Fact]
    public void Conservation_ChargePassedEqualsLithiumChange_ToRoundOff_ThroughChargeDischargeHoldAndRest()
    {
        var design = TestCells.B65();
        var protocol = new ProtocolStep[]
        {
            TestCells.Charge(0.5),
            new VoltageHoldStep("Hold at 3.7 V until C/20", 3.7, new CRateSetpoint(0.05), null),
            new RestStep("Rest for 1 hour", 3600),
            TestCells.Discharge(1.0),
        };
        var setup = TestCells.Setup(design, new NumericsOptions(CathodeNodes: 10, RadialShells: 10, SizeBins: 3), TestCells.RoomTemperature, protocol);
        var result = new Simulator().Run(setup);
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        double initial = design.InitialStoichiometry * CompositeMicrostructure.From(design, 3).ActiveVolumeFraction
                         * design.Active.MaxConcentration * CompositeMicrostructure.From(design, 3).CathodeThickness * design.Area;
        foreach (var snapshot in result.Profiles)
        {
            double charge = result.Series.Last(p => p.Time <= snapshot.Time).Charge;
            double lost = (initial - Lithium(design, 3, snapshot)) * PhysicalConstants.Faraday;
            output.WriteLine($"t = {snapshot.Time:F1} s: charge {charge:E6} C, lithium lost {lost:E6} C");
            if (Math.Abs(charge) > 1e-6) Assert.True(Math.Abs(lost - charge) <= 1e-8 * Math.Abs(charge), $"relative imbalance {(lost - charge) / charge:E2} at t = {snapshot.Time}");
        }
        Assert.Equal(4, result.Steps.Count);
    }

    [Fact]
    public void CutoffVoltages_AreMetWithinOneMillivolt()
    {
        var result = new Simulator().Run(TestCells.Setup(TestCells.B65(), new NumericsOptions(CathodeNodes: 10, RadialShells: 10, SizeBins: 3),
            TestCells.RoomTemperature, TestCells.Charge(1.0), TestCells.Discharge(1.0), TestCells.Charge(0.1), TestCells.Discharge(0.1)));
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        foreach (var step in result.Steps)
        {
            double cutoff = step.Kind == "charge" ? 3.7 : 2.1;
            Assert.True(TestCells.EndedAtCutoff(step, cutoff), $"{step.Description} ended at {step.EndVoltage:F5} V ({step.End})");
        }
    }

    [Fact]
    public void QuasiStaticLimit_AtCOver1000_VoltageFollowsTheOcpWithinTwoMillivolts()
    {
        var design = TestCells.B65(initialStoichiometry: 0.6);
        var setup = TestCells.Setup(design, new NumericsOptions(CathodeNodes: 10, RadialShells: 10, SizeBins: 3), TestCells.RoomTemperature,
            TestCells.Charge(0.001, cutoff: null, duration: 100 * 3600.0), TestCells.Discharge(0.001, cutoff: null, duration: 200 * 3600.0));
        var setupWithProfiles = setup with { ProfileTimes = [25 * 3600.0, 50 * 3600.0, 75 * 3600.0, 150 * 3600.0, 250 * 3600.0] };
        var result = new Simulator().Run(setupWithProfiles);
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        var ocp = design.Active.OpenCircuitPotential;
        foreach (var snapshot in result.Profiles)
        {
            double mean = snapshot.MeanStoichiometry.Average();
            double voltage = result.Series.Last(p => p.Time <= snapshot.Time + 1e-6).Voltage;
            double ocv = ocp.Potential(mean) - design.CounterElectrode.Potential;
            output.WriteLine($"t = {snapshot.Time / 3600:F1} h, x = {mean:F4}: V = {voltage:F5}, OCV = {ocv:F5}");
            Assert.True(Math.Abs(voltage - ocv) < 2e-3, $"V - OCV = {(voltage - ocv) * 1e3:F2} mV at x = {mean:F3}");
        }
    }

    [Fact]
    public void MeshConvergence_DoublingNxNrAndK_ChangesDischargeCapacityByLessThanHalfAPercent()
    {
        double Discharge(int nx, int nr, int k)
        {
            var result = new Simulator().Run(TestCells.Setup(TestCells.B65(), new NumericsOptions(CathodeNodes: nx, RadialShells: nr, SizeBins: k)));
            Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
            return SpecificCapacity(result, result.Steps[1]);
        }
        double coarse = Discharge(20, 20, 5), fine = Discharge(40, 40, 10);
        output.WriteLine($"discharge capacity: {coarse:F3} mAh/g (20,20,5), {fine:F3} mAh/g (40,40,10)");
        Assert.True(Math.Abs(coarse - fine) / fine < 0.005, $"relative change {(coarse - fine) / fine:P3}");
    }

    [Fact]
    public void SingleParticleLimit_MatchesAnIndependentSingleParticleCalculation()
    {
        const double radius = 2e-6, diffusivity = 5e-15;
        var active = TestCells.Ncm90(new ConstantDiffusivity(diffusivity), exchangeCurrent: 1.0, electronic: new ConstantElectronicConductivity(1e5));
        var design = TestCells.B65(active, 0.9, new LognormalSizeDistribution(2 * radius, 1.0), ionic: 1e5,
            ionicLaw: new BruggemanLaw(0), electronicLaw: new BruggemanLaw(0));
        var numerics = new NumericsOptions(CathodeNodes: 5, RadialShells: 40, SizeBins: 1, RelativeTolerance: 1e-7, AbsoluteTolerance: 1e-9);
        double duration = 1800;
        var times = new[] { 60.0, 300.0, 900.0, 1800.0 };
        var result = new Simulator().Run(TestCells.Setup(design, numerics, TestCells.RoomTemperature, TestCells.Charge(1.0, cutoff: null, duration: duration)) with { ProfileTimes = times });
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);

        // Independent calculation from the recipe, by hand.
        double w = 0.65, solid = 0.85;
        double vAm = w / 4790.0, vSe = (1 - w) / 2690.0;
        double epsAm = solid * vAm / (vAm + vSe);
        double thickness = 5.5e-6 * (vAm + vSe) / (solid * design.Area);
        double area = 3 * epsAm * 0.85 / radius;
        double current = 0.65 * 5.5e-6 * 200 * 3.6e3 / 3600 / design.Area;   // 1C in A/m^2
        double interfacial = current / (area * thickness);
        double cmax = 4790 / 0.09746;
        double f = PhysicalConstants.Faraday / (PhysicalConstants.Gas * TestCells.RoomTemperature);
        double separator = 80e-6 / (1860 * 0.87 * design.Area) / 0.17;
        double counter = 2 / f * Math.Asinh(current / (2 * 85.0));
        var reference = new ReferenceSingleParticle(radius, diffusivity, 401);
        foreach (double t in times)
        {
            var x = reference.Run(0.9, 0.85 * interfacial / (PhysicalConstants.Faraday * cmax), t, (int)(t * 4));
            double xs = x[^1];
            double i0 = 1.0 * 2 * Math.Sqrt(xs * (1 - xs));
            double voltage = active.OpenCircuitPotential.Potential(xs) - 0.62 + 2 / f * Math.Asinh(interfacial / (2 * i0))
                             + interfacial * design.FilmResistance + counter + current * separator;
            double engine = result.Series.Single(p => Math.Abs(p.Time - t) < 1e-6).Voltage;
            output.WriteLine($"t = {t} s: engine {engine:F5} V, reference {voltage:F5} V, x_s {xs:F5}");
            Assert.True(Math.Abs(engine - voltage) < 1e-3, $"engine {engine:F5} V vs reference {voltage:F5} V at t = {t} s");
        }
    }

    [Fact]
    public void ArrheniusFactor_IsOneAtReference_AndFollowsTheFormulaElsewhere()
    {
        var law = new ArrheniusFactor(30e3, 298.15);
        Assert.Equal(1.0, law.At(298.15), 14);
        double expected = Math.Exp(-30e3 / PhysicalConstants.Gas * (1 / 273.15 - 1 / 298.15));
        Assert.Equal(expected, law.At(273.15), 14);
        Assert.True(law.At(273.15) < 1);
    }

    [Fact]
    public void CellModel_AppliesArrheniusToEveryTransportAndKineticParameter()
    {
        var design = TestCells.B65();
        var warm = new CellModel(design, new NumericsOptions(), 298.15);
        var cold = new CellModel(design, new NumericsOptions(), 273.15);
        double Factor(double ea) => Math.Exp(-ea / PhysicalConstants.Gas * (1 / 273.15 - 1 / 298.15));
        Assert.Equal(design.Active.ExchangeCurrentDensity, warm.ExchangeCurrentDensity, 12);
        Assert.Equal(Factor(20e3), cold.ExchangeCurrentDensity / warm.ExchangeCurrentDensity, 12);
        Assert.Equal(Factor(33e3), cold.EffectiveIonicConductivity / warm.EffectiveIonicConductivity, 12);
        Assert.Equal(Factor(25e3), cold.ElectronicConductivity(0.5) / warm.ElectronicConductivity(0.5), 12);
        Assert.Equal(Factor(30e3), cold.CounterExchangeCurrentDensity / warm.CounterExchangeCurrentDensity, 12);
        Assert.Equal(Factor(12e3), cold.Diffusivity.Evaluate(0.5, out _) / warm.Diffusivity.Evaluate(0.5, out _), 10);
        Assert.Equal(1.0, warm.Diffusivity.Evaluate(0.5, out _) / design.Active.Diffusivity.At(0.5), 12);
    }
}
