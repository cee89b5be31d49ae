using BenchmarkDotNet.Running;
using CathodeSim.Benchmarks;

// Run all benchmarks: dotnet run -c Release --project tests/CathodeSim.Benchmarks -- --filter '*'
// Documented harnesses (one timed pass each, outside BenchmarkDotNet):
//   -- eis-fit-real [repeats] [--case TEXT] [--reference]   fit-eis on real spectra: CPU per fit, best-known minima
//   -- voxel [cpu|gpu] [64,128,256]                           voxel conductivity solve: voxels per second, bandwidth floor
//   -- microstructure [edge um] [voxel um]                    packing, voxelisation and analysis of the B-NCM 65:35 recipe
//   -- dfn [cycle] [--csv DIR] [--bins K]                     liquid coin cell (DFN): 1C discharge, time breakdown, 0.1C cycle
//   -- discharge [samples] [seconds]                         DischargeBenchmark's case by Stopwatch: medians and minima, A/B
switch (args.FirstOrDefault())
{
    case "eis-fit-real": return EisFitRealSpectraHarness.Run(args[1..]);
    case "voxel": VoxelTransportHarness.Run(args); return 0;
    case "microstructure": MicrostructureHarness.Run(args); return 0;
    case "dfn": DfnHarness.Run(args[1..]); return 0;
    case "discharge": DischargeHarness.Run(args[1..]); return 0;
    default: BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args); return 0;
}
