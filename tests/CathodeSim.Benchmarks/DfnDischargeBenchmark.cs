using BenchmarkDotNet.Attributes;
using CathodeSim.IO.Config;
using CathodeSim.Model.Dfn;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Benchmarks;

/// <summary>
/// Issue 21: one 1C discharge of the liquid-electrolyte coin cell in the DFN mode (configs/liquid/s-ncm-coin.yaml),
/// 20 separator and 20 cathode volumes, 20 radial intervals, one size bin, single-threaded, from the charged state
/// (uniform stoichiometry at the 4.32 V OCV) to 2.72 V. Comparable published figures: PyBaMM's DFN discharge (its
/// fastest solver, about 26 ms) and PETLION (about 3 ms, 301 equations).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class DfnDischargeBenchmark
{
    private readonly DfnSimulator _simulator = new();
    private LiquidCell _cell = null!;
    private DfnGrid _grid = null!;
    private SimulationSetup _setup = null!;
    private ProtocolStep[] _protocol = [];

    [GlobalSetup]
    public void Setup()
    {
        _setup = ConfigLoader.LoadAnyMode(RepositoryPaths.Config(Path.Combine("liquid", "s-ncm-coin.yaml")),
            ["numerics.cathode_nodes=20", "numerics.radial_shells=20", "numerics.size_bins=1"]).Setup;
        var liquid = _setup.Liquid!;
        _cell = liquid.Cell with { InitialStoichiometry = DfnHarness.ChargedStoichiometry(liquid.Cell, 4.32) };
        _grid = liquid.Grid; // cathode_nodes sets both domains: 20 separator and 20 cathode volumes
        _protocol = [new CurrentStep("Discharge at 1C until 2.72 V", CurrentDirection.Discharge, new CRateSetpoint(1), 2.72, null)];
        var check = Discharge1C();
        if (!check.Diagnostics.Completed || check.Steps[0].End != StepEnd.Voltage)
            throw new InvalidOperationException($"benchmark discharge did not reach its cut-off: {check.Diagnostics.FailureMessage}");
        Console.WriteLine($"// DFN 1C discharge: {_grid}, {check.Diagnostics.AcceptedSteps} steps, {check.Diagnostics.NewtonIterations} Newton iterations");
    }

    [Benchmark]
    public SimulationResult Discharge1C() => _simulator.Run("dfn-1C", _cell, _grid, _setup.Temperature, _protocol, _setup.Numerics);
}
