using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CathodeSim.Gpu;
using CathodeSim.Numerics.Diffusion;

namespace CathodeSim.Benchmarks;

/// <summary>
/// The batched tridiagonal solve alone (the particle solves of Newton iterations), M systems of Nr = 20 rows with two
/// right-hand sides, on the plain C# back end (split across cores: parallelThreshold 1) and, where ILGPU finds a CUDA
/// GPU, on the GPU (host-to-device copies of the five arrays, the kernel and device-to-host copies of the two solutions:
/// exactly what one <see cref="IBatchedTridiagonalSolver.Solve"/> call costs the simulator).
/// </summary>
/// <remarks>
/// <para>Input: one pre-generated, strictly diagonally dominant batch per M (generated in GlobalSetup, never timed).
/// Solve overwrites the scratch super-diagonal and the right-hand sides, so every operation must start from the
/// pristine values; [IterationSetup] is too coarse for sub-millisecond operations. So <see cref="RestoreAndSolve"/>
/// copies the pristine upper diagonal and right-hand sides back (a parallel copy for large batches) and then solves,
/// and <see cref="RestoreOnly"/> times that copy alone: the "Net solve" column is the difference of the two medians,
/// and "Systems/s" is M over it. The lower and main diagonals are read-only in both back ends (checked in
/// GlobalSetup), so they are not restored.</para>
/// <para>"Floor" is the time the bytes an operation must move take at the bandwidth in use (see
/// <see cref="BandwidthFloor"/>): for the solve on the CPU its memory traffic at the host memory bandwidth, on the GPU
/// its traffic at the device (HBM) bandwidth plus the host-device transfers at the PCIe bandwidth.</para>
/// <para>M = 1e7 (about 13 GB of host memory: the working batch plus the pristine copies) runs only with
/// CATHODESIM_BENCH_LARGE=1. Run: <c>dotnet run -c Release --project tests/CathodeSim.Benchmarks -- --filter '*BatchedSolver*'</c>.</para>
/// </remarks>
[Config(typeof(BatchedSolverConfig))]
[MedianColumn]
public class BatchedSolverBenchmark
{
    /// <summary>Rows per system (radial shells).</summary>
    public const int Rows = 20;

    /// <summary>Right-hand sides per system, as in the simulator.</summary>
    public const int RightHandSides = 2;

    private BatchedTridiagonalSystems _work = null!;
    private double[] _pristineUpper = null!;
    private double[][] _pristineRhs = null!;
    private IBatchedTridiagonalSolver _solver = null!;
    private DeviceChoice? _device;

    /// <summary>Systems in the batch: 1e3 to 1e6, and 1e7 with CATHODESIM_BENCH_LARGE=1.</summary>
    public static IEnumerable<int> SystemCounts()
    {
        yield return 1_000;
        yield return 10_000;
        yield return 100_000;
        yield return 1_000_000;
        if (Environment.GetEnvironmentVariable("CATHODESIM_BENCH_LARGE") == "1") yield return 10_000_000;
    }

    /// <summary>"cpu" always, "gpu" when ILGPU finds a CUDA GPU.</summary>
    public static IEnumerable<string> Backends()
    {
        yield return "cpu";
        bool gpu;
        using (var auto = DeviceSelection.Select("auto")) gpu = auto.IsGpu;
        if (gpu) yield return "gpu";
    }

    /// <summary>Systems M.</summary>
    [ParamsSource(nameof(SystemCounts))]
    public int M { get; set; }

    /// <summary>Back end.</summary>
    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "cpu";

