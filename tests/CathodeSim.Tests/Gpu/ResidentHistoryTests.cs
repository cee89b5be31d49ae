using CathodeSim.Gpu;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Degradation;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using CathodeSim.Numerics.Diffusion;
using Xunit.Abstractions;
using static CathodeSim.Tests.Gpu.ParticleDiffusionStepperTests;

namespace CathodeSim.Tests.Gpu;

/// <summary>
/// The device-resident BDF history (<see cref="IResidentParticleHistory"/> on <see cref="IlgpuParticleDiffusionStepper"/>,
/// ILGPU's CPU accelerator): its arithmetic against the host's formulas bit for bit over accepted and rejected attempts,
/// the bytes a step moves (O(M), independent of Nr; single runs and lockstep slots), and whole runs on it equal to the
/// CPU path bit for bit (lockstep sweeps: ResidentLockstepBatchTests, which now run through it).
/// </summary>
public class ResidentHistoryTests(ITestOutputHelper output)
{
    private const double RelativeTolerance = 1e-4, AbsoluteTolerance = 1e-6;

    [Theory]
    [InlineData(6, 5)]
    [InlineData(16, 20)]
    public void AcceptedAndRejectedAttempts_MatchTheHostFormulas_BitForBit(int particles, int shells)
    {
        var layout = Layout(particles, shells);
        var host = new HostAssembledParticleDiffusionStepper(layout, new CpuBatchedTridiagonalSolver());
        using var device = IlgpuParticleDiffusionStepper.CreateCpu(layout);
        var random = new Random(particles + shells);
        int length = particles * shells;
        var table = Table(1);
        host.SetDiffusivity(table, 1.3);
        device.SetDiffusivity(table, 1.3);
        // Host copies of the accepted points, newest first, rotated as BdfHistory does.
        double[][] points = [Random(random, length, 0.5, 0.2), new double[length], new double[length]];
        device.LoadNewest(points[0]);
        double[] contact = Random(random, particles, 0.8, 0.1), surface = new double[particles];
        // (points, a0, a1, predictor weights, accept?): BDF1 start, a two-point step, a rejected three-point attempt, its retry.
        (BdfStepWeights Weights, bool Accept)[] attempts =
        [
            (new BdfStepWeights(1, 1, 0, 0, 0, 0), true),
            (new BdfStepWeights(2, 1, 0, 0.7, 0, 0), true),
            (new BdfStepWeights(3, 1.4, -0.4, 2.1, -1.5, 0.4), false),
            (new BdfStepWeights(3, 1.2, -0.2, 1.6, -0.8, 0.2), true),
            (new BdfStepWeights(3, 1.3, -0.3, 1.8, -1.1, 0.3), true),
        ];
        foreach (var (w, accept) in attempts)
        {
            double[] x0 = points[0], x1 = points[1], x2 = points[2];
            var history = new double[length];
            var predictor = new double[length];
            for (int i = 0; i < length; i++)
            {
                history[i] = w.HistoryPrevious == 0 ? x0[i] : w.HistoryNewest * x0[i] + w.HistoryPrevious * x1[i];
                predictor[i] = w.Points == 1 ? x0[i] : w.Points == 2 ? x0[i] + w.Predictor0 * (x0[i] - x1[i])
                    : w.Predictor0 * x0[i] + w.Predictor1 * x1[i] + w.Predictor2 * x2[i];
            }
            var x = (double[])predictor.Clone();
            device.Prepare(w);
            host.BeginStep(x, history, contact, 20);
            device.BeginPredictedStep(contact, 20);
            for (int k = 0; k < 3; k++)
            {
                double[] current = Random(random, particles, 0, 3), update = Random(random, particles, 0, 0.1);
                host.AssembleAndSolve(current);
                device.AssembleAndSolve(current);
                Assert.Equal(host.SurfaceResponse.ToArray(), device.SurfaceResponse.ToArray());
                Assert.Equal(host.Update(update, RelativeTolerance, AbsoluteTolerance), device.Update(update, RelativeTolerance, AbsoluteTolerance));
            }
            host.EndStep(x);
            device.EndPredictedStep(surface);
            Assert.Equal(x.AsSpan((shells - 1) * particles).ToArray(), surface);
            Assert.Equal(HostErrorNorm(x, predictor, particles), device.ErrorNorm(RelativeTolerance, AbsoluteTolerance));
            // Node means (groups of 2 particles, or 1 when odd) of the predictor and particle means of the iterate.
            int group = particles % 2 == 0 ? 2 : 1;
            double[] particleWeights = group == 2 ? [0.4 * 3, 0.6 * 3] : [3.0];
            Assert.Equal(HostSums(predictor, particleWeights, layout.ShellVolumes, particles), DeviceSums(device, ParticleField.Predictor, particleWeights, layout.ShellVolumes, particles));
            Assert.Equal(HostSums(x, [3.0], layout.ShellVolumes, particles), DeviceSums(device, ParticleField.Iterate, [3.0], layout.ShellVolumes, particles));
            if (!accept) continue;
            device.Accept();
            points = [x, points[0], points[1]];
            Assert.Equal(HostSums(x, [3.0], layout.ShellVolumes, particles), DeviceSums(device, ParticleField.Newest, [3.0], layout.ShellVolumes, particles));
        }
        var newest = new double[length];
        device.DownloadNewest(newest);
        Assert.Equal(points[0], newest);
    }

