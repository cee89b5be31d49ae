using System.Diagnostics;
using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Gpu;

/// <summary>One structure size of a <see cref="VoxelTransportBenchmark"/> run.</summary>
/// <param name="Edge">Voxels along each edge of the cube.</param>
/// <param name="Voxels">Edge cubed.</param>
/// <param name="Unknowns">Potentials solved for (the spanning conducting voxels).</param>
/// <param name="Levels">Multigrid levels, the finest included.</param>
/// <param name="Iterations">Conjugate-gradient iterations to the 1e-6 relative residual.</param>
/// <param name="Converged">Whether the tolerance was met.</param>
/// <param name="EffectiveConductivity">Effective conductivity of the sphere phase (conductivity 1 S/m), S/m.</param>
/// <param name="TortuosityFactor">Its tortuosity factor.</param>
/// <param name="Seconds">Wall time of the whole solve, setup included, s.</param>
/// <param name="SetupSeconds">Wall time of the host setup alone (flood fill, assembly, coarsening), timed separately, s.</param>
/// <param name="VoxelsPerSecond">Voxels over <paramref name="Seconds"/>.</param>
/// <param name="BytesPerIteration">Memory traffic one iteration must move (counted per array access, gathers assumed cached), bytes.</param>
/// <param name="FloorSecondsPerIteration">BytesPerIteration at the bandwidth used, s.</param>
/// <param name="SecondsPerIteration">(Seconds - SetupSeconds) / Iterations, s.</param>
public sealed record VoxelTransportBenchmarkRow(int Edge, long Voxels, int Unknowns, int Levels, int Iterations, bool Converged,
    double EffectiveConductivity, double? TortuosityFactor, double Seconds, double SetupSeconds, double VoxelsPerSecond,
    double BytesPerIteration, double FloorSecondsPerIteration, double SecondsPerIteration);

/// <summary>A <see cref="VoxelTransportBenchmark"/> run.</summary>
/// <param name="Device">The device's description.</param>
/// <param name="BandwidthBytesPerSecond">Memory bandwidth the floors use, bytes/s.</param>
/// <param name="BandwidthSource">Where that bandwidth came from (measured host copy, or given).</param>
/// <param name="Rows">One row per size.</param>
public sealed record VoxelTransportBenchmarkReport(string Device, double BandwidthBytesPerSecond, string BandwidthSource,
    IReadOnlyList<VoxelTransportBenchmarkRow> Rows);

/// <summary>
/// Times the voxel effective-conductivity solve on random two-phase cubes (overlapping spheres of radius 6 voxels
/// filling 50 % of the box, conductivity 1 S/m, in an insulating matrix; periodic in-plane; tolerance 1e-6) and sets each
/// iteration's time beside the memory-bandwidth floor of the bytes it must move. The entry point for a command-line
/// benchmark: <c>VoxelTransportBenchmark.Run(DeviceSelection.Select("gpu"), [64, 128, 256])</c>.
/// </summary>
public static class VoxelTransportBenchmark
{
    /// <summary>Sphere radius of the benchmark structures, voxels.</summary>
    public const double SphereRadiusVoxels = 6;

    /// <summary>Volume share of the conducting spheres.</summary>
    public const double ConductingFraction = 0.5;

