using System.Diagnostics;
using CathodeSim.Model.Microstructure.Structures;

namespace CathodeSim.Benchmarks;

/// <summary>
/// One timed pass through <see cref="MicrostructureBenchmark"/>'s stages with the figures that matter printed, quicker
/// than BenchmarkDotNet's repeated runs: dotnet run -c Release --project tests/CathodeSim.Benchmarks -- microstructure [edge um] [voxel um].
/// </summary>
internal static class MicrostructureHarness
{
    public static void Run(string[] args)
    {
        double edge = (args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60) * 1e-6;
        double voxel = (args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 0.5) * 1e-6;
        var recipe = MicrostructureBenchmark.BNcm65Recipe(edge);
        Console.WriteLine($"B-NCM-65: {edge * 1e6:F0} x {edge * 1e6:F0} x {recipe.Thickness * 1e6:F1} um, NCM {recipe.ActiveVolumeFraction:F4}, electrolyte {recipe.ElectrolyteVolumeFraction:F4}, void {recipe.VoidFraction:F4}; voxels {voxel * 1e6} um");
        var watch = Stopwatch.StartNew();
        var outcome = CollectiveRearrangementGenerator.Generate(recipe, voxel);
        Console.WriteLine($"pack:      {watch.Elapsed.TotalSeconds,6:F2} s  {outcome.ParticleCount} spheres, hard fraction {outcome.HardPackingFraction:F3}, max overlap {outcome.MaxRelativeOverlap:F4}, " +
                          $"inflation NCM {outcome.ActiveInflation:F3} electrolyte {outcome.ElectrolyteInflation:F3}, {outcome.Sweeps} sweeps");
        watch.Restart();
        var voxels = outcome.Packing.Voxelise(voxel);
        Console.WriteLine($"voxelise:  {watch.Elapsed.TotalSeconds,6:F2} s  {voxels.Grid.Nx} x {voxels.Grid.Ny} x {voxels.Grid.Nz} = {voxels.Grid.Count} voxels");
        watch.Restart();
        var stats = VoxelStructureAnalysis.Analyse(voxels);
        Console.WriteLine($"analyse:   {watch.Elapsed.TotalSeconds,6:F2} s");
        Console.WriteLine($"fractions NCM {stats.Active.VolumeFraction:F4} electrolyte {stats.Electrolyte.VolumeFraction:F4} void {stats.Void.VolumeFraction:F4}");
        Console.WriteLine($"NCM at collector {stats.ActivePercolatingFraction:F3}, electrolyte at separator {stats.ElectrolytePercolatingFraction:F3}, accessible NCM {stats.AccessibleActiveFraction:F3} ({stats.Basis})");
        Console.WriteLine($"tortuosity NCM {stats.Active.GeodesicTortuosity:F3} electrolyte {stats.Electrolyte.GeodesicTortuosity:F3}");
        Console.WriteLine($"areas (1/m): NCM|SE {stats.Interfaces.ActiveElectrolyte:E3}, NCM|NCM {stats.Interfaces.ActiveActive:E3}, NCM|void {stats.Interfaces.ActiveVoid:E3}, SE|void {stats.Interfaces.ElectrolyteVoid:E3}");
    }
}
