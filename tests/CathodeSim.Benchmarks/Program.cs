using BenchmarkDotNet.Running;
using CathodeSim.Benchmarks;

// Run all benchmarks: dotnet run -c Release --project tests/CathodeSim.Benchmarks -- --filter '*'
// One timed pass of the 3D microstructure stages: dotnet run -c Release --project tests/CathodeSim.Benchmarks -- microstructure [edge um] [voxel um]
if (args.Length > 0 && args[0] == "microstructure")
{
    MicrostructureHarness.Run(args);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