    /// <summary>
    /// Solves one random structure per edge length on <paramref name="device"/>. The floor uses
    /// <paramref name="bandwidthBytesPerSecond"/> when given; else, on the CPU, a measured parallel copy of two 256 MiB
    /// arrays (<see cref="MeasureHostCopyBandwidth"/>), and on a GPU 3.35e12 B/s (H100 SXM HBM3, the vendor's figure).
    /// </summary>
    public static VoxelTransportBenchmarkReport Run(DeviceChoice device, IReadOnlyList<int> edges, double? bandwidthBytesPerSecond = null,
        int seed = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(edges);
        string source;
        double bandwidth;
        if (bandwidthBytesPerSecond is double given)
        {
            bandwidth = given;
            source = "given";
        }
        else if (device.IsGpu)
        {
            bandwidth = 3.35e12;
            source = "stated: H100 SXM HBM3 3.35 TB/s";
        }
        else
        {
            bandwidth = MeasureHostCopyBandwidth();
            source = "measured: parallel copy of 256 MiB, best of 5 (read + write bytes)";
        }
        var solver = device.CreateVoxelConductivitySolver();
        try
        {
            var rows = new List<VoxelTransportBenchmarkRow>();
            foreach (int edge in edges)
            {
                var grid = BenchmarkStructures.OverlappingSpheres(edge, ConductingFraction, SphereRadiusVoxels, seed);
                double[] sigma = [0, 1];
                var options = VoxelTransportOptions.Default;
                var setupClock = Stopwatch.StartNew();
                var problem = VoxelTransportProblem.Create(grid, sigma, options);
                var hierarchy = AggregationHierarchy.Build(problem.Fine);
                double setup = setupClock.Elapsed.TotalSeconds;
                double bytes = BytesPerIteration(hierarchy, MultigridSettings.Default);
                int levels = hierarchy.Levels.Count;
                problem = null;
                hierarchy = null;
                GC.Collect(); // the solve builds its own; do not carry this copy's gigabyte into it
                var result = solver.Solve(grid, sigma, options, cancellationToken);
                double seconds = result.WallTime.TotalSeconds;
                rows.Add(new VoxelTransportBenchmarkRow(edge, grid.Count, result.Unknowns, levels, result.Iterations,
                    result.Converged, result.EffectiveConductivity, result.TortuosityFactor, seconds, setup, grid.Count / seconds, bytes,
                    bytes / bandwidth, result.Iterations > 0 ? Math.Max(seconds - setup, 0) / result.Iterations : 0));
            }
            return new VoxelTransportBenchmarkReport(device.Description, bandwidth, source, rows);
        }
        finally
        {
            (solver as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// Bytes one PCG iteration moves, counting every array element each pass reads or writes once (neighbour gathers
    /// assumed to hit cache): on the finest level the matvec with its dot product (72 B per unknown: six int neighbours,
    /// six float conductances, diagonal, p, q), the solution/residual update (48), r . z (16) and the new direction (24);
    /// per cycle visit of a non-coarsest level the first smoothing (24 from zero, 112 from a previous visit: residual 80,
    /// update 32), the fused residual restriction (76), the prolongation (20) and the post-smoothing (112 per sweep);
    /// and the coarsest dense factor twice (forward and back substitution).
    /// </summary>
    internal static double BytesPerIteration(AggregationHierarchy hierarchy, MultigridSettings settings)
    {
        var levels = hierarchy.Levels;
        double bytes = 160.0 * levels[0].Count;
        double visits = 1;
        for (int l = 0; l < levels.Count - 1; l++)
        {
            double n = levels[l].Count;
            double first = 24 + 112.0 * (settings.Sweeps - 1) + 76 + 20 + 112.0 * settings.Sweeps;
            double later = 112.0 * settings.Sweeps + 76 + 20 + 112.0 * settings.Sweeps;
            // Each visit of level l comes from one visit of level l - 1; the first of its CoarseVisits starts from zero.
            double firstVisits = l == 0 ? 1 : visits / settings.CoarseVisits;
            bytes += n * (firstVisits * first + (visits - firstVisits) * later);
            visits *= settings.CoarseVisits;
        }
        double coarsest = levels[^1].Count;
        bytes += visits * 2 * 8 * coarsest * coarsest;
        return bytes;
    }

    /// <summary>A STREAM-like copy: the best of five parallel copies of a 256 MiB double array, as (read + write) bytes per second.</summary>
    public static double MeasureHostCopyBandwidth()
    {
        const int length = 32 * 1024 * 1024;
        var source = new double[length];
        var target = new double[length];
        Array.Fill(source, 1.0);
        Array.Fill(target, 0.0);
        const int chunk = 1 << 20;
        double best = double.MaxValue;
        for (int repeat = 0; repeat < 5; repeat++)
        {
            var clock = Stopwatch.StartNew();
            Parallel.For(0, length / chunk, c => Array.Copy(source, c * chunk, target, c * chunk, chunk));
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return 2.0 * 8 * length / best;
    }
}
