using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CathodeSim.IO.Config;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Microstructure.Structures;

namespace CathodeSim.Benchmarks;

/// <summary>
/// The B-NCM-65 composite (configs/b-ncm-65.yaml: NCM90 : Li3InCl6 65 : 35 by mass, 15 % voids, NCM lognormal D50 2 um,
/// sigma_g 1.6, electrolyte 3 um) as a 3D structure: a 60 um x 60 um box through the config's whole thickness (21.9 um),
/// packed by collective rearrangement and pressed to the recipe's fractions on 0.5 um voxels (Pack), voxelised with
/// particle ids (Voxelise), and analysed (Analyse). Each stage runs once per iteration: a packing takes seconds.
/// Run: dotnet run -c Release --project tests/CathodeSim.Benchmarks -- --filter '*Microstructure*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class MicrostructureBenchmark
{
    private const double InPlaneLength = 60e-6, VoxelSize = 0.5e-6;
    private StructureRecipe _recipe = null!;
    private SpherePacking _packing = null!;
    private VoxelisedPacking _voxels = null!;

    [GlobalSetup]
    public void Setup()
    {
        _recipe = BNcm65Recipe(InPlaneLength);
        _packing = CollectiveRearrangementGenerator.Generate(_recipe, VoxelSize).Packing;
        _voxels = _packing.Voxelise(VoxelSize);
    }

    /// <summary>The recipe from the config, as the simulator reads it (fractions and thickness from masses and densities).</summary>
    public static StructureRecipe BNcm65Recipe(double inPlaneLength)
    {
        var design = ConfigLoader.Load(RepositoryPaths.Config("b-ncm-65.yaml"), []).Setup.Design;
        var structure = CompositeMicrostructure.From(design, 1);
        double electrolyteRadius = design.Cathode.ElectrolyteContacts!.ElectrolyteRadius;
        return new StructureRecipe(inPlaneLength, structure.CathodeThickness, structure.ActiveVolumeFraction, structure.ElectrolyteVolumeFraction,
            design.Cathode.ParticleSizes, new LognormalSizeDistribution(2 * electrolyteRadius, 1.0), seed: 1);
    }

    [Benchmark]
    public int Pack() => CollectiveRearrangementGenerator.Generate(_recipe, VoxelSize).ParticleCount;

    [Benchmark]
    public int Voxelise() => _packing.Voxelise(VoxelSize).Grid.Nz;

    [Benchmark]
    public double Analyse() => VoxelStructureAnalysis.Analyse(_voxels).AccessibleActiveFraction;
}
