using CathodeSim.Model.Simulation;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Thermal;

namespace CathodeSim.Tests.Model;

/// <summary>The lumped thermal model: heating under current, exact relaxation to the thermostat, isothermal when off.</summary>
public class ThermalTests
{
    private static readonly NumericsOptions Coarse = new(CathodeNodes: 8, RadialShells: 8, SizeBins: 1);

    [Fact]
    public void Limit_RelaxationToTheThermostat_FollowsTheExactExponential()
    {
        var model = new LumpedThermalModel(HeatCapacity: 10, HeatTransfer: 0.5);
        double tau = 20;
        double t = model.Advance(310, 298.15, 0, tau);
        Assert.Equal(298.15 + 11.85 * Math.Exp(-1), t, 10);
        // Steps compose exactly: two half steps equal one full step.
        Assert.Equal(t, model.Advance(model.Advance(310, 298.15, 0, tau / 2), 298.15, 0, tau / 2), 10);
        Assert.Equal(298.15 + 2.0, model.Advance(298.15, 298.15, 1.0, 1e9), 9);
    }

    [Fact]
    public void Cell_HeatsAboveTheThermostatUnderCurrent_AndReturnsDuringRest()
    {
        var thermal = new LumpedThermalModel(HeatCapacity: 0.02, HeatTransfer: 1e-3);   // tau = 20 s
        var design = TestCells.B65() with { Thermal = thermal };
        var result = new Simulator().Run(TestCells.Setup(design, Coarse, TestCells.RoomTemperature,
            TestCells.Charge(2.0, cutoff: null, duration: 600), new RestStep("Rest for 10 min", 600)));
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        double hottest = result.Series.Where(p => p.StepIndex == 0).Max(p => p.Temperature);
        Assert.True(hottest > TestCells.RoomTemperature + 0.01, $"peak {hottest} K");
        Assert.Equal(TestCells.RoomTemperature, result.Series[^1].Temperature, 3);
    }

    [Fact]
    public void Cell_WithoutAThermalModel_StaysAtTheThermostatTemperature()
    {
        var result = new Simulator().Run(TestCells.Setup(TestCells.B65(), Coarse, TestCells.RoomTemperature, TestCells.Charge(2.0, cutoff: null, duration: 600)));
        Assert.All(result.Series, p => Assert.Equal(TestCells.RoomTemperature, p.Temperature));
    }
}
