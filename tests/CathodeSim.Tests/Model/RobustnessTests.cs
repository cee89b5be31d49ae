using CathodeSim.Model.Materials;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Tests.Model;

/// <summary>Limits a sweep will hit: the solver must end such steps on their cut-off, not fail.</summary>
public class RobustnessTests
{
    [Fact]
    public void Limit_DischargingAFullyLithiatedCell_EndsAtItsCutoffWithoutSolverFailure()
    {
        var result = new Simulator().Run(TestCells.Setup(TestCells.B65(initialStoichiometry: 0.999), null, TestCells.RoomTemperature, TestCells.Discharge(0.1)));
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        // Nearly full NCM cannot take 0.1C: the step ends at once, and says so.
        Assert.Contains(result.Steps[0].End, new[] { StepEnd.Voltage, StepEnd.CurrentNotCarried, StepEnd.ActiveMaterialFull });
        Assert.Contains(result.Warnings, w => w.Reason == "ended_at_once");
        Assert.True(Math.Abs(result.Steps[0].ChargePassed) < 1e-5, $"{result.Steps[0].ChargePassed} C passed");
    }

    [Fact]
    public void Limit_AnElectronicallyBlockedCathode_EndsBothStepsAtTheirCutoffs()
    {
        // Insulating NCM (1e-7 S/cm even when delithiated): the cell cannot carry 0.1C, so each step ends at once.
        var active = TestCells.Ncm90(electronic: new ConstantElectronicConductivity(1e-5));
        var result = new Simulator().Run(TestCells.Setup(TestCells.B65(active)));
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        Assert.All(result.Steps, s => Assert.Contains(s.End, new[] { StepEnd.Voltage, StepEnd.CurrentNotCarried }));
        Assert.All(result.Steps, s => Assert.True(Math.Abs(s.ChargePassed) < 1e-5, $"{s.ChargePassed} C passed"));
        Assert.Equal(2, result.Warnings.Count(w => w.Reason == "ended_at_once"));
    }

    [Fact]
    public void Limit_HighRateAndLowTemperature_CompleteWithLessCapacityThanSlowWarmCycling()
    {
        double Discharge(double cRate, double temperature)
        {
            // After a formation cycle at 0.1C, as the seed's cells: pristine NCM is nearly insulating and nearly full, and
            // cannot start at 2C (Limit_AnElectronicallyBlockedCathode... covers a step that ends at once).
            var formation = new[] { TestCells.Charge(0.1), TestCells.Discharge(0.1) };
            var result = new Simulator().Run(TestCells.Setup(TestCells.B65(), new NumericsOptions(10, 10, 3), temperature,
                [.. formation, TestCells.Charge(cRate), TestCells.Discharge(cRate)]));
            Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
            Assert.True(TestCells.EndedAtCutoff(result.Steps[3], 2.1), $"{result.Steps[3].End} at {result.Steps[3].EndVoltage} V");
            return Math.Abs(result.Steps[3].ChargePassed);
        }
        double reference = Discharge(0.1, 298.15);
        Assert.True(Discharge(2.0, 298.15) < reference);
        Assert.True(Discharge(0.1, 253.15) < reference);
    }
}
