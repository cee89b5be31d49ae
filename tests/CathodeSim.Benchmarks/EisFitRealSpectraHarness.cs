using System.Diagnostics;
using System.Numerics;
using CathodeSim.Analysis.Impedance;
using CathodeSim.IO.Measurements;

namespace CathodeSim.Benchmarks;

/// <summary>
/// A documented harness (not BenchmarkDotNet: it needs the measured spectra of ../shared/external-data and reports CPU time,
/// which BenchmarkDotNet does not) for the fit-eis targets on real all-solid-state spectra:
/// <c>dotnet run -c Release --project tests/CathodeSim.Benchmarks -- eis-fit-real [repeats] [--case TEXT]</c> fits every case
/// of CircuitFitGlobalMinimumTests (or those whose "file circuit" contains TEXT) with the default strategy, after 2 s of
/// warm-up per case (the JIT's first tiers are several times slower), <c>repeats</c> times (default 9), and prints per case
/// the median CPU time of one fit (process CPU time, all threads), its wall time, the relative RMS and the evaluations;
/// <c>-- eis-fit-real --reference</c> searches each case's best minimum the expensive way (three seeds of 100 random starts,
/// every start polished to convergence) for the record in tests/CathodeSim.Tests/Impedance/BestKnownMinima.cs.
/// </summary>
internal static class EisFitRealSpectraHarness
{
    public static readonly (string File, string Circuit)[] AllCases =
    [
        ("Sample2_PEIS_AtRest.csv", "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3"),
        ("Sample2_PEIS_AtRest.csv", "R0-p(R1,CPE1)-p(R2,CPE2)-W1"),
        ("Sample2_PEIS_AtRest.csv", "R0-p(R1,CPE1)-p(R2,CPE2)-Wo1"),
        ("PEIS_LPSCl_IonBlocking_-25C.mpr", "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3"),
        ("PEIS_LPSCl_IonBlocking_-25C.mpr", "R0-p(R1,CPE1)-p(R2,CPE2)-W1"),
        ("PEIS_LPSCl_IonBlocking_-25C.mpr", "R0-p(R1,CPE1)-p(R2,CPE2)-Wo1"),
        ("exampleData.csv", "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3"),
        ("exampleData.csv", "R0-p(R1,CPE1)-p(R2,CPE2)-W1"),
        ("exampleData.csv", "R0-p(R1,CPE1)-p(R2,CPE2)-Wo1"),
        ("exampleData.csv", "R0-p(R1,C1)-p(R2-Wo1,C2)"),
    ];

    public static int Run(string[] args)
    {
        bool reference = args.Contains("--reference");
        // As the command line does (Program.cs): the fit's parallelism is over starts, and MathNet's own over its small dense
        // decompositions costs more in thread hand-offs than it gains.
        MathNet.Numerics.Control.MaxDegreeOfParallelism = 1;
        string? only = args.SkipWhile(a => a != "--case").Skip(1).FirstOrDefault();
        int repeats = args.Select(a => int.TryParse(a, out int k) ? k : 0).FirstOrDefault(k => k > 0, 9);
        Console.WriteLine($"{Environment.ProcessorCount} cores; {(reference ? "reference search (3 seeds x 100 starts, all polished)" : $"default strategy, median of {repeats}")}");
        var cpuMedians = new List<double>();
        foreach (var (file, text) in AllCases.Where(c => only is null || (c.File + " " + c.Circuit).Contains(only, StringComparison.Ordinal)))
        {
            var data = Load(file);
            if (data is null) { Console.WriteLine($"{file}: not found in ../shared/external-data, skipped"); continue; }
            var (f, z) = data.Value;
            var circuit = Circuit.Parse(text);
            if (reference)
            {
                double best = double.PositiveInfinity;
                foreach (int seed in new[] { 20240917, 7, 99991 })
                {
                    var r = CircuitFitter.Fit(circuit, f, z, new CircuitFitOptions { Starts = 100, Seed = seed, MaxStarts = 0, Polished = 100, MaxIterations = 1000 });
                    best = Math.Min(best, r.RelativeRms);
                    Console.WriteLine($"  {file} {text}: seed {seed}: {r.RelativeRms:R}");
                }
                Console.WriteLine($"{file,-32} {text,-34} best known {best:R}");
                continue;
            }
            // Warm-up until the JIT's tiered compilation has optimised the hot loops (tier 0 code is several times slower).
            var warm = CircuitFitter.Fit(circuit, f, z, new CircuitFitOptions());
            for (var w = Stopwatch.StartNew(); w.Elapsed.TotalSeconds < 2;) CircuitFitter.Fit(circuit, f, z, new CircuitFitOptions());
            var cpu = new double[repeats];
            var wall = new double[repeats];
            CircuitFitResult fit = null!;
            var process = Process.GetCurrentProcess();
            for (int k = 0; k < repeats; k++)
            {
                process.Refresh();
                var before = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                fit = CircuitFitter.Fit(circuit, f, z, new CircuitFitOptions());
                wall[k] = clock.Elapsed.TotalMilliseconds;
                process.Refresh();
                cpu[k] = (process.TotalProcessorTime - before).TotalMilliseconds;
            }
            Array.Sort(cpu);
            Array.Sort(wall);
            cpuMedians.Add(cpu[repeats / 2]);
            Console.WriteLine($"{file,-32} {text,-34} {f.Length,3} points  CPU {cpu[repeats / 2],6:F1} ms  wall {wall[repeats / 2],6:F1} ms  rel. RMS {fit.RelativeRms:G6}  {fit.Starts} starts  {fit.Evaluations} evaluations ({fit.Evaluations * f.Length / 1000.0:F0}k point-evaluations)");
        }
        if (cpuMedians.Count > 0) Console.WriteLine($"largest median CPU per fit: {cpuMedians.Max():F1} ms (target: under 50 ms for 90 points)");
        return 0;
    }

    /// <summary>The same points as the tests' RealSpectra.Load: the first sweep of Sample2, -Im Z &gt; 0 of exampleData.</summary>
    private static (double[] F, Complex[] Z)? Load(string name)
    {
        string[] parts = name == "exampleData.csv" ? ["impedance.py", name] : ["hybrid-drt", name];
        string? root = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CathodeSim.sln"))) { root = dir.FullName; break; }
        if (root is null) return null;
        string file = Path.GetFullPath(Path.Combine([root, "..", "shared", "external-data", .. parts]));
        if (!File.Exists(file)) return null;
        // Sample2 holds several sweeps: the first (as `--loop 1` takes it).
        var s = MeasurementReader.ReadSpectrum(file).Sweep(1);
        var keep = Enumerable.Range(0, s.Frequency.Length).Where(i => name != "exampleData.csv" || s.Imaginary[i] < 0).ToList();
        return (keep.Select(i => s.Frequency[i]).ToArray(), keep.Select(i => new Complex(s.Real[i], s.Imaginary[i])).ToArray());
    }
}
