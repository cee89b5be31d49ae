using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Gpu;
using CathodeSim.Numerics.Diffusion;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>
/// `cathodesim bench-solver --mode newton`: one Newton iteration of the particle stepper (AssembleAndSolve then Update)
/// for M particles of Nr shells, timed after a step has begun (the per-step transfers are not in the time), beside the
/// memory-traffic floor of the resident kernels and, on a GPU, of the per-iteration host-link transfers.
/// </summary>
internal static class StepperBenchmark
{
    /// <summary>
    /// Global-memory traffic of the resident kernels per row and particle: assembly reads x and the history and writes
    /// the eliminated super-diagonal and two forward-swept right-hand sides (5); the update reads those three and x and
    /// writes x (5).
    /// </summary>
    private const int KernelDoublesPerRow = 10;

    /// <summary>
    /// Per-particle traffic of the resident kernels: coefficients, contact ratio, current and its update read (5); surface
    /// x, u, w and the norm partial written (4).
    /// </summary>
    private const int KernelDoublesPerSystem = 9;

    /// <summary>Host-link traffic per particle and Newton iteration: current and current update up, surface x, u, w and norm partial down.</summary>
    private const int TransferDoublesPerSystem = 6;

    public static ExitCode Run(CliContext context, DeviceChoice choice, int[] sizes, int shells, int repeats, double deviceBandwidth, double linkBandwidth, bool json)
    {
        var rows = new JsonArray();
        var table = new Table().Title($"one Newton iteration of the particle stepper, Nr = {shells}, {choice.Description}");
        foreach (var h in new[] { "M", "median iteration (ms)", "systems/s", "kernel floor (ms)", "transfer floor (ms)", "floor / time" }) table.AddColumn(h);
        var diffusivity = Diffusivity();
        foreach (int m in sizes)
        {
            var layout = Layout(m, shells);
            var stepper = choice.CreateStepper(layout);
            try
            {
                var random = new Random(42);
                var x = new double[m * shells];
                var history = new double[m * shells];
                for (int i = 0; i < x.Length; i++)
                {
                    x[i] = 0.3 + 0.4 * random.NextDouble();
                    history[i] = x[i] + 1e-3 * (random.NextDouble() - 0.5);
                }
                var contact = new double[m];
                var current = new double[m];
                var update = new double[m]; // zero current updates keep the state bounded over the repeats
                for (int p = 0; p < m; p++)
                {
                    contact[p] = 0.8 + 0.2 * random.NextDouble();
                    current[p] = 2 * (random.NextDouble() - 0.5);
                }
                stepper.SetDiffusivity(diffusivity, 1);
                stepper.BeginStep(x, history, contact, 30);
                var times = new List<double>();
                for (int r = 0; r <= repeats; r++)
                {
                    var clock = Stopwatch.StartNew();
                    stepper.AssembleAndSolve(current);
                    double norm = stepper.Update(update, 1e-4, 1e-6);
                    double seconds = clock.Elapsed.TotalSeconds;
                    if (!double.IsFinite(norm)) throw new InvalidOperationException("the benchmark iteration produced a non-finite update");
                    if (r > 0) times.Add(seconds); // the first iteration warms up (JIT, kernel compilation)
                }
                stepper.EndStep(x);
                times.Sort();
                double median = times[times.Count / 2];
                double kernelFloor = ((double)m * shells * KernelDoublesPerRow + (double)m * KernelDoublesPerSystem) * 8 / deviceBandwidth;
                double transferFloor = choice.IsGpu ? (double)m * TransferDoublesPerSystem * 8 / linkBandwidth : 0;
                double floor = kernelFloor + transferFloor;
                rows.Add(new JsonObject
                {
                    ["systems"] = m, ["shells"] = shells, ["stepper"] = stepper.Name, ["median_iteration_s"] = median, ["systems_per_second"] = m / median,
                    ["kernel_floor_s"] = kernelFloor, ["transfer_floor_s"] = transferFloor, ["floor_fraction"] = floor / median,
                });
                table.AddRow(m.ToString(CultureInfo.InvariantCulture), (median * 1e3).ToString("F3", CultureInfo.InvariantCulture),
                    (m / median).ToString("E3", CultureInfo.InvariantCulture), (kernelFloor * 1e3).ToString("F3", CultureInfo.InvariantCulture),
                    (transferFloor * 1e3).ToString("F3", CultureInfo.InvariantCulture), (floor / median).ToString("P0", CultureInfo.InvariantCulture));
            }
            finally
            {
                (stepper as IDisposable)?.Dispose();
            }
        }
        if (json)
            context.Out.WriteLine(new JsonObject
            {
                ["device"] = choice.Description, ["mode"] = "newton", ["device_bandwidth_GB_per_s"] = deviceBandwidth / 1e9, ["link_bandwidth_GB_per_s"] = linkBandwidth / 1e9,
                ["kernel_bytes_per_row"] = KernelDoublesPerRow * 8, ["kernel_bytes_per_system"] = KernelDoublesPerSystem * 8,
                ["transfer_bytes_per_system"] = TransferDoublesPerSystem * 8, ["results"] = rows,
            }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        else context.Human.Write(table);
        return ExitCode.Success;
    }

    /// <summary>Equal-thickness shells and radii from 1 to 10 um, as in the cell model.</summary>
    private static ParticleDiffusionLayout Layout(int particles, int shells)
    {
        double dr = 1.0 / shells;
        var volumes = new double[shells];
        var faces = new double[shells + 1];
        for (int s = 0; s < shells; s++)
        {
            double inner = s * dr, outer = (s + 1) * dr;
            volumes[s] = (outer * outer * outer - inner * inner * inner) / 3.0;
        }
        for (int f = 0; f <= shells; f++) faces[f] = f * dr * f * dr;
        var inverse = new double[particles];
        var flux = new double[particles];
        for (int p = 0; p < particles; p++)
        {
            double radius = 1e-6 * (1 + 9.0 * (p % 97) / 96);
            inverse[p] = 1 / (radius * radius * dr);
            flux[p] = 0.9 / (96485.33212 * 49000 * radius);
        }
        return new ParticleDiffusionLayout(volumes, faces, inverse, flux);
    }

    /// <summary>A 4001-point table like the engine's (D falling two decades towards full lithiation).</summary>
    private static UniformLinearTable Diffusivity()
    {
        const int points = 4001;
        var values = new double[points];
        var slopes = new double[points - 1];
        for (int i = 0; i < points; i++) values[i] = 1e-14 * Math.Pow(10, -2.0 * i / (points - 1));
        for (int i = 0; i < points - 1; i++) slopes[i] = (values[i + 1] - values[i]) * (points - 1);
        return new UniformLinearTable(values, slopes);
    }
}
