using BenchmarkDotNet.Attributes;
using CathodeSim.IO.Config;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Benchmarks;

/// <summary>
/// Issue 2's performance target: one 0.1C discharge of the default config (configs/b-ncm-65.yaml), Nx = 20, Nr = 20,
/// K = 5 and K = 1, single-threaded (the CPU back end only parallelises batches of 4096+ particles).
/// The discharge starts from a relaxed, fully charged cell: uniform stoichiometry at which the OCV is the 3.7 V cut-off.
/// Targets: K = 5 under 20 ms, K = 1 under 5 ms.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class DischargeBenchmark
{
    private SimulationSetup _setup = null!;
    private readonly Simulator _simulator = new();

    /// <summary>Particle-size bins.</summary>
    [Params(1, 5)]
    public int SizeBins { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var loaded = ConfigLoader.Load(RepositoryPaths.Config("b-ncm-65.yaml"),
            ["numerics.cathode_nodes=20", "numerics.radial_shells=20", $"numerics.size_bins={SizeBins}"]);
        var design = loaded.Setup.Design;
        double charged = CathodeSim.Analysis.Gitt.GittProtocol.StoichiometryAt(design, 3.7);
        var discharge = new CurrentStep("Discharge at 0.1C until 2.1 V", CurrentDirection.Discharge, new CRateSetpoint(0.1), 2.1, null);
        _setup = loaded.Setup with { Design = design with { InitialStoichiometry = charged }, Protocol = [discharge], ProfileTimes = [] };
        var check = _simulator.Run(_setup);
        if (!check.Diagnostics.Completed || check.Steps[0].End != StepEnd.Voltage)
            throw new InvalidOperationException($"benchmark discharge did not reach its cut-off: {check.Diagnostics.FailureMessage}");
    }

    [Benchmark]
    public SimulationResult Discharge01C() => _simulator.Run(_setup);
}