    [Theory]
    [InlineData(64, 5)]
    [InlineData(64, 20)]
    [InlineData(1000, 20)]
    public void BytesPerAcceptedStepOutsideTheNewtonIterations_AreThreeDoublesPerParticle_IndependentOfShells(int particles, int shells)
    {
        var layout = Layout(particles, shells);
        using var device = IlgpuParticleDiffusionStepper.CreateCpu(layout);
        var random = new Random(3);
        int length = particles * shells;
        double[] contact = Random(random, particles, 0.8, 0.1), current = Random(random, particles, 0, 3), update = new double[particles];
        double[] surface = new double[particles], nodeWeights = [1.2, 1.8], nodeMeans = new double[particles / 2];
        device.SetDiffusivity(Table(1), 1);
        device.LoadNewest(Random(random, length, 0.5, 0.2));
        device.WeightedSums(ParticleField.Newest, nodeWeights, layout.ShellVolumes, nodeMeans); // uploads the weights once
        const int iterations = 3;
        for (int step = 0; step < 3; step++)
        {
            device.Traffic.Reset();
            device.Prepare(new BdfStepWeights(Math.Min(step + 1, 3), 1.2, step == 0 ? 0 : -0.2, 1.5, -0.6, 0.1));
            device.WeightedSums(ParticleField.Predictor, nodeWeights, layout.ShellVolumes, nodeMeans);
            device.BeginPredictedStep(contact, 10);
            for (int k = 0; k < iterations; k++)
            {
                device.AssembleAndSolve(current);
                device.Update(update, RelativeTolerance, AbsoluteTolerance);
            }
            device.EndPredictedStep(surface);
            device.ErrorNorm(RelativeTolerance, AbsoluteTolerance);
            device.Accept();
            long up = device.Traffic.BytesToDevice - iterations * 2L * particles * sizeof(double);
            long down = device.Traffic.BytesToHost - iterations * 4L * particles * sizeof(double);
            // Up: the contact ratios. Down: the outermost shell, the error partials and the node means. No M x Nr copy.
            Assert.Equal((long)particles * sizeof(double), up);
            Assert.Equal((2L * particles + particles / 2) * sizeof(double), down);
        }
    }

