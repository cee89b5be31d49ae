using System.Globalization;
using CathodeSim.Gpu;

namespace CathodeSim.Benchmarks;

/// <summary>
/// A plain harness (not BenchmarkDotNet: a 256^3 solve takes tens of seconds, and one run per size is the measurement)
/// for <see cref="VoxelTransportBenchmark"/>. Run:
/// <c>dotnet run -c Release --project tests/CathodeSim.Benchmarks -- voxel [cpu|gpu|ilgpu-cpu] [64,128,256]</c>.
/// </summary>
internal static class VoxelTransportHarness
{
    public static void Run(string[] args)
    {
        string device = args.Length > 1 ? args[1] : "cpu";
        int[] edges = (args.Length > 2 ? args[2] : "64,128,256").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        using var choice = DeviceSelection.Select(device);
        var report = VoxelTransportBenchmark.Run(choice, edges);
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(choice.Description);
        Console.WriteLine(string.Create(c, $"bandwidth {report.BandwidthBytesPerSecond / 1e9:F1} GB/s ({report.BandwidthSource}); {Environment.ProcessorCount} cores"));
        Console.WriteLine("edge  unknowns  levels  iter  sigma_eff  tau     setup_s  total_s  s/iter   floor_s/iter  MB/iter  Mvoxel/s");
        foreach (var r in report.Rows)
            Console.WriteLine(string.Create(c,
                $"{r.Edge,4}  {r.Unknowns,8}  {r.Levels,6}  {r.Iterations,4}  {r.EffectiveConductivity,9:F5}  {r.TortuosityFactor,6:F3}  {r.SetupSeconds,7:F2}  {r.Seconds,7:F2}  {r.SecondsPerIteration,7:F4}  {r.FloorSecondsPerIteration,12:F4}  {r.BytesPerIteration / 1e6,7:F0}  {r.VoxelsPerSecond / 1e6,8:F3}"));
    }
}
