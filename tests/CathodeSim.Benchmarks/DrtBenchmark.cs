using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CathodeSim.Analysis.Impedance;

namespace CathodeSim.Benchmarks;

/// <summary>
/// `cathodesim drt` on a 71-point spectrum (R_inf + R1||C1 + R2||C2, 100 kHz to 10 mHz, 10 per decade, 1 % seeded noise):
/// Full: GCV over 37 lambdas, the NNLS at the chosen lambda and the 50-resample bootstrap band; NoBand: without the band.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class DrtBenchmark
{
    private double[] _f = null!;
    private Complex[] _z = null!;

    [GlobalSetup]
    public void Setup()
    {
        _f = Enumerable.Range(0, 71).Select(i => 1e5 * Math.Pow(10, -i / 10.0)).ToArray();
        var rng = new Random(3);
        _z = _f.Select(f =>
        {
            double w = 2 * Math.PI * f;
            Complex z = 10 + 50 / new Complex(1, w * 1e-3) + 100 / new Complex(1, w * 1e-1);
            return z + new Complex(0.01 * z.Magnitude * Gauss(rng), 0.01 * z.Magnitude * Gauss(rng));
        }).ToArray();
    }

    private static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    [Benchmark]
    public int Full() => Drt.Compute(_f, _z).Peaks.Count;

    [Benchmark]
    public int NoBand() => Drt.Compute(_f, _z, new DrtOptions { BootstrapSamples = 0 }).Peaks.Count;
}
