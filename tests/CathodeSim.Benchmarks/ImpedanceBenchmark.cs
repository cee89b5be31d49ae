using System.Numerics;
using BenchmarkDotNet.Attributes;
using CathodeSim.IO.Config;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Impedance;

namespace CathodeSim.Benchmarks;

/// <summary>Issue 4's target: a 70-frequency simulated spectrum of the default cell (numerical route, K = 5, Nx = Nr = 20) in under 50 ms.</summary>
[MedianColumn]
public class ImpedanceBenchmark
{
    private CellModel _model = null!;
    private CellState _state = null!;
    private double[] _frequencies = null!;

    [GlobalSetup]
    public void Setup()
    {
        var setup = ConfigLoader.Load(RepositoryPaths.Config("b-ncm-65.yaml"), []).Setup;
        _model = new CellModel(setup.Design, setup.Numerics, setup.Temperature);
        _state = NumericalImpedance.RestState(_model, 0.6);
        _frequencies = Enumerable.Range(0, 70).Select(i => 1e6 * Math.Pow(10, -8.0 * i / 69)).ToArray();
    }

    [Benchmark]
    public Complex[] Spectrum70() => NumericalImpedance.Compute(_model, _state, new ImpedanceParameters(), _frequencies);
}
