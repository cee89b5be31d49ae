using CathodeSim.Analysis.Cycling;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Degradation;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Model;

/// <summary>Interphase growth, contact loss, per-step temperature and retention-limited cycling.</summary>
public class DegradationTests(ITestOutputHelper output)
{
    private static readonly NumericsOptions Coarse = new(CathodeNodes: 8, RadialShells: 8, SizeBins: 3);

    private static InterphaseGrowth Film(double onset = 4.1) => new(onset, 4.6, 4.4e-4 / Math.Sqrt(3600), 0.1, new ArrheniusFactor(50e3, 298.15));

    /// <summary>The law with the calibrated values of configs/b-ncm-65-cycling.yaml unless the rate is given.</summary>
    private static ContactLoss Contact(double rate = 0.008) => new(0.05, 0.3, 0.05, 0.3, rate, 0.39, 0.012, 1e-6, 1.0);

    private static RepeatStep Cycles(int n, double? retention = null) =>
        new($"Repeat {n} times", n, [TestCells.Charge(0.1), TestCells.Discharge(0.1)], retention);

    [Fact]
    public void Conservation_WithAgeingSwitchedOff_HundredCyclesLoseNoCapacityAndNoLithium()
    {
        var off = new DegradationModel(Film() with { ReferenceRate = 0 }, Contact(rate: 0) with { ReversibleFraction = 0 });
        var design = TestCells.B65() with { Degradation = off };
        var result = new Simulator().Run(TestCells.Setup(design, Coarse with { SizeBins = 1 }, TestCells.RoomTemperature, Cycles(100)));
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        var cycles = CycleSummarizer.Summarize(result);
        Assert.Equal(100, cycles.Count);
        output.WriteLine($"cycle 2 {cycles[1].DischargeCapacity:F6}, cycle 100 {cycles[99].DischargeCapacity:F6} mAh/g");
        Assert.True(Math.Abs(cycles[99].DischargeCapacity - cycles[1].DischargeCapacity) < 1e-4 * cycles[1].DischargeCapacity);
        // Lithium: what the particles lost equals the net charge passed, after 100 cycles, to round-off.
        var micro = CompositeMicrostructure.From(design, 1);
        var last = result.Profiles[^1];
        double lithium = last.MeanStoichiometry.Sum() * micro.CathodeThickness / last.Position.Length * micro.ActiveVolumeFraction * design.Active.MaxConcentration * design.Area;
        double initial = design.InitialStoichiometry * micro.CathodeThickness * micro.ActiveVolumeFraction * design.Active.MaxConcentration * design.Area;
        double charge = result.Series[^1].Charge;
        Assert.True(Math.Abs((initial - lithium) * CathodeSim.Model.PhysicalConstants.Faraday - charge) < 1e-8 * Math.Abs(result.Steps[0].ChargePassed),
            $"lithium imbalance {(initial - lithium) * CathodeSim.Model.PhysicalConstants.Faraday - charge:E3} C");
        Assert.All(result.Steps, s => Assert.True(TestCells.EndedAtCutoff(s, s.Kind == "charge" ? 3.7 : 2.1), $"{s.Description}: {s.End} at {s.EndVoltage} V"));
        Assert.All(result.Steps, s => Assert.Equal(design.FilmResistance, s.FilmResistance * TotalContactArea(design), 6));
    }

    private static double TotalContactArea(CellDesign design)
    {
        var micro = CompositeMicrostructure.From(design, 1);
        return micro.SpecificContactArea.Sum() * micro.CathodeThickness * design.Area;
    }

    [Fact]
    public void SquareRootLaw_PotentiostaticHoldAboveOnset_GrowsTheFilmAsSqrtTime_AndNotBelowOnset()
    {
        double FilmAfterHold(double holdVoltage, double onset, int hours)
        {
            // Start at the stoichiometry whose OCV is the hold voltage, so the hold passes almost no current.
            var design = TestCells.B65(initialStoichiometry: StoichiometryAt(holdVoltage)) with
            {
                FilmResistance = 1e-12,
                Degradation = new DegradationModel(Film(onset), null),
            };
            var hold = new VoltageHoldStep($"Hold at {holdVoltage} V", holdVoltage, null, hours * 3600.0);
            var result = new Simulator().Run(TestCells.Setup(design, Coarse, TestCells.RoomTemperature, hold));
            Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
            return result.Steps[^1].FilmResistance;
        }
        double[] grown = [FilmAfterHold(3.65, 4.1, 1), FilmAfterHold(3.65, 4.1, 4), FilmAfterHold(3.65, 4.1, 16)];
        output.WriteLine($"R(1 h) {grown[0]:E4}, R(4 h) {grown[1]:E4}, R(16 h) {grown[2]:E4} ohm");
        Assert.Equal(2.0, grown[1] / grown[0], 2);
        Assert.Equal(2.0, grown[2] / grown[1], 2);
        double below = FilmAfterHold(3.3, 4.1, 16);
        Assert.True(below < 1e-3 * grown[2], $"below onset the film grew to {below:E3} ohm");
    }

