using System.Collections.Concurrent;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.Model.Simulation;
using CathodeSim.Numerics.Diffusion;

namespace CathodeSim.Tests.Numerics;

/// <summary>Cases advanced together through one shared batch give exactly the results of independent runs.</summary>
public class LockstepBatchTests
{
    /// <summary>A device stand-in that counts launches and checks every batch is well formed.</summary>
    private sealed class CountingSolver : IBatchedTridiagonalSolver
    {
        private readonly CpuBatchedTridiagonalSolver _inner = new();
        public int Launches;
        public string Name => "counting-cpu";
        public void Solve(BatchedTridiagonalSystems systems) { Interlocked.Increment(ref Launches); _inner.Solve(systems); }
    }

    [Fact]
    public void LockstepSweep_EqualsIndependentRuns_BitForBit_WithFewerLaunches()
    {
        var numerics = new NumericsOptions(6, 6, 2);
        var items = Enumerable.Range(0, 7).Select(i =>
        {
            var design = TestCells.B65() with { InitialStoichiometry = 0.95 - 0.01 * i };
            // Different protocols and lengths: cases finish at different times and hand their slots on.
            var steps = i % 2 == 0 ? new[] { TestCells.Charge(0.5), TestCells.Discharge(0.5) } : new[] { TestCells.Charge(1.0, duration: 1200) };
            return new SweepWorkItem(i, [TestCells.Setup(design, numerics, TestCells.RoomTemperature, steps)]);
        }).ToList();

        var independent = new ConcurrentBag<CaseOutcome>();
        new SweepRunner(2).Run(items, independent.Add, null, CancellationToken.None);

        var device = new CountingSolver();
        using var batch = new LockstepBatch(device, slots: 3, systemsPerSlot: 6 * 2, size: 6, rightHandSides: 2);
        var together = new ConcurrentBag<CaseOutcome>();
        new SweepRunner(3, lockstep: batch).Run(items, together.Add, null, CancellationToken.None);

        Assert.Equal(7, together.Count);
        foreach (var a in independent)
        {
            var b = together.Single(o => o.Index == a.Index);
            Assert.Null(b.Error);
            var va = a.Results![0].Series.Select(p => p.Voltage).ToArray();
            var vb = b.Results![0].Series.Select(p => p.Voltage).ToArray();
            Assert.Equal(va, vb);
        }
        int totalIterations = independent.Sum(o => o.Results![0].Diagnostics.NewtonIterations);
        Assert.True(device.Launches < totalIterations, $"{device.Launches} launches for {totalIterations} case iterations");
        Assert.True(device.Launches > totalIterations / 4, "three slots cannot serve more than three cases per launch");
    }

    [Fact]
    public void Member_RejectsCasesLargerThanASlot()
    {
        using var batch = new LockstepBatch(new CpuBatchedTridiagonalSolver(), 1, 4, 5, 2);
        using var member = batch.Join();
        Assert.Throws<ArgumentException>(() => member.Solve(new BatchedTridiagonalSystems(5, 5, 2)));
        Assert.Throws<InvalidOperationException>(() => batch.Join());
    }
}
