using BenchmarkDotNet.Attributes;
using CathodeSim.IO.Config;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Benchmarks;

/// <summary>
/// Issue 6's target: 100 cycles at 0.1C of the default cell with ageing (configs/b-ncm-65-cycling-100.yaml at the
/// default K = 5, Nx = 20, Nr = 20), single-threaded; target under 5 s. Few iterations: one operation takes seconds.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MedianColumn]
public class CyclingBenchmark
{
    private SimulationSetup _setup = null!;
    private readonly Simulator _simulator = new();

    [GlobalSetup]
    public void Setup()
    {
        _setup = ConfigLoader.Load(RepositoryPaths.Config("b-ncm-65-cycling-100.yaml"), ["numerics.size_bins=5"]).Setup;
        var check = _simulator.Run(_setup);
        if (!check.Diagnostics.Completed || check.Steps.Count != 200 || check.Steps.Any(s => s.End != StepEnd.Voltage))
            throw new InvalidOperationException($"benchmark cycling did not run 100 full cycles: {check.Diagnostics.FailureMessage}");
    }

    [Benchmark]
    public SimulationResult HundredCycles() => _simulator.Run(_setup);
}
