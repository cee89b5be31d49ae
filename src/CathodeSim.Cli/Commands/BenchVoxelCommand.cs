using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Gpu;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>
/// `cathodesim bench-voxel`: throughput of the voxel conductivity solve (voxels per second) on a device, beside the
/// memory-bandwidth floor of its iterations. A shell over <see cref="VoxelTransportBenchmark"/>; part of the CLI so that a
/// GPU machine without .NET needs only the self-contained build (tests/gpu/run-on-device.sh).
/// </summary>
internal static class BenchVoxelCommand
{
    public static Command Create(CliContext context)
    {
        var device = CommonOptions.Device();
        device.Description = "Where the voxel solve runs: cpu (plain C#, all cores), gpu (CUDA through ILGPU), auto, ilgpu-cpu (the GPU kernels on ILGPU's CPU accelerator, a check, slow).";
        var json = CommonOptions.Json();
        var edges = new Option<string>("--edges") { Description = "Cube edges in voxels, comma-separated (one random structure each).", DefaultValueFactory = _ => "64,128,256", HelpName = "N,N,..." };
        var bandwidth = new Option<double?>("--bandwidth")
        {
            Description = "Memory bandwidth for the floor, GB/s. Default: measured (a parallel host copy) on the CPU, 3350 (H100 SXM) on a GPU.",
            HelpName = "GB/S",
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the random structures (the same seed gives the same structures on every device).", DefaultValueFactory = _ => 1 };
        var command = new Command("bench-voxel", $"""
            Time the voxel effective-conductivity solve (multigrid-preconditioned conjugate gradients to a 1e-6 relative
            residual) on random cubes of overlapping spheres (radius {VoxelTransportBenchmark.SphereRadiusVoxels:G} voxels, {VoxelTransportBenchmark.ConductingFraction:P0} conducting, periodic
            in-plane) and set each iteration's time beside the memory-bandwidth floor of the bytes it must move. The
            effective conductivity is printed too: the same --seed gives the same structure, so devices can be compared.

            Example:
              cathodesim bench-voxel --device gpu --edges 64,128,256 --json
            """)
        {
            device, json, edges, bandwidth, seed,
        };
        command.SetAction(parse =>
        {
            int[] sizes;
            try
            {
                sizes = ParseEdges(parse.GetValue(edges)!);
                if (parse.GetValue(bandwidth) is double b && !(b > 0)) throw new FormatException($"--bandwidth: expected a positive bandwidth in GB/s, got {b.ToString(CultureInfo.InvariantCulture)}");
            }
            catch (FormatException e)
            {
                context.Error.WriteLine($"error: {e.Message}");
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
                return (int)Run(context, choice, sizes, parse.GetValue(bandwidth) * 1e9, parse.GetValue(seed), parse.GetValue(json));
        });
        return command;
    }

    /// <summary>"64,128,256" as edges of at least 8 voxels.</summary>
    /// <exception cref="FormatException">Naming --edges and the bad item.</exception>
    internal static int[] ParseEdges(string text)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0) throw new FormatException($"--edges: expected cube edges in voxels such as 64,128,256, got '{text}'");
        return items.Select(t =>
            // Below 8 voxels the radius-6 spheres are larger than the box and the multigrid has a single level.
            int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n is >= 8 and <= 1024
                ? n
                : throw new FormatException($"--edges: '{t}' is not an edge of 8 to 1024 voxels")).ToArray();
    }

    private static ExitCode Run(CliContext context, DeviceChoice choice, int[] edges, double? bandwidth, int seed, bool json)
    {
        var log = context.Progress.Profile.Out.Writer; // plain lines: one line each in a job log too
        log.WriteLine($"bench-voxel on {choice.BackEnd}: edges {string.Join(", ", edges)}{(bandwidth is null && !choice.IsGpu ? " (measuring the host copy bandwidth first)" : "")}");
        var rows = new List<VoxelTransportBenchmarkRow>();
        // The choice describes its particle solvers; the voxel solver is named by its back end.
        string deviceName = choice.BackEnd, source = "";
        double used = 0;
        try
        {
            // One edge per call so that each size's result is reported as it comes (the 256^3 solve takes a minute on two cores).
            foreach (int edge in edges)
            {
                var report = VoxelTransportBenchmark.Run(choice, [edge], bandwidth, seed, context.Cancellation);
                var row = report.Rows[0];
                bandwidth ??= report.BandwidthBytesPerSecond;
                used = report.BandwidthBytesPerSecond;
                source = report.BandwidthSource;
                rows.Add(row);
                log.WriteLine($"{edge}^3: {row.Seconds:F2} s, {row.Iterations} iterations, {row.VoxelsPerSecond:E3} voxels/s");
            }
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("cancelled.");
            return ExitCode.Cancelled;
        }

        if (json)
        {
            var array = new JsonArray();
            foreach (var r in rows)
                array.Add(new JsonObject
                {
                    ["edge"] = r.Edge, ["voxels"] = r.Voxels, ["unknowns"] = r.Unknowns, ["levels"] = r.Levels, ["iterations"] = r.Iterations,
                    ["converged"] = r.Converged, ["effective_conductivity_S_per_m"] = r.EffectiveConductivity, ["tortuosity_factor"] = r.TortuosityFactor is double t && double.IsFinite(t) ? t : null,
                    ["solve_s"] = r.Seconds, ["setup_s"] = r.SetupSeconds, ["voxels_per_second"] = r.VoxelsPerSecond,
                    ["bytes_per_iteration"] = r.BytesPerIteration, ["floor_s_per_iteration"] = r.FloorSecondsPerIteration,
                    ["s_per_iteration"] = r.SecondsPerIteration, ["floor_fraction"] = r.SecondsPerIteration > 0 ? r.FloorSecondsPerIteration / r.SecondsPerIteration : null,
                });
            context.Out.WriteLine(new JsonObject
            {
                ["device"] = deviceName, ["bandwidth_GB_per_s"] = used / 1e9, ["bandwidth_source"] = source, ["seed"] = seed,
                ["sphere_radius_voxels"] = VoxelTransportBenchmark.SphereRadiusVoxels, ["conducting_fraction"] = VoxelTransportBenchmark.ConductingFraction,
                ["results"] = array,
            }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ExitCode.Success;
        }
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Title(Markup.Escape($"voxel conductivity solve, {deviceName}; floor at {used / 1e9:F1} GB/s ({source})"));
        foreach (var h in new[] { "edge", "voxels", "unknowns", "levels", "iterations", "solve (s)", "setup (s)", "voxels/s", "s / iteration", "floor s / iteration", "floor / time", "sigma_eff (S/m)" })
            table.AddColumn(new TableColumn(h).RightAligned());
        foreach (var r in rows)
            table.AddRow(r.Edge.ToString(inv), r.Voxels.ToString("N0", inv), r.Unknowns.ToString("N0", inv), r.Levels.ToString(inv),
                r.Iterations.ToString(inv) + (r.Converged ? "" : " (not converged)"), r.Seconds.ToString("F3", inv), r.SetupSeconds.ToString("F3", inv),
                r.VoxelsPerSecond.ToString("E3", inv), r.SecondsPerIteration.ToString("F4", inv), r.FloorSecondsPerIteration.ToString("F4", inv),
                r.SecondsPerIteration > 0 ? (r.FloorSecondsPerIteration / r.SecondsPerIteration).ToString("P0", inv) : "-", r.EffectiveConductivity.ToString("G6", inv));
        context.Human.Write(table);
        return ExitCode.Success;
    }
}
