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
        Assert.Equal(StepEnd.Voltage, result.Steps[0].End);
        Assert.True(result.Steps[0].EndVoltage <= 2.1);
        Assert.True(Math.Abs(result.Steps[0].ChargePassed) < 1e-5, $"{result.Steps[0].ChargePassed} C passed");
    }

    [Fact]
    public void Limit_AnElectronicallyBlockedCathode_EndsBothStepsAtTheirCutoffs()
    {
        // Insulating NCM (1e-7 S/cm even when delithiated): the cell cannot carry 0.1C, so each step ends at once.
        var active = TestCells.Ncm90(electronic: new ConstantElectronicConductivity(1e-5));
        var result = new Simulator().Run(TestCells.Setup(TestCells.B65(active)));
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        Assert.All(result.Steps, s => Assert.Equal(StepEnd.Voltage, s.End));
        Assert.True(result.Steps[0].EndVoltage >= 3.7 && result.Steps[1].EndVoltage <= 2.1);
    }

    [Fact]
    public void Limit_HighRateAndLowTemperature_CompleteWithLessCapacityThanSlowWarmCycling()
    {
        double Discharge(double cRate, double temperature)
        {
            var result = new Simulator().Run(TestCells.Setup(TestCells.B65(), new NumericsOptions(10, 10, 3), temperature, TestCells.Charge(cRate), TestCells.Discharge(cRate)));
            Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
            Assert.Equal(StepEnd.Voltage, result.Steps[1].End);
            return Math.Abs(result.Steps[1].ChargePassed);
        }
        double reference = Discharge(0.1, 298.15);
        Assert.True(Discharge(2.0, 298.15) < reference);
        Assert.True(Discharge(0.1, 253.15) < reference);
    }
}