    [Theory]
    [InlineData(6)]
    [InlineData(12)]
    public void CellIntegrator_OnTheResidentHistory_MovesOnlyPerParticleVectorsPerStep(int shells)
    {
        var model = new CellModel(TestCells.B65(), new NumericsOptions(6, shells, 2), TestCells.RoomTemperature);
        using var device = IlgpuParticleDiffusionStepper.CreateCpu(CellStepSolver.ParticleLayout(model));
        var integrator = new CellIntegrator(model, device);
        // About 0.1C: a current the pristine cell can carry over every step taken here (at 5 A/m^2, ~5C, the nearly full
        // surfaces cannot deliver it for long, and the plain integrator has no step rejection to fall back on).
        var control = StepControl.Current(1);
        int m = model.Particles;
        double h = 1;
        for (int step = 0; step < 6; step++)
        {
            device.Traffic.Reset();
            int before = integrator.NewtonIterations;
            Assert.True(integrator.TryStep(h, control));
            integrator.AcceptTrial();
            int iterations = integrator.NewtonIterations - before;
            long up = device.Traffic.BytesToDevice - iterations * 2L * m * sizeof(double);
            long down = device.Traffic.BytesToHost - iterations * 4L * m * sizeof(double);
            output.WriteLine($"Nr = {shells}, step {step}: {iterations} iterations, {device.Traffic.BytesToDevice} B up, {device.Traffic.BytesToHost} B down");
            // Up: the contact ratios (the node weights and the diffusivity table went up once, at the first step). Down:
            // the outermost shell, the predictor's node means and the error partials (also at the first step, which has no
            // error estimate: the partials carry the check that every shell stayed within [0, 1]).
            if (step > 0) Assert.Equal((long)m * sizeof(double), up);
            Assert.Equal((2L * m + model.Nodes) * sizeof(double), down);
            h *= 2;
        }
        // The host copy is the device's after synchronising.
        integrator.SynchronizeAccepted();
        var expected = new CellIntegrator(model, new HostAssembledParticleDiffusionStepper(CellStepSolver.ParticleLayout(model), new CpuBatchedTridiagonalSolver()));
        h = 1;
        for (int step = 0; step < 6; step++, h *= 2)
        {
            Assert.True(expected.TryStep(h, control));
            expected.AcceptTrial();
        }
        Assert.Equal(expected.Accepted.Stoichiometry, integrator.Accepted.Stoichiometry);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(40)]
    public void LockstepSlot_BytesPerAcceptedStepOutsideTheNewtonLaunches_AreThreeDoublesPerParticle_IndependentOfShells(int shells)
    {
        const int perSlot = 12, particles = 10;
        using var choice = DeviceSelection.Select("ilgpu-cpu");
        using var batch = choice.CreateLockstepBatch(slots: 2, perSlot, shells)!;
        using var member = batch.Join();
        var layout = Layout(particles, shells);
        var stepper = member.CreateStepper(layout);
        var resident = Assert.IsAssignableFrom<IResidentParticleHistory>(stepper);
        var random = new Random(9);
        double[] contact = Random(random, particles, 0.8, 0.1), current = Random(random, particles, 0, 3), update = new double[particles];
        double[] surface = new double[particles], nodeWeights = [1.2, 1.8], nodeMeans = new double[particles / 2];
        stepper.SetDiffusivity(Table(1), 1);
        resident.LoadNewest(Random(random, particles * shells, 0.5, 0.2));
        resident.WeightedSums(ParticleField.Newest, nodeWeights, layout.ShellVolumes, nodeMeans);
        for (int step = 0; step < 3; step++)
        {
            batch.StepTraffic.Reset();
            resident.Prepare(new BdfStepWeights(Math.Min(step + 1, 3), 1.2, step == 0 ? 0 : -0.2, 1.5, -0.6, 0.1));
            resident.WeightedSums(ParticleField.Predictor, nodeWeights, layout.ShellVolumes, nodeMeans);
            resident.BeginPredictedStep(contact, 10);
            stepper.AssembleAndSolve(current);
            stepper.Update(update, RelativeTolerance, AbsoluteTolerance);
            resident.EndPredictedStep(surface);
            resident.ErrorNorm(RelativeTolerance, AbsoluteTolerance);
            resident.Accept();
            // The launches count separately (LaunchTraffic); the step itself: the contact ratios up; the outermost
            // shell, the error partials and the node means down.
            Assert.Equal((long)particles * sizeof(double), batch.StepTraffic.BytesToDevice);
            Assert.Equal((2L * particles + particles / 2) * sizeof(double), batch.StepTraffic.BytesToHost);
        }
    }

