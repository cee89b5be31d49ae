using CathodeSim.Gpu;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Gpu;

/// <summary>A whole charge + discharge with the particle solves on the ILGPU kernel against the C# reference.</summary>
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
}
