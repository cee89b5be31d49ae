using CathodeSim.Analysis.Microstructure;
using CathodeSim.IO.Microstructure;
using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Tests.Microstructure.Coupling;

/// <summary>The on-disk property cache: hits are identical, other inputs miss, damaged files are recomputed.</summary>
public sealed class MicrostructureCacheTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cathodesim-cache-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static (MicrostructureTransportSettings Settings, CompositionLine Line) Tiny()
    {
        var setup = MicrostructureCouplingFixture.Setup(MicrostructureCouplingFixture.ConfigShare());
        var settings = MicrostructureCouplingFixture.Settings(setup);
        var c = setup.Design.Cathode;
        return (settings, new CompositionLine(1 - c.VoidFraction, c.ParticleSizes, settings.ElectrolyteDiameter));
    }

    [Fact]
    public void SecondBuild_ReadsEveryStructureBack_WithIdenticalNumbers_Conservation()
    {
        var (settings, line) = Tiny();
        var cache = new MicrostructurePropertyCache(_directory);
        var first = MicrostructureTransportTables.Build(settings, line, cache, new CpuVoxelConductivitySolver());
        var second = MicrostructureTransportTables.Build(settings, line, new MicrostructurePropertyCache(_directory), new CpuVoxelConductivitySolver());
        Assert.Equal((3, 0), (first.Computed, first.Reused));
        Assert.Equal((0, 3), (second.Computed, second.Reused));
        Assert.Equal(first.Ionic, second.Ionic);
        Assert.Equal(first.Electronic, second.Electronic);
        for (int i = 0; i < 3; i++) Assert.Equal(first.Samples[i].BySeed[0], second.Samples[i].BySeed[0]);
    }

    [Fact]
    public void AnyChangedInput_GivesAnotherKey_Limit()
    {
        var (settings, line) = Tiny();
        var request = new MicrostructureRequest(line.RecipeAt(0.6, settings.BoxEdge, 1), settings.VoxelSize, settings.Generator, 1, 1);
        var key = MicrostructureCacheKey.For(request);
        Assert.Equal(key, MicrostructureCacheKey.For(request with { ElectrolyteConductivity = 7 })); // bulk conductivity scales out
        Assert.NotEqual(key.Hash, MicrostructureCacheKey.For(request with { Recipe = line.RecipeAt(0.6, settings.BoxEdge, 2) }).Hash);
        Assert.NotEqual(key.Hash, MicrostructureCacheKey.For(request with { Recipe = line.RecipeAt(0.61, settings.BoxEdge, 1) }).Hash);
        Assert.NotEqual(key.Hash, MicrostructureCacheKey.For(request with { Recipe = line.RecipeAt(0.6, 12e-6, 1) }).Hash);
        Assert.NotEqual(key.Hash, MicrostructureCacheKey.For(request with { VoxelSize = 0.5e-6 }).Hash);
        Assert.NotEqual(key.Hash, MicrostructureCacheKey.For(request with { Generator = StructureGenerator.Boolean }).Hash);
        Assert.NotEqual(key.Hash, MicrostructureCacheKey.For(request with { Recipe = (line with { ElectrolyteDiameter = 5e-6 }).RecipeAt(0.6, settings.BoxEdge, 1) }).Hash);

        var cache = new MicrostructurePropertyCache(_directory);
        var props = new MicrostructureProperties(0.5, 0.35, 0.15, 0.1, 0.2, 3.5, 2.5, 0.8, 0.9, 0.95, 1e6, 1000);
        cache.Save(key, props);
        Assert.True(cache.TryLoad(key, out var back));
        Assert.Equal(props, back);
        Assert.False(cache.TryLoad(MicrostructureCacheKey.For(request with { VoxelSize = 0.5e-6 }), out _));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("{\"Inputs\": \"something else\", \"Properties\": null}")]
    public void DamagedEntry_IsAMissAndIsRecomputed_Limit(string damage)
    {
        var (settings, line) = Tiny();
        var cache = new MicrostructurePropertyCache(_directory);
        var first = MicrostructureTransportTables.Build(settings, line, cache, new CpuVoxelConductivitySolver());
        var key = MicrostructureCacheKey.For(new MicrostructureRequest(line.RecipeAt(settings.CompositionGrid()[1], settings.BoxEdge, 1), settings.VoxelSize, settings.Generator, 1, 1));
        File.WriteAllText(cache.PathOf(key), damage);
        Assert.False(cache.TryLoad(key, out _));
        var again = MicrostructureTransportTables.Build(settings, line, cache, new CpuVoxelConductivitySolver());
        Assert.Equal((1, 2), (again.Computed, again.Reused));
        Assert.Equal(first.Ionic, again.Ionic);
        Assert.True(cache.TryLoad(key, out _));
    }

    [Fact]
    public void EntryWithPhysicallyImpossibleNumbers_IsNotTrusted_Limit()
    {
        var (settings, line) = Tiny();
        var key = MicrostructureCacheKey.For(new MicrostructureRequest(line.RecipeAt(0.6, settings.BoxEdge, 1), settings.VoxelSize, settings.Generator, 1, 1));
        var cache = new MicrostructurePropertyCache(_directory);
        cache.Save(key, new MicrostructureProperties(0.5, 0.35, 0.15, -0.1, 0.2, 3.5, 2.5, 0.8, 0.9, 0.95, 1e6, 1000));
        Assert.False(cache.TryLoad(key, out _));
    }

    [Fact]
    public void DefaultDirectory_FollowsTheEnvironmentVariable_Limit()
    {
        string? before = Environment.GetEnvironmentVariable(MicrostructurePropertyCache.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(MicrostructurePropertyCache.EnvironmentVariable, _directory);
            Assert.Equal(_directory, MicrostructurePropertyCache.DefaultDirectory());
            Environment.SetEnvironmentVariable(MicrostructurePropertyCache.EnvironmentVariable, null);
            Assert.EndsWith(Path.Combine(".cache", "cathodesim", "microstructure"), MicrostructurePropertyCache.DefaultDirectory());
        }
        finally
        {
            Environment.SetEnvironmentVariable(MicrostructurePropertyCache.EnvironmentVariable, before);
        }
    }
}
