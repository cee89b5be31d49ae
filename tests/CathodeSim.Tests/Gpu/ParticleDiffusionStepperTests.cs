using CathodeSim.Gpu;
using CathodeSim.Numerics.Diffusion;

namespace CathodeSim.Tests.Gpu;

/// <summary>
/// The particle stepper contract: the device-resident ILGPU stepper (on ILGPU's CPU accelerator) against the
/// host-assembled C# stepper, over several steps with a diffusivity factor change (a temperature change) and a new
/// table, and the bytes it moves across the host link per Newton iteration and per step.
/// </summary>
public class ParticleDiffusionStepperTests
{
    private const double RelativeTolerance = 1e-4, AbsoluteTolerance = 1e-6;

    /// <summary>A layout like the cell's: equal-thickness shells of the unit sphere, radii spread over a decade.</summary>
    internal static ParticleDiffusionLayout Layout(int particles, int shells)
    {
        double dr = 1.0 / shells;
        var volumes = new double[shells];
        var faces = new double[shells + 1];
        for (int s = 0; s < shells; s++) volumes[s] = (Math.Pow((s + 1) * dr, 3) - Math.Pow(s * dr, 3)) / 3;
        for (int f = 0; f <= shells; f++) faces[f] = f * dr * f * dr;
        var inverse = new double[particles];
        var flux = new double[particles];
        for (int p = 0; p < particles; p++)
        {
            double radius = 1e-6 * (1 + 9.0 * p / Math.Max(1, particles - 1));
            inverse[p] = 1 / (radius * radius * dr);
            flux[p] = 0.9 / (96485.33212 * 49000 * radius);
        }
        return new ParticleDiffusionLayout(volumes, faces, inverse, flux);
    }

    /// <summary>D(x) sampled like DiffusivityLookup: a law falling by two decades towards full lithiation.</summary>
    internal static UniformLinearTable Table(double scale, int points = 401)
    {
        var values = new double[points];
        var slopes = new double[points - 1];
        for (int i = 0; i < points; i++) values[i] = scale * 1e-14 * Math.Pow(10, -2.0 * i / (points - 1)) * (1 + 0.3 * Math.Sin(7.0 * i / (points - 1)));
        for (int i = 0; i < points - 1; i++) slopes[i] = (values[i + 1] - values[i]) * (points - 1);
        return new UniformLinearTable(values, slopes);
    }

    internal static double[] Random(Random random, int length, double centre, double spread)
    {
        var values = new double[length];
        for (int i = 0; i < length; i++) values[i] = centre + spread * (2 * random.NextDouble() - 1);
        return values;
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(7, 12)]
    [InlineData(16, 20)]
    public void ResidentStepperOnIlgpuCpu_OverStepsAndATemperatureChange_MatchesHostAssembledStepper_BitForBit(int particles, int shells)
    {
        var layout = Layout(particles, shells);
        var host = new HostAssembledParticleDiffusionStepper(layout, new CpuBatchedTridiagonalSolver());
        using var device = IlgpuParticleDiffusionStepper.CreateCpu(layout);
        var random = new Random(particles * 100 + shells);
        int length = particles * shells;
        double[] xHost = Random(random, length, 0.5, 0.4), xDevice = (double[])xHost.Clone();
        var table = Table(1);
        // Steps 0-1 at the reference temperature, 2 at another Arrhenius factor (same samples), 3 with a new table.
        (UniformLinearTable Table, double Factor)[] diffusivities = [(table, 1), (table, 1), (table, 3.7), (Table(0.5), 1.2)];
        foreach (var (stepTable, factor) in diffusivities)
        {
            double[] history = Random(random, length, 0.5, 0.4);
            double[] contact = Random(random, particles, 0.8, 0.2);
            double hBeta = 10 + 50 * random.NextDouble();
            host.SetDiffusivity(stepTable, factor);
            device.SetDiffusivity(stepTable, factor);
            host.BeginStep(xHost, history, contact, hBeta);
            device.BeginStep(xDevice, history, contact, hBeta);
            for (int iteration = 0; iteration < 3; iteration++)
            {
                double[] current = Random(random, particles, 0, 20);
                host.AssembleAndSolve(current);
                device.AssembleAndSolve(current);
                Assert.Equal(host.SurfaceShell.ToArray(), device.SurfaceShell.ToArray());
                Assert.Equal(host.SurfaceResponse.ToArray(), device.SurfaceResponse.ToArray());
                Assert.Equal(host.SurfaceSensitivity.ToArray(), device.SurfaceSensitivity.ToArray());
                double[] update = Random(random, particles, 0, 1);
                double hostNorm = host.Update(update, RelativeTolerance, AbsoluteTolerance);
                double deviceNorm = device.Update(update, RelativeTolerance, AbsoluteTolerance);
                Assert.True(hostNorm > 0 && double.IsFinite(hostNorm));
                Assert.Equal(hostNorm, deviceNorm);
            }
            host.EndStep(xHost);
            device.EndStep(xDevice);
            Assert.Equal(xHost, xDevice);
        }
    }

