using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CathodeSim.Analysis.Gitt;
using CathodeSim.IO.Config;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Benchmarks;

/// <summary>
/// Issue 5's performance target: the full simulated GITT of configs/b-ncm-65.yaml as `cathodesim gitt` runs it
/// (configs/gitt/b-ncm-65.yaml: 0.1C pulses of 15 min with 4 h rests, charge to 3.7 V then discharge to 2.1 V, about
/// 40 pulses each way plus the repeats that end on the cut-off, numerics.max_step = 3600 s), with the analysis.
/// Target: under 2 s. MaxStep 600 is the engine default, for comparison.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class GittBenchmark
{
    private SimulationSetup _setup = null!;
    private readonly Simulator _simulator = new();

    /// <summary>Largest time step, s.</summary>
    [Params(600, 3600)]
    public int MaxStep { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var loaded = ConfigLoader.Load(RepositoryPaths.Config(Path.Combine("gitt", "b-ncm-65.yaml")), [$"numerics.max_step={MaxStep} s"]);
        _setup = loaded.Setup with { Protocol = GittProtocol.Create(loaded.Setup.Design), ProfileTimes = [] };
        var check = _simulator.Run(_setup);
        if (!check.Diagnostics.Completed) throw new InvalidOperationException($"benchmark GITT failed: {check.Diagnostics.FailureMessage}");
        var rests = check.Steps.Where(s => s.Kind == "rest").Select(s => s.Index).ToHashSet();
        double perRest = (double)check.Series.Count(p => rests.Contains(p.StepIndex)) / rests.Count;
        int pulses = check.Steps.Count(s => s.Kind != "rest");
        Console.WriteLine($"// GITT max_step {MaxStep} s: {pulses} pulses, {rests.Count} rests, {check.Diagnostics.AcceptedSteps} steps, {perRest:F1} steps per rest, "
            + $"{(double)(check.Diagnostics.AcceptedSteps - perRest * rests.Count) / pulses:F1} per pulse");
    }

    [Benchmark]
    public GittAnalysisResult SimulateAndAnalyze()
    {
        var result = _simulator.Run(_setup);
        var design = _setup.Design;
        return GittAnalyzer.Analyze(GittSeries.From(result), new GittAnalysisOptions(GittAnalyzer.SauterRadius(design.Cathode.ParticleSizes),
            design.InitialStoichiometry, design.ActiveMass * design.Active.TheoreticalSpecificCharge));
    }
}
