using BenchmarkDotNet.Running;
using CathodeSim.Benchmarks;

// Run all benchmarks: dotnet run -c Release --project tests/CathodeSim.Benchmarks -- --filter '*'
// The fit-eis harness on real spectra (CPU time per fit, best-known minima): -- eis-fit-real [repeats] [--reference]
if (args.Length > 0 && args[0] == "eis-fit-real") return EisFitRealSpectraHarness.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