    [Fact]
    public void HostAssembledStepper_SolvesTheAssembledSystem_ResidualVanishesAtTheUpdate()
    {
        // One particle, linear diffusion (constant D): after one Newton update with di = 0 the step's residual
        // v (x - history) - hBeta (div flux) + surface flux must be zero to round-off.
        const int shells = 6;
        var layout = Layout(1, shells);
        var values = new double[] { 2e-14, 2e-14, 2e-14 };
        var table = new UniformLinearTable(values, [0, 0]);
        var stepper = new HostAssembledParticleDiffusionStepper(layout, new CpuBatchedTridiagonalSolver());
        var random = new Random(3);
        double[] x = Random(random, shells, 0.5, 0.3), history = Random(random, shells, 0.5, 0.3);
        double hBeta = 20, current = 5;
        stepper.SetDiffusivity(table, 1);
        stepper.BeginStep(x, history, [1.0], hBeta);
        stepper.AssembleAndSolve([current]);
        stepper.Update([0.0], RelativeTolerance, AbsoluteTolerance);
        stepper.EndStep(x);
        double g = hBeta * 2e-14 * layout.InverseRadiusSquaredSpacing[0];
        for (int s = 0; s < shells; s++)
        {
            double residual = layout.ShellVolumes[s] * (x[s] - history[s]);
            if (s > 0) residual += g * layout.FaceAreas[s] * (x[s] - x[s - 1]);
            if (s < shells - 1) residual -= g * layout.FaceAreas[s + 1] * (x[s + 1] - x[s]);
            else residual += hBeta * layout.SurfaceFluxCoefficient[0] * current;
            Assert.True(Math.Abs(residual) < 1e-14, $"shell {s}: residual {residual}");
        }
    }

    [Theory]
    [InlineData(64, 5)]
    [InlineData(64, 20)]
    [InlineData(1000, 20)]
    public void ResidentStepper_HostLinkBytesPerNewtonIteration_AreSixDoublesPerParticle_IndependentOfShells(int particles, int shells)
    {
        var layout = Layout(particles, shells);
        using var device = IlgpuParticleDiffusionStepper.CreateCpu(layout);
        var random = new Random(5);
        int length = particles * shells;
        double[] x = Random(random, length, 0.5, 0.3), history = Random(random, length, 0.5, 0.3);
        double[] contact = Random(random, particles, 0.8, 0.1), current = Random(random, particles, 0, 5), update = new double[particles];
        device.SetDiffusivity(Table(1), 1);

        device.Traffic.Reset();
        device.BeginStep(x, history, contact, 30);
        var begin = (device.Traffic.BytesToDevice, device.Traffic.BytesToHost);
        const int iterations = 4;
        device.Traffic.Reset();
        for (int k = 0; k < iterations; k++)
        {
            device.AssembleAndSolve(current);
            device.Update(update, RelativeTolerance, AbsoluteTolerance);
        }
        var perIteration = (ToDevice: device.Traffic.BytesToDevice / iterations, ToHost: device.Traffic.BytesToHost / iterations);
        device.Traffic.Reset();
        device.EndStep(x);
        long end = device.Traffic.BytesToHost;

        // Per iteration: up the currents and their updates, down the surface x, u, w and the norm partials.
        Assert.Equal(2L * particles * sizeof(double), perIteration.ToDevice);
        Assert.Equal(4L * particles * sizeof(double), perIteration.ToHost);
        // Per step: x and the history up (with the contact ratios), x down: the only M x Nr transfers.
        Assert.Equal((2L * length + particles) * sizeof(double), begin.BytesToDevice);
        Assert.Equal(0, begin.BytesToHost);
        Assert.Equal((long)length * sizeof(double), end);
    }

    [Fact]
    public void ResidentStepper_NewTableIsUploadedOnce_ATemperatureChangeOnlyChangesTheFactor()
    {
        var layout = Layout(4, 5);
        using var device = IlgpuParticleDiffusionStepper.CreateCpu(layout);
        var table = Table(1);
        device.Traffic.Reset();
        device.SetDiffusivity(table, 1);
        long first = device.Traffic.BytesToDevice;
        device.SetDiffusivity(table, 2.5);
        Assert.Equal((table.Values.Length + table.Slopes.Length) * sizeof(double), first);
        Assert.Equal(first, device.Traffic.BytesToDevice);
    }
}
