using CathodeSim.Analysis.Microstructure;
using CathodeSim.IO.Config;
using CathodeSim.IO.Microstructure;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Microstructure.Structures;
using CathodeSim.Numerics.Voxels;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Microstructure.Coupling;

/// <summary>From config to cell: law: microstructure puts the computed conductivity factors and shares into the cell model.</summary>
public sealed class MicrostructureLawEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cathodesim-e2e-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void ResolvedCell_TakesTheFactorsComputedDirectlyForItsComposition_Independent()
    {
        double share = MicrostructureCouplingFixture.ConfigShare();
        var unresolved = MicrostructureCouplingFixture.Setup(share);
        var resolver = new MicrostructureLawResolver(new MicrostructurePropertyCache(_directory), new CpuVoxelConductivitySolver());
        var setup = resolver.Resolve(unresolved);
        Assert.IsType<TabulatedTransportLaw>(setup.Design.Cathode.IonicTransport);
        Assert.IsType<TabulatedTransportLaw>(setup.Design.Cathode.ElectronicTransport);
        Assert.Null(setup.Design.Cathode.ElectrolyteContacts);
        var cell = CompositeMicrostructure.From(setup.Design, 1);

        // Independently: the structure of the cell's own composition, built from the cell's volume fractions and solved
        // with the real bulk conductivities, not unit ones; its factors must be what the cell took (the composition is the
        // middle grid point, so interpolation adds nothing beyond the fractions' rounding).
        var design = setup.Design;
        var settings = MicrostructureCouplingFixture.Settings(unresolved);
        var recipe = new StructureRecipe(settings.BoxEdge, settings.BoxEdge, cell.ActiveVolumeFraction, cell.ElectrolyteVolumeFraction,
            design.Cathode.ParticleSizes, new LognormalSizeDistribution(settings.ElectrolyteDiameter, 1.0), 1);
        const double sigmaSe = 0.12, sigmaAm = 0.034;
        var direct = MicrostructureComputation.Compute(new MicrostructureRequest(recipe, settings.VoxelSize, settings.Generator, sigmaSe, sigmaAm), new CpuVoxelConductivitySolver()).Properties;
        output.WriteLine($"cell: ionic {cell.IonicFactor}, electronic {cell.ElectronicFactor}, accessible {cell.AccessibleActiveFraction}; direct: {direct}");
        Assert.Equal(direct.EffectiveIonicConductivity / sigmaSe, cell.IonicFactor, 0.01 * cell.IonicFactor);
        Assert.Equal(direct.EffectiveElectronicConductivity / sigmaAm, cell.ElectronicFactor, 0.01 * cell.ElectronicFactor);
        Assert.Equal(direct.ActivePercolatingFraction, cell.ElectronicallyConnectedShare, 0.01);
        Assert.Equal(direct.AccessibleActiveFraction, cell.AccessibleActiveFraction, 0.01);

        // And it differs from the closed-form law the config had.
        var closed = CompositeMicrostructure.From(ConfigLoader.Load(RepositoryPaths.File("configs", "b-ncm-65.yaml"), []).Setup.Design, 1);
        Assert.NotEqual(closed.IonicFactor, cell.IonicFactor);
    }

    [Fact]
    public void UnresolvedLaw_FailsWithAClearMessage_Limit()
    {
        var unresolved = MicrostructureCouplingFixture.Setup(MicrostructureCouplingFixture.ConfigShare());
        var e = Assert.Throws<InvalidOperationException>(() => CompositeMicrostructure.From(unresolved.Design, 1));
        Assert.Contains("microstructure", e.Message);
    }
}