    [GlobalSetup]
    public void Setup()
    {
        _work = new BatchedTridiagonalSystems(M, Rows, RightHandSides);
        Generate(_work);
        _pristineUpper = (double[])_work.Upper.Clone();
        _pristineRhs = _work.Rhs.Select(r => (double[])r.Clone()).ToArray();
        if (Backend == "gpu")
        {
            _device = DeviceSelection.Select("gpu");
            _solver = _device.CreateSolver();
        }
        else
        {
            _solver = new CpuBatchedTridiagonalSolver(parallelThreshold: 1);
        }

        // The restore copies only what Solve writes: check that the other inputs stay as they were, and that it solves.
        var lower = (double[])_work.Lower.Clone();
        var diagonal = (double[])_work.Diagonal.Clone();
        RestoreAndSolve();
        if (!lower.AsSpan().SequenceEqual(_work.Lower) || !diagonal.AsSpan().SequenceEqual(_work.Diagonal))
            throw new InvalidOperationException($"{_solver.Name} overwrote the lower or main diagonal: restore them too");
        CheckSolution();

        Console.WriteLine($"// {_solver.Name}, M = {M}, Nr = {Rows}: floors " +
                          $"solve@host {Format(BandwidthFloor.Seconds(BandwidthFloor.SolveBytes(M, Rows, RightHandSides), BandwidthFloor.HostBandwidth))}, " +
                          $"solve@device {Format(BandwidthFloor.Seconds(BandwidthFloor.SolveBytes(M, Rows, RightHandSides), BandwidthFloor.DeviceBandwidth))}, " +
                          $"transfers@PCIe {Format(BandwidthFloor.Seconds(BandwidthFloor.TransferBytes(M, Rows, RightHandSides), BandwidthFloor.PcieBandwidth))}, " +
                          $"restore@host {Format(BandwidthFloor.Seconds(BandwidthFloor.RestoreBytes(M, Rows, RightHandSides), BandwidthFloor.HostBandwidth))}");
    }

    /// <summary>The copy of the pristine upper diagonal and right-hand sides alone (to subtract).</summary>
    [Benchmark]
    public void RestoreOnly() => Restore();

    /// <summary>Restore, then one batched solve.</summary>
    [Benchmark]
    public void RestoreAndSolve()
    {
        Restore();
        _solver.Solve(_work);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        (_solver as IDisposable)?.Dispose();
        _device?.Dispose();
    }

    private void Restore()
    {
        ParallelCopy(_pristineUpper, _work.Upper);
        for (int k = 0; k < RightHandSides; k++) ParallelCopy(_pristineRhs[k], _work.Rhs[k]);
    }

    private static void ParallelCopy(double[] source, double[] target)
    {
        const int chunk = 1 << 16;
        if (source.Length <= 2 * chunk)
        {
            source.AsSpan().CopyTo(target);
            return;
        }
        int chunks = (source.Length + chunk - 1) / chunk;
        Parallel.For(0, chunks, c =>
        {
            int start = c * chunk, length = Math.Min(chunk, source.Length - start);
            source.AsSpan(start, length).CopyTo(target.AsSpan(start, length));
        });
    }

    /// <summary>Strictly diagonally dominant rows from a cheap hash (deterministic, fast for 1e8 entries).</summary>
    private static void Generate(BatchedTridiagonalSystems batch)
    {
        int length = batch.SystemCount * batch.Size;
        Parallel.For(0, (length + 65535) / 65536, c =>
        {
            int end = Math.Min(length, (c + 1) * 65536);
            for (int i = c * 65536; i < end; i++)
            {
                double a = Uniform(i, 1) - 0.5, u = Uniform(i, 2) - 0.5;
                batch.Lower[i] = a;
                batch.Upper[i] = u;
                batch.Diagonal[i] = Math.Abs(a) + Math.Abs(u) + 1 + Uniform(i, 3);
                batch.Rhs[0][i] = Uniform(i, 4) - 0.5;
                batch.Rhs[1][i] = Uniform(i, 5);
            }
        });
    }

