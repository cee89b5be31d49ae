using BenchmarkDotNet.Attributes;
using CathodeSim.IO.Sweeps;

namespace CathodeSim.Benchmarks;

/// <summary>Expanding and validating a 1000-case sweep (every case's config loaded and checked before any runs).</summary>
[MemoryDiagnoser]
[MedianColumn]
public class SweepLoadBenchmark
{
    private string _path = null!;

    [GlobalSetup]
    public void Setup() => _path = RepositoryPaths.Config("../tests/CathodeSim.Benchmarks/sweeps/discharge-1000.yaml");

    [Benchmark]
    public int Load1000Cases() => SweepLoader.Load(_path, []).Cases.Count;
}
