using CathodeSim.Gpu;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using CathodeSim.Model.Thermal;
using CathodeSim.Numerics.Diffusion;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Gpu;

/// <summary>Whole simulations with the particle work on ILGPU (batched solver, then the device-resident stepper) against the C# reference.</summary>
public class IlgpuSimulationTests(ITestOutputHelper output)
{
    [Fact]
    public void B65_ChargeDischarge_OnIlgpuCpu_MatchesTheCpuReference()
    {
        var setup = TestCells.Setup(TestCells.B65(), new NumericsOptions(6, 6, 2));
        var reference = new Simulator().Run(setup);
        SimulationResult result;
        using (var solver = IlgpuBatchedTridiagonalSolver.CreateCpu())
            result = new Simulator(solver).Run(setup);

        Assert.True(reference.Diagnostics.Completed, reference.Diagnostics.FailureMessage);
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        output.WriteLine($"cpu: {reference.Series.Count} points, {reference.Diagnostics.NewtonIterations} Newton iterations, {reference.Diagnostics.WallSeconds:F2} s; " +
                         $"ilgpu-cpu: {result.Series.Count} points, {result.Diagnostics.WallSeconds:F2} s");

        static double Discharge(SimulationResult r) => r.Steps.Where(s => s.Kind == "discharge").Sum(s => Math.Abs(s.ChargePassed));
        double expected = Discharge(reference), actual = Discharge(result);
        Assert.True(expected > 0);
        Assert.True(Math.Abs(actual - expected) <= 1e-10 * expected, $"discharge capacity {actual} vs {expected} C");

        Assert.Equal(reference.Series.Count, result.Series.Count);
        for (int i = 0; i < reference.Series.Count; i++)
        {
            var (a, b) = (reference.Series[i], result.Series[i]);
            Assert.True(Math.Abs(a.Time - b.Time) <= 1e-10 * Math.Max(1, Math.Abs(a.Time)), $"point {i}: time {b.Time} vs {a.Time}");
            Assert.True(Math.Abs(a.Voltage - b.Voltage) <= 1e-10 * Math.Abs(a.Voltage), $"point {i}: voltage {b.Voltage} vs {a.Voltage}");
        }
    }

    [Fact]
    public void B65_ChargeDischarge_ThroughTheResidentStepperOnIlgpuCpu_MatchesCpuPath_To1e10()
    {
        var setup = TestCells.Setup(TestCells.B65(), new NumericsOptions(6, 6, 2));
        var reference = new Simulator().Run(setup);
        using var device = DeviceSelection.Select("ilgpu-cpu");
        IlgpuParticleDiffusionStepper? stepper = null;
        var result = new Simulator(layout => stepper = (IlgpuParticleDiffusionStepper)device.CreateStepper(layout)).Run(setup);
        Assert.NotNull(stepper);
        output.WriteLine($"{result.Diagnostics.NewtonIterations} Newton iterations, {stepper.Launches} launches, " +
                         $"{stepper.Traffic.BytesToDevice} B up, {stepper.Traffic.BytesToHost} B down, {result.Diagnostics.WallSeconds:F2} s");
        AssertAgree(reference, result);
    }

    [Fact]
    public void B65_HeatingCellWithTemperatureChangingEveryStep_ThroughTheResidentStepperOnIlgpuCpu_MatchesCpuPath_To1e10()
    {
        // The lumped thermal model changes the Arrhenius factor of D after every accepted step: the device stepper
        // must pick up each new factor (and upload the shared table only once).
        var design = TestCells.B65() with { Thermal = new LumpedThermalModel(HeatCapacity: 0.02, HeatTransfer: 1e-3) };
        var setup = TestCells.Setup(design, new NumericsOptions(5, 6, 1), TestCells.RoomTemperature,
            TestCells.Charge(2.0, cutoff: null, duration: 300), new RestStep("Rest for 2 min", 120));
        var reference = new Simulator().Run(setup);
        using var device = DeviceSelection.Select("ilgpu-cpu");
        var result = new Simulator(device.CreateStepper).Run(setup);
        Assert.True(result.Series.Max(p => p.Temperature) > TestCells.RoomTemperature + 0.01);
        AssertAgree(reference, result);
    }

    [Fact]
    public void B65_ChargeDischarge_ThroughTheHostAssembledStepper_EqualsTheDefaultSimulator_BitForBit()
    {
        var setup = TestCells.Setup(TestCells.B65(), new NumericsOptions(6, 6, 2));
        var reference = new Simulator().Run(setup);
        var result = new Simulator(layout => new HostAssembledParticleDiffusionStepper(layout, new CpuBatchedTridiagonalSolver(parallelThreshold: 1))).Run(setup);
        Assert.Equal(reference.Series.Select(p => p.Voltage), result.Series.Select(p => p.Voltage));
    }

    private void AssertAgree(SimulationResult reference, SimulationResult result)
    {
        Assert.True(reference.Diagnostics.Completed, reference.Diagnostics.FailureMessage);
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        output.WriteLine($"cpu: {reference.Series.Count} points, {reference.Diagnostics.WallSeconds:F2} s; device: {result.Series.Count} points, {result.Diagnostics.WallSeconds:F2} s");
        static double Charge(SimulationResult r) => r.Steps.Sum(s => Math.Abs(s.ChargePassed));
        double expected = Charge(reference), actual = Charge(result);
        Assert.True(expected > 0);
        Assert.True(Math.Abs(actual - expected) <= 1e-10 * expected, $"capacity {actual} vs {expected} C");
        Assert.Equal(reference.Series.Count, result.Series.Count);
        double largest = 0;
        for (int i = 0; i < reference.Series.Count; i++)
        {
            var (a, b) = (reference.Series[i], result.Series[i]);
            Assert.True(Math.Abs(a.Time - b.Time) <= 1e-10 * Math.Max(1, Math.Abs(a.Time)), $"point {i}: time {b.Time} vs {a.Time}");
            Assert.True(Math.Abs(a.Voltage - b.Voltage) <= 1e-10 * Math.Abs(a.Voltage), $"point {i}: voltage {b.Voltage} vs {a.Voltage}");
            largest = Math.Max(largest, Math.Abs(a.Voltage - b.Voltage) / Math.Abs(a.Voltage));
        }
        output.WriteLine($"largest relative voltage difference {largest:E2}, capacity difference {Math.Abs(actual - expected) / expected:E2}");
    }
}
