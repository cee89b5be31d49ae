using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CathodeSim.Analysis.Impedance;

namespace CathodeSim.Benchmarks;

/// <summary>
/// The fit-eis performance target: a complex non-linear least-squares fit of R0-p(R1,CPE1)-p(R2,CPE2)-W1 (8 parameters) to a
/// 90-point synthetic spectrum (1 MHz to 10 mHz, 1 % seeded noise), modulus weighting. Target: under 50 ms of CPU per fit.
/// DefaultStrategy: `cathodesim fit-eis` without options (the data-based starts plus CircuitFitOptions.DefaultStarts random
/// ones, in parallel); DefaultStrategySerial: the same on one thread, so its time is the CPU time per fit;
/// DataStartsOnly: --starts 0; GivenGuesses: every parameter given, 30 % off the truth, plus the random starts.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class EisFitBenchmark
{
    private static readonly Circuit Circuit = Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)-W1");
    private static readonly double[] Truth = [15, 60, 5e-7, 0.9, 150, 2e-4, 0.8, 30];
    private double[] _f = null!;
    private Complex[] _z = null!;
    private CircuitFitOptions _given = null!;
    private static readonly CircuitFitOptions Serial = new() { MaxDegreeOfParallelism = 1 };
    private static readonly CircuitFitOptions DataOnly = new() { Starts = 0 };

    [GlobalSetup]
    public void Setup()
    {
        MathNet.Numerics.Control.MaxDegreeOfParallelism = 1; // as the command line sets it (Program.cs)
        const int n = 90;
        _f = Enumerable.Range(0, n).Select(i => 1e6 * Math.Pow(1e-8, i / (n - 1.0))).ToArray();
        var rng = new Random(42);
        _z = Circuit.Impedance(Truth, _f);
        for (int i = 0; i < n; i++)
        {
            double m = _z[i].Magnitude;
            _z[i] += new Complex(0.01 * m * Gauss(rng), 0.01 * m * Gauss(rng));
        }
        _given = new CircuitFitOptions
        {
            Initial = Circuit.ParameterNames.Select((name, i) => (name, Truth[i] * (i % 2 == 0 ? 1.3 : 0.7) * (name.EndsWith("_1") ? 1.2 : 1)))
                .ToDictionary(x => x.name, x => Math.Min(x.Item2, x.name.EndsWith("_1") ? 0.99 : double.MaxValue)),
        };
        var check = CircuitFitter.Fit(Circuit, _f, _z);
        Console.WriteLine($"// EIS fit: {string.Join(", ", Circuit.ParameterNames.Select((name, i) => $"{name} = {check.Parameters[i]:G4}"))}, "
            + $"chi2/dof {check.ReducedChiSquare:G3}, {check.Iterations} iterations, best of {check.Starts} starts, {check.Warnings.Count} warnings");
    }

    private static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    [Benchmark(Baseline = true)]
    public CircuitFitResult DefaultStrategy() => CircuitFitter.Fit(Circuit, _f, _z);

    [Benchmark]
    public CircuitFitResult DefaultStrategySerial() => CircuitFitter.Fit(Circuit, _f, _z, Serial);

    [Benchmark]
    public CircuitFitResult DataStartsOnly() => CircuitFitter.Fit(Circuit, _f, _z, DataOnly);

    [Benchmark]
    public CircuitFitResult GivenGuesses() => CircuitFitter.Fit(Circuit, _f, _z, _given);
}
