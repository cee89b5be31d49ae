using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Gpu;
using CathodeSim.Numerics.Diffusion;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>
/// `cathodesim bench-solver`: throughput of the batched particle solver (systems per second) on a device, beside the
/// memory-bandwidth floor of the same work; with <c>--mode newton</c>, of one Newton iteration of the particle stepper
/// (assembly, solve and update; on an ILGPU device the device-resident stepper). Part of the CLI so that a GPU machine
/// without .NET needs only the self-contained build (tests/gpu/run-on-device.sh).
/// </summary>
internal static class BenchSolverCommand
{
    /// <summary>Array traffic of one Thomas solve per system and row, two right-hand sides: forward sweep reads a, b, c, d0, d1 and writes c', d0', d1'; backward sweep reads c', d0', d1' and writes d0, d1.</summary>
    private const int KernelDoublesPerRow = 13;

    /// <summary>Host-device transfer per system and row: five arrays up, two right-hand sides down.</summary>
    private const int TransferDoublesPerRow = 7;

    public static Command Create(CliContext context)
    {
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var systems = new Option<string>("--systems") { Description = "Batch sizes M, comma-separated.", DefaultValueFactory = _ => "1000,10000,100000,1000000" };
        var shells = new Option<int>("--shells") { Description = "Rows per system (radial shells).", DefaultValueFactory = _ => 20 };
        var repeats = new Option<int>("--repeats") { Description = "Timed solves per size (the median is reported).", DefaultValueFactory = _ => 11 };
        var deviceBandwidth = new Option<double>("--device-bandwidth") { Description = "Memory bandwidth for the kernel floor, GB/s (H100 SXM: 3350).", DefaultValueFactory = _ => 3350 };
        var linkBandwidth = new Option<double>("--link-bandwidth") { Description = "Host-device bandwidth for the transfer floor, GB/s (PCIe 5 x16: about 50).", DefaultValueFactory = _ => 50 };
        var mode = new Option<string>("--mode") { Description = "solve: the batched tridiagonal solve alone; newton: one Newton iteration of the particle stepper.", DefaultValueFactory = _ => "solve" };
        mode.AcceptOnlyFromAmong("solve", "newton");
        var command = new Command("bench-solver", """
            Time the batched tridiagonal particle solve (two right-hand sides, as in the engine) for batches of M systems,
            and compare with the memory-bandwidth floor of the same work. With --mode newton, time one Newton iteration of
            the particle stepper instead (assembly + solve + update; device-resident on gpu/ilgpu-cpu, per-particle
            vectors only across the host link).

            Example:
              cathodesim bench-solver --device gpu --systems 1000,1000000,10000000 --json
              cathodesim bench-solver --device gpu --mode newton --systems 1000,10000,100000,1000000
            """)
        {
            device, json, systems, shells, repeats, deviceBandwidth, linkBandwidth, mode,
        };
        command.SetAction(parse =>
        {
            int[] sizes;
            try
            {
                sizes = parse.GetValue(systems)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(t => (int)double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
                if (sizes.Length == 0 || sizes.Any(m => m < 1)) throw new FormatException("expected positive sizes");
                if (parse.GetValue(shells) < 2 || parse.GetValue(repeats) < 1) throw new FormatException("--shells must be >= 2 and --repeats >= 1");
            }
            catch (FormatException e)
            {
                context.Error.WriteLine($"error: --systems/--shells/--repeats: {e.Message}");
                return (int)ExitCode.BadInput;
            }
            DeviceChoice choice;
            try { choice = DeviceSelection.Select(parse.GetValue(device)!); }
            catch (Exception e) when (e is DeviceUnavailableException or ArgumentException)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return (int)ExitCode.BadInput;
            }
            using (choice)
                return parse.GetValue(mode) == "newton"
                    ? (int)StepperBenchmark.Run(context, choice, sizes, parse.GetValue(shells), parse.GetValue(repeats), parse.GetValue(deviceBandwidth) * 1e9,
                        parse.GetValue(linkBandwidth) * 1e9, parse.GetValue(json))
                    : (int)Run(context, choice, sizes, parse.GetValue(shells), parse.GetValue(repeats), parse.GetValue(deviceBandwidth) * 1e9,
                    parse.GetValue(linkBandwidth) * 1e9, parse.GetValue(json));
        });
        return command;
    }

    private static ExitCode Run(CliContext context, DeviceChoice choice, int[] sizes, int shells, int repeats, double deviceBandwidth, double linkBandwidth, bool json)
    {
        var solver = choice.CreateSolver();
        var rows = new JsonArray();
        var table = new Table().Title($"batched solve, Nr = {shells}, {choice.Description}");
        foreach (var h in new[] { "M", "median solve (ms)", "systems/s", "kernel floor (ms)", "transfer floor (ms)", "floor / time" }) table.AddColumn(h);
        foreach (int m in sizes)
        {
            var batch = new BatchedTridiagonalSystems(m, shells, 2);
            var random = new Random(42);
            var pristine = new double[5][];
            double[][] arrays = [batch.Lower, batch.Diagonal, batch.Upper, batch.Rhs[0], batch.Rhs[1]];
            for (int a = 0; a < 5; a++)
            {
                pristine[a] = new double[m * shells];
                for (int i = 0; i < pristine[a].Length; i++) pristine[a][i] = a == 1 ? 4 + random.NextDouble() : random.NextDouble() - 0.5;
            }
            var times = new List<double>();
            for (int r = 0; r <= repeats; r++)
            {
                for (int a = 0; a < 5; a++) Array.Copy(pristine[a], arrays[a], pristine[a].Length);
                var clock = Stopwatch.StartNew();
                solver.Solve(batch);
                double seconds = clock.Elapsed.TotalSeconds;
                if (r > 0) times.Add(seconds); // the first solve warms up (JIT, kernel compilation, buffer growth)
            }
            times.Sort();
            double median = times[times.Count / 2];
            double cells = (double)m * shells;
            double kernelFloor = cells * KernelDoublesPerRow * 8 / deviceBandwidth;
            double transferFloor = choice.IsGpu ? cells * TransferDoublesPerRow * 8 / linkBandwidth : 0;
            double floor = kernelFloor + transferFloor;
            rows.Add(new JsonObject
            {
                ["systems"] = m, ["shells"] = shells, ["median_solve_s"] = median, ["systems_per_second"] = m / median,
                ["kernel_floor_s"] = kernelFloor, ["transfer_floor_s"] = transferFloor, ["floor_fraction"] = floor / median,
            });
            table.AddRow(m.ToString(CultureInfo.InvariantCulture), (median * 1e3).ToString("F3", CultureInfo.InvariantCulture),
                (m / median).ToString("E3", CultureInfo.InvariantCulture), (kernelFloor * 1e3).ToString("F3", CultureInfo.InvariantCulture),
                (transferFloor * 1e3).ToString("F3", CultureInfo.InvariantCulture), (floor / median).ToString("P0", CultureInfo.InvariantCulture));
        }
        (solver as IDisposable)?.Dispose();
        if (json)
            context.Out.WriteLine(new JsonObject
            {
                ["device"] = choice.Description, ["device_bandwidth_GB_per_s"] = deviceBandwidth / 1e9, ["link_bandwidth_GB_per_s"] = linkBandwidth / 1e9,
                ["kernel_bytes_per_row"] = KernelDoublesPerRow * 8, ["transfer_bytes_per_row"] = TransferDoublesPerRow * 8, ["results"] = rows,
            }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        else context.Human.Write(table);
        return ExitCode.Success;
    }
}
