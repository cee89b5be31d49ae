using System.Collections.Concurrent;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.Gpu;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Simulation;
using CathodeSim.Model.Thermal;
using CathodeSim.Numerics.Diffusion;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Gpu;

/// <summary>
/// The resident lockstep batch on ILGPU's CPU accelerator: slots at different operations, particle counts, tables and
/// steps equal the host-assembled stepper bit for bit; sweeps through it equal independent runs bit for bit; what a
/// Newton round moves across the host link does not depend on the shell count.
/// </summary>
public class ResidentLockstepBatchTests(ITestOutputHelper output)
{
    private const double RelativeTolerance = 1e-4, AbsoluteTolerance = 1e-6;

    [Fact]
    public void ResidentLockstepSlots_AtDifferentOperationsParticleCountsAndTables_MatchHostAssembledStepper_BitForBit()
    {
        const int shells = 7;
        int[] particles = [9, 4, 6];
        using var device = DeviceSelection.Select("ilgpu-cpu");
        using var batch = device.CreateLockstepBatch(slots: 3, particlesPerSlot: 9, shells)!;
        var members = particles.Select(_ => batch.Join()).ToList();
        var failures = new ConcurrentBag<Exception>();
        var threads = particles.Select((count, caseIndex) => new Thread(() =>
        {
            try
            {
                RunSlotAgainstHost(members[caseIndex].CreateStepper(ParticleDiffusionStepperTests.Layout(count, shells)), count, shells, caseIndex);
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
            finally
            {
                members[caseIndex].Dispose();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(failures);
        output.WriteLine($"{batch.Launches} launches");
    }

    /// <summary>
    /// Three steps (own table, factor and hBeta per case); case i re-assembles once without updating at iteration i (a
    /// failed node solve) and case 2 abandons its first step after one assembly, so the slots ask for different
    /// operations in the same launches.
    /// </summary>
    private static void RunSlotAgainstHost(IParticleDiffusionStepper slot, int particles, int shells, int caseIndex)
    {
        var layout = slot.Layout;
        var host = new HostAssembledParticleDiffusionStepper(layout, new CpuBatchedTridiagonalSolver());
        var random = new Random(17 + caseIndex);
        int length = particles * shells;
        double[] xHost = ParticleDiffusionStepperTests.Random(random, length, 0.5, 0.4), xSlot = (double[])xHost.Clone();
        var table = ParticleDiffusionStepperTests.Table(1 + caseIndex);
        (UniformLinearTable Table, double Factor)[] diffusivities = [(table, 1), (table, 2.5 + caseIndex), (ParticleDiffusionStepperTests.Table(0.5, 301 + 100 * caseIndex), 1.2)];
        for (int step = 0; step < diffusivities.Length; step++)
        {
            var (stepTable, factor) = diffusivities[step];
            double[] history = ParticleDiffusionStepperTests.Random(random, length, 0.5, 0.4);
            double[] contact = ParticleDiffusionStepperTests.Random(random, particles, 0.8, 0.2);
            double hBeta = 10 + 50 * random.NextDouble();
            host.SetDiffusivity(stepTable, factor);
            slot.SetDiffusivity(stepTable, factor);
            host.BeginStep(xHost, history, contact, hBeta);
            slot.BeginStep(xSlot, history, contact, hBeta);
            int iterations = caseIndex == 2 && step == 0 ? 1 : 3;
            for (int iteration = 0; iteration < iterations; iteration++)
            {
                int assemblies = iteration == caseIndex ? 2 : 1;
                for (int assembly = 0; assembly < assemblies; assembly++)
                {
                    double[] current = ParticleDiffusionStepperTests.Random(random, particles, 0, 20);
                    host.AssembleAndSolve(current);
                    slot.AssembleAndSolve(current);
                    Assert.Equal(host.SurfaceShell.ToArray(), slot.SurfaceShell.ToArray());
                    Assert.Equal(host.SurfaceResponse.ToArray(), slot.SurfaceResponse.ToArray());
                    Assert.Equal(host.SurfaceSensitivity.ToArray(), slot.SurfaceSensitivity.ToArray());
                }
                if (iterations == 1) break;
                double[] update = ParticleDiffusionStepperTests.Random(random, particles, 0, 1);
                double hostNorm = host.Update(update, RelativeTolerance, AbsoluteTolerance);
                double slotNorm = slot.Update(update, RelativeTolerance, AbsoluteTolerance);
                Assert.True(hostNorm > 0 && double.IsFinite(hostNorm));
                Assert.Equal(hostNorm, slotNorm);
            }
            host.EndStep(xHost);
            slot.EndStep(xSlot);
            Assert.Equal(xHost, xSlot);
        }
    }

    [Fact]
    public void ResidentLockstepSweep_CasesWithDifferentParticleCountsStepSizesTemperaturesAndProtocols_EqualIndependentRuns_BitForBit()
    {
        var items = Enumerable.Range(0, 8).Select(i =>
        {
            // Particle counts 6 or 12 (one or two size bins), first steps of 1 ms or 0.5 s, two temperatures, two
            // diffusivity laws, a heating cell (its factor changes every step) and different protocol lengths: the
            // slots run at different step sizes and protocol positions, finish at different times and hand over.
            var numerics = new NumericsOptions(6, 6, i % 3 == 0 ? 1 : 2, InitialStep: i % 2 == 0 ? 1e-3 : 0.5);
            var active = i % 4 == 1
                ? TestCells.Ncm90(new LogTabulatedDiffusivity([0.2, 0.6, 0.9, 1.0], [3e-14, 1e-14, 1e-15, 1e-16]))
                : TestCells.Ncm90();
            var design = TestCells.B65(active) with { InitialStoichiometry = 0.95 - 0.01 * i };
            if (i == 5) design = design with { Thermal = new LumpedThermalModel(HeatCapacity: 0.02, HeatTransfer: 1e-3) };
            double temperature = i % 2 == 0 ? TestCells.RoomTemperature : 310;
            ProtocolStep[] steps = i % 2 == 0
                ? [TestCells.Charge(0.5), TestCells.Discharge(0.5)]
                : [TestCells.Charge(1.0, duration: 1200), new RestStep("Rest for 2 min", 120)];
            return new SweepWorkItem(i, [TestCells.Setup(design, numerics, temperature, steps)]);
        }).ToList();

        var independent = new ConcurrentBag<CaseOutcome>();
        new SweepRunner(2).Run(items, independent.Add, null, CancellationToken.None);

        using var device = DeviceSelection.Select("ilgpu-cpu");
        using var batch = device.CreateLockstepBatch(slots: 3, particlesPerSlot: 12, shells: 6)!;
        var together = new ConcurrentBag<CaseOutcome>();
        new SweepRunner(3, lockstep: batch).Run(items, together.Add, null, CancellationToken.None);

        Assert.Equal(items.Count, together.Count);
        foreach (var a in independent)
        {
            Assert.Null(a.Error);
            var b = together.Single(o => o.Index == a.Index);
            Assert.Null(b.Error);
            var (ra, rb) = (a.Results![0], b.Results![0]);
            Assert.Equal(ra.Series.Select(p => p.Time), rb.Series.Select(p => p.Time));
            Assert.Equal(ra.Series.Select(p => p.Voltage), rb.Series.Select(p => p.Voltage));
            Assert.Equal(ra.Series.Select(p => p.Temperature), rb.Series.Select(p => p.Temperature));
            Assert.Equal(ra.Steps.Select(s => s.ChargePassed), rb.Steps.Select(s => s.ChargePassed));
            Assert.Equal(ra.Diagnostics.NewtonIterations, rb.Diagnostics.NewtonIterations);
            Assert.Equal(ra.Diagnostics.RejectedSteps, rb.Diagnostics.RejectedSteps);
        }
        int iterations = independent.Sum(o => o.Results![0].Diagnostics.NewtonIterations);
        output.WriteLine($"{batch.Launches} launches for {iterations} case iterations; per launch {batch.LaunchTraffic.TotalBytes / Math.Max(1, batch.Launches)} B; " +
                         $"steps and tables {batch.StepTraffic.TotalBytes} B");
        // Two launches per iteration of each case; three slots share them, so fewer than two per case iteration.
        Assert.True(batch.Launches < 2 * iterations, $"{batch.Launches} launches for {iterations} case iterations");
        Assert.True(batch.Launches > 2 * iterations / 3 - 1, "three slots cannot serve more than three cases per launch");
    }

    [Fact]
    public void ResidentLockstep_HostLinkBytesPerNewtonRound_IndependentOfShells()
    {
        const int slots = 4, perSlot = 10;
        var (up5, down5, copies5) = OneNewtonRound(slots, perSlot, shells: 5);
        var (up40, down40, copies40) = OneNewtonRound(slots, perSlot, shells: 40);
        Assert.Equal(up5, up40);
        Assert.Equal(down5, down40);
        Assert.Equal(copies5, copies40);
        // Per launch up: the per-slot requests (3 ints, 5 doubles) and one per-particle input; down: x, u, w after an
        // assembly, the norm partials after an update.
        long requests = slots * (3 * sizeof(int) + 5 * sizeof(double));
        Assert.Equal(2 * (requests + slots * perSlot * sizeof(double)), up5);
        Assert.Equal(4L * slots * perSlot * sizeof(double), down5);
    }

    /// <summary>Bytes up and down and copies of one assembly and one update with one case in the batch.</summary>
    private static (long Up, long Down, long Copies) OneNewtonRound(int slots, int perSlot, int shells)
    {
        using var device = DeviceSelection.Select("ilgpu-cpu");
        using var batch = device.CreateLockstepBatch(slots, perSlot, shells)!;
        using var member = batch.Join();
        var stepper = member.CreateStepper(ParticleDiffusionStepperTests.Layout(perSlot - 3, shells));
        var random = new Random(5);
        int length = stepper.Layout.Particles * shells;
        double[] x = ParticleDiffusionStepperTests.Random(random, length, 0.5, 0.4);
        stepper.SetDiffusivity(ParticleDiffusionStepperTests.Table(1), 1);
        stepper.BeginStep(x, ParticleDiffusionStepperTests.Random(random, length, 0.5, 0.4), new double[stepper.Layout.Particles], 20);
        batch.LaunchTraffic.Reset();
        stepper.AssembleAndSolve(new double[stepper.Layout.Particles]);
        stepper.Update(new double[stepper.Layout.Particles], RelativeTolerance, AbsoluteTolerance);
        var traffic = (batch.LaunchTraffic.BytesToDevice, batch.LaunchTraffic.BytesToHost, batch.LaunchTraffic.Copies);
        stepper.EndStep(x);
        Assert.Equal(2, batch.Launches);
        return traffic;
    }

    [Fact]
    public void ResidentLockstepMember_RejectsLayoutsThatDoNotFitASlot_AndTheBatchRefusesAJoinWhenFull()
    {
        using var device = DeviceSelection.Select("ilgpu-cpu");
        using var batch = device.CreateLockstepBatch(slots: 1, particlesPerSlot: 4, shells: 5)!;
        using var member = batch.Join();
        Assert.Throws<ArgumentException>(() => member.CreateStepper(ParticleDiffusionStepperTests.Layout(5, 5)));
        Assert.Throws<ArgumentException>(() => member.CreateStepper(ParticleDiffusionStepperTests.Layout(4, 6)));
        Assert.Throws<InvalidOperationException>(() => batch.Join());
        Assert.Equal("resident-lockstep(ilgpu-cpu)", member.CreateStepper(ParticleDiffusionStepperTests.Layout(3, 5)).Name);
    }

    [Fact]
    public void CreateLockstepBatch_OnCpu_IsNull()
    {
        using var cpu = DeviceSelection.Select("cpu");
        Assert.Null(cpu.CreateLockstepBatch(2, 4, 5));
    }
}
