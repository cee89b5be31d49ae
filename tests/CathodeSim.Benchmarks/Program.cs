using BenchmarkDotNet.Running;
using CathodeSim.Benchmarks;

// Run all benchmarks: dotnet run -c Release --project tests/CathodeSim.Benchmarks -- --filter '*'
// Voxel transport harness: dotnet run -c Release --project tests/CathodeSim.Benchmarks -- voxel [cpu|gpu] [64,128,256]
if (args.Length > 0 && args[0] == "voxel") VoxelTransportHarness.Run(args);
else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