    private static double StoichiometryAt(double voltage)
    {
        var ocp = TestCells.Ncm90().OpenCircuitPotential;
        double lo = 0.05, hi = 0.99;
        for (int i = 0; i < 60; i++) { double mid = 0.5 * (lo + hi); if (ocp.Potential(mid) - 0.62 > voltage) lo = mid; else hi = mid; }
        return 0.5 * (lo + hi);
    }

    [Fact]
    public void ContactLoss_ReversiblePartRecoversOnDischarge_IrreversiblePartAccumulatesPerCycle()
    {
        var design = TestCells.B65() with { Degradation = new DegradationModel(null, Contact()) };
        var result = new Simulator().Run(TestCells.Setup(design, Coarse, TestCells.RoomTemperature, Cycles(4)));
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        var charges = result.Steps.Where(s => s.Kind == "charge").ToList();
        var discharges = result.Steps.Where(s => s.Kind == "discharge").ToList();
        for (int c = 0; c < 4; c++) Assert.True(charges[c].ContactCoverage < discharges[c].ContactCoverage, "contact lost at top of charge must partly return");
        for (int c = 1; c < 4; c++) Assert.True(discharges[c].ContactCoverage < discharges[c - 1].ContactCoverage, "irreversible loss must accumulate");
    }

    [Fact]
    public void Retention_RisesWithElectrolyteFraction_WithOneSetOfLawParameters()
    {
        double Retention(double activeFraction)
        {
            var design = TestCells.B65() with { Degradation = new DegradationModel(null, Contact()) };
            design = design with { Cathode = design.Cathode with { ActiveMassFraction = activeFraction } };
            var result = new Simulator().Run(TestCells.Setup(design, Coarse, TestCells.RoomTemperature, Cycles(20)));
            Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
            var cycles = CycleSummarizer.Summarize(result);
            return cycles[^1].DischargeCapacity / cycles[0].DischargeCapacity;
        }
        double r30 = Retention(0.70), r35 = Retention(0.65), r40 = Retention(0.60);
        output.WriteLine($"retention after 20 cycles: 30 wt% LIC {r30:P1}, 35 wt% {r35:P1}, 40 wt% {r40:P1}");
        Assert.True(r30 < 0.95, "30 wt% Li3InCl6 must fade noticeably");
        Assert.True(r30 < r35 && r35 <= r40 + 1e-9, $"{r30:P2} {r35:P2} {r40:P2}");
        Assert.True(r35 - r30 > 3 * (r40 - r35), "the seed's trend: a large step from 30 to 35 wt%, little beyond");
    }

    [Fact]
    public void RetentionLimit_StopsARepeatBlockEarly()
    {
        var design = TestCells.B65() with { Degradation = new DegradationModel(null, Contact(0.3)) };
        var result = new Simulator().Run(TestCells.Setup(design, Coarse, TestCells.RoomTemperature, Cycles(50, retention: 0.95)));
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        var cycles = CycleSummarizer.Summarize(result);
        Assert.InRange(cycles.Count, 2, 49);
        Assert.True(cycles[^1].DischargeCapacity < 0.95 * cycles[0].DischargeCapacity);
        Assert.True(cycles[^2].DischargeCapacity >= 0.95 * cycles[0].DischargeCapacity);
    }

    [Fact]
    public void StepTemperature_AppliesArrheniusPerStep_AndIsRecorded()
    {
        var cold = TestCells.Discharge(0.1) with { Temperature = 273.15 };
        var result = new Simulator().Run(TestCells.Setup(TestCells.B65(), Coarse, TestCells.RoomTemperature,
            TestCells.Charge(0.1), TestCells.Discharge(0.1), TestCells.Charge(0.1), cold));
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        Assert.Equal(273.15, result.Steps[3].Temperature);
        Assert.Equal(298.15, result.Steps[1].Temperature);
        Assert.Contains(result.Series, p => p.StepIndex == 3 && p.Temperature == 273.15);
        Assert.True(Math.Abs(result.Steps[3].ChargePassed) < Math.Abs(result.Steps[1].ChargePassed));
    }
}