    [Fact]
    public void B65_WithContactLossAndProfiles_ThroughTheResidentHistoryOnIlgpuCpu_EqualsTheCpuPath_BitForBit()
    {
        var contact = new ContactLoss(0.05, 0.3, 0.05, 0.3, 0.008, 0.39, 0.012, 1e-6, 1.0);
        var design = TestCells.B65() with { Degradation = new DegradationModel(null, contact) };
        var setup = TestCells.Setup(design, new NumericsOptions(6, 6, 2)) with { ProfileTimes = [600, 3000, 7000] };
        var (reference, _, referenceState) = new Simulator().RunToState(setup);
        using var choice = DeviceSelection.Select("ilgpu-cpu");
        IlgpuParticleDiffusionStepper? stepper = null;
        var (result, _, state) = new Simulator(layout => stepper = (IlgpuParticleDiffusionStepper)choice.CreateStepper(layout)).RunToState(setup);
        Assert.True(reference.Diagnostics.Completed, reference.Diagnostics.FailureMessage);
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        output.WriteLine($"{result.Diagnostics.AcceptedSteps} accepted steps, {result.Diagnostics.NewtonIterations} Newton iterations, " +
                         $"{stepper!.Traffic.BytesToDevice} B up, {stepper.Traffic.BytesToHost} B down");
        Assert.Equal(reference.Series.Select(p => p.Time), result.Series.Select(p => p.Time));
        Assert.Equal(reference.Series.Select(p => p.Voltage), result.Series.Select(p => p.Voltage));
        Assert.Equal(reference.Profiles.Count, result.Profiles.Count);
        Assert.True(reference.Profiles.Count >= 5);
        for (int i = 0; i < reference.Profiles.Count; i++)
        {
            Assert.Equal(reference.Profiles[i].MeanStoichiometry, result.Profiles[i].MeanStoichiometry);
            Assert.Equal(reference.Profiles[i].SurfaceStoichiometry, result.Profiles[i].SurfaceStoichiometry);
        }
        Assert.Equal(referenceState.Stoichiometry, state.Stoichiometry);
        Assert.Equal(referenceState.ContactRatio, state.ContactRatio);
        Assert.Equal(referenceState.ConnectedFraction, state.ConnectedFraction);
    }

    private static double HostErrorNorm(double[] x, double[] predictor, int particles)
    {
        var partial = new double[particles];
        for (int row = 0; row < x.Length; row += particles)
            for (int p = 0; p < particles; p++)
            {
                double e = (x[row + p] - predictor[row + p]) / (RelativeTolerance * Math.Abs(x[row + p]) + AbsoluteTolerance);
                partial[p] += e * e;
            }
        double sum = 0;
        foreach (double value in partial) sum += value;
        return Math.Sqrt(sum / x.Length);
    }

    private static double[] HostSums(double[] x, double[] particleWeights, double[] shellWeights, int particles)
    {
        int k = particleWeights.Length;
        var sums = new double[particles / k];
        for (int g = 0; g < sums.Length; g++)
        {
            double sum = 0;
            for (int b = 0; b < k; b++)
                for (int s = 0; s < shellWeights.Length; s++) sum += particleWeights[b] * shellWeights[s] * x[s * particles + g * k + b];
            sums[g] = sum;
        }
        return sums;
    }

    private static double[] DeviceSums(IResidentParticleHistory device, ParticleField field, double[] particleWeights, double[] shellWeights, int particles)
    {
        var sums = new double[particles / particleWeights.Length];
        device.WeightedSums(field, particleWeights, shellWeights, sums);
        return sums;
    }
}