    private static double Uniform(long i, long stream)
    {
        ulong z = unchecked((ulong)i * 0x9E3779B97F4A7C15UL + (ulong)stream * 0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    private void CheckSolution()
    {
        int m = _work.SystemCount;
        foreach (int s in new[] { 0, m / 2, m - 1 })
        {
            for (int k = 0; k < RightHandSides; k++)
            {
                double[] x = _work.Rhs[k], b = _pristineRhs[k];
                for (int r = 0; r < Rows; r++)
                {
                    int i = r * m + s;
                    double ax = _work.Diagonal[i] * x[i];
                    if (r > 0) ax += _work.Lower[i] * x[i - m];
                    if (r < Rows - 1) ax += _pristineUpper[i] * x[i + m];
                    if (Math.Abs(ax - b[i]) > 1e-12) throw new InvalidOperationException($"{_solver.Name}: residual {ax - b[i]:E2} at system {s}, row {r}");
                }
            }
        }
    }

    internal static string Format(double seconds) => seconds switch
    {
        double.NaN => "-",
        < 1e-3 => (seconds * 1e6).ToString("F1", CultureInfo.InvariantCulture) + " us",
        < 1 => (seconds * 1e3).ToString("F2", CultureInfo.InvariantCulture) + " ms",
        _ => seconds.ToString("F3", CultureInfo.InvariantCulture) + " s",
    };
}

/// <summary>
/// Bytes a batched solve must move, and the time that takes at a given bandwidth (a lower bound: the solve is
/// memory-bound, a few flops per byte). Counts per (row, system) entry, 8 bytes each, k right-hand sides, from the kernel
/// (<c>IlgpuBatchedTridiagonalSolver.ThomasKernel</c>; the C# reference moves the same from DRAM, its previous row
/// staying in cache):
/// forward sweep reads lower, diagonal, upper and each right-hand side, writes the eliminated upper and each
/// right-hand side (the previous row's values stay in registers); back substitution reads the eliminated upper and each
/// right-hand side again and writes each solution: lower 1 + diagonal 1 + upper 3 (read, write, read) + 4 per
/// right-hand side = 5 + 4k accesses, 13 for k = 2 (104 bytes per entry, 2.08 kB per system of 20 rows).
/// A GPU solve also copies the 3 + k input arrays host-to-device and the k solutions back: 3 + 2k transfers per entry.
/// </summary>
public static class BandwidthFloor
{
    /// <summary>H100 SXM HBM3 bandwidth, B/s (default device bandwidth; override with CATHODESIM_DEVICE_BANDWIDTH).</summary>
    public const double H100Bandwidth = 3.35e12;

    /// <summary>Assumed host-device bandwidth for copies from pageable managed arrays, B/s (PCIe 5 x16 moves up to
    /// about 50 GB/s pinned; override with CATHODESIM_PCIE_BANDWIDTH).</summary>
    public const double AssumedPcieBandwidth = 25e9;

    private static readonly Lazy<double> Host = new(() => FromEnvironment("CATHODESIM_HOST_BANDWIDTH") ?? MeasureHostBandwidth());

    /// <summary>Global-memory accesses of one solve: (5 + 4k) x 8 bytes per entry.</summary>
    public static double SolveBytes(long systems, int rows, int rightHandSides) => (5.0 + 4.0 * rightHandSides) * 8.0 * systems * rows;

    /// <summary>Host-device transfers of one GPU solve: (3 + k) arrays in, k out.</summary>
    public static double TransferBytes(long systems, int rows, int rightHandSides) => (3.0 + 2.0 * rightHandSides) * 8.0 * systems * rows;

    /// <summary>The benchmark's restore: 1 + k arrays read and written.</summary>
    public static double RestoreBytes(long systems, int rows, int rightHandSides) => 2.0 * (1 + rightHandSides) * 8.0 * systems * rows;

    /// <summary>Time to move <paramref name="bytes"/> at <paramref name="bandwidth"/> B/s.</summary>
    public static double Seconds(double bytes, double bandwidth) => bytes / bandwidth;

    /// <summary>Device memory bandwidth, B/s: CATHODESIM_DEVICE_BANDWIDTH or the H100's.</summary>
    public static double DeviceBandwidth => FromEnvironment("CATHODESIM_DEVICE_BANDWIDTH") ?? H100Bandwidth;

    /// <summary>Host-device bandwidth, B/s: CATHODESIM_PCIE_BANDWIDTH or <see cref="AssumedPcieBandwidth"/>.</summary>
    public static double PcieBandwidth => FromEnvironment("CATHODESIM_PCIE_BANDWIDTH") ?? AssumedPcieBandwidth;

    /// <summary>Host memory bandwidth, B/s: CATHODESIM_HOST_BANDWIDTH, else measured once (a parallel copy of 256 MB,
    /// best of 5, bytes read plus written).</summary>
    public static double HostBandwidth => Host.Value;

    /// <summary>
    /// The floor of one operation of the benchmark: RestoreOnly is the copy at host bandwidth; RestoreAndSolve's net
    /// solve is its traffic at host bandwidth on "cpu", at device bandwidth plus the transfers at PCIe bandwidth on "gpu".
    /// </summary>
    public static double FloorSeconds(string method, string backend, long systems, int rows, int rightHandSides) => method switch
    {
        nameof(BatchedSolverBenchmark.RestoreOnly) => Seconds(RestoreBytes(systems, rows, rightHandSides), HostBandwidth),
        _ when backend == "gpu" => Seconds(SolveBytes(systems, rows, rightHandSides), DeviceBandwidth)
                                   + Seconds(TransferBytes(systems, rows, rightHandSides), PcieBandwidth),
        _ => Seconds(SolveBytes(systems, rows, rightHandSides), HostBandwidth),
    };

    private static double? FromEnvironment(string name) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0
            ? value : null;

    private static double MeasureHostBandwidth()
    {
        const int length = 1 << 25; // 32 Mi doubles = 256 MB per array
        var source = new double[length];
        var target = new double[length];
        const int chunk = 1 << 16;
        Parallel.For(0, length / chunk, c => source.AsSpan(c * chunk, chunk).Fill(c));
        double best = double.MaxValue;
        for (int repeat = 0; repeat < 5; repeat++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Parallel.For(0, length / chunk, c => source.AsSpan(c * chunk, chunk).CopyTo(target.AsSpan(c * chunk, chunk)));
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return 2.0 * 8 * length / best;
    }
}

/// <summary>Adds the net solve time, systems per second and bandwidth floor columns.</summary>
public sealed class BatchedSolverConfig : ManualConfig
{
    public BatchedSolverConfig()
    {
        AddColumn(new SolverColumn("NetSolve", "Net solve", "RestoreAndSolve median minus RestoreOnly median (same M, back end)",
            (summary, c) => NetSeconds(summary, c) is double s ? BatchedSolverBenchmark.Format(s) : "-"));
        AddColumn(new SolverColumn("SystemsPerSecond", "Systems/s", "M / net solve time",
            (summary, c) => NetSeconds(summary, c) is double s && s > 0
                ? (Parameter<int>(c, "M") / s).ToString("E3", CultureInfo.InvariantCulture) : "-"));
        AddColumn(new SolverColumn("Floor", "Floor",
            $"bytes moved / bandwidth (BandwidthFloor): host {BandwidthFloor.HostBandwidth:E2} B/s, device {BandwidthFloor.DeviceBandwidth:E2} B/s, PCIe {BandwidthFloor.PcieBandwidth:E2} B/s; " +
            "RestoreOnly: its copy; RestoreAndSolve: the net solve",
            (_, c) => BatchedSolverBenchmark.Format(BandwidthFloor.FloorSeconds(c.Descriptor.WorkloadMethod.Name, Parameter<string>(c, "Backend"),
                Parameter<int>(c, "M"), BatchedSolverBenchmark.Rows, BatchedSolverBenchmark.RightHandSides))));
    }

    private static T Parameter<T>(BenchmarkCase c, string name) => (T)c.Parameters[name];

    private static double? NetSeconds(Summary summary, BenchmarkCase c)
    {
        if (c.Descriptor.WorkloadMethod.Name != nameof(BatchedSolverBenchmark.RestoreAndSolve)) return null;
        var restore = summary.BenchmarksCases.FirstOrDefault(other =>
            other.Descriptor.WorkloadMethod.Name == nameof(BatchedSolverBenchmark.RestoreOnly)
            && other.Parameters.DisplayInfo == c.Parameters.DisplayInfo);
        double? solve = summary[c]?.ResultStatistics?.Median, copy = restore is null ? null : summary[restore]?.ResultStatistics?.Median;
        return solve is double a && copy is double b ? (a - b) * 1e-9 : null;
    }

    private sealed class SolverColumn(string id, string name, string legend, Func<Summary, BenchmarkCase, string> value) : IColumn
    {
        public string Id => nameof(BatchedSolverConfig) + "." + id;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => false;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => legend;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => value(summary, benchmarkCase);
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => value(summary, benchmarkCase);
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
    }
}
