using CathodeSim.Analysis.Microstructure;
using CathodeSim.IO.Config;

namespace CathodeSim.Tests.Microstructure.Coupling;

/// <summary><c>cell.cathode.*_transport: {law: microstructure, ...}</c>: defaults, and bad values named by key.</summary>
public sealed class MicrostructureLawConfigTests
{
    private static readonly string Config = RepositoryPaths.File("configs", "b-ncm-65.yaml");

    [Fact]
    public void BareLaw_TakesTheDocumentedDefaults_Limit()
    {
        var setup = ConfigLoader.Load(Config, ["cell.cathode.ionic_transport={law: microstructure}"]).Setup;
        var law = Assert.IsType<UnresolvedMicrostructureLaw>(setup.Design.Cathode.IonicTransport);
        Assert.Equal(TransportPhase.Ionic, law.Phase);
        Assert.Equal(new MicrostructureTransportSettings(MicrostructureTransportSettings.DefaultGenerator, MicrostructureTransportSettings.DefaultBoxEdge,
            MicrostructureTransportSettings.DefaultVoxelSize, MicrostructureTransportSettings.DefaultSeeds, MicrostructureTransportSettings.DefaultCompositionFrom,
            MicrostructureTransportSettings.DefaultCompositionTo, MicrostructureTransportSettings.DefaultCompositionPoints, 3e-6), law.Settings);
        Assert.IsNotType<UnresolvedMicrostructureLaw>(setup.Design.Cathode.ElectronicTransport);
    }

    [Fact]
    public void GivenKeys_AreRead_Limit()
    {
        var setup = ConfigLoader.Load(Config, ["cell.cathode.electronic_transport={law: microstructure, generator: boolean, box: 30 um, voxel_size: 0.25 um, seeds: 5, composition_from: 0.4, composition_to: 0.8, composition_points: 5}"]).Setup;
        var law = Assert.IsType<UnresolvedMicrostructureLaw>(setup.Design.Cathode.ElectronicTransport);
        Assert.Equal(new MicrostructureTransportSettings(StructureGenerator.Boolean, 30e-6, 0.25e-6, 5, 0.4, 0.8, 5, 3e-6), law.Settings);
        Assert.Equal(TransportPhase.Electronic, law.Phase);
    }

    [Theory]
    [InlineData("seeds: 0", "cell.cathode.ionic_transport.seeds", "at least 1")]
    [InlineData("seeds: many", "cell.cathode.ionic_transport.seeds", "whole number")]
    [InlineData("generator: stacked", "cell.cathode.ionic_transport.generator", "packed or boolean")]
    [InlineData("box: -3 um", "cell.cathode.ionic_transport.box", "positive")]
    [InlineData("voxel_size: 20 um", "cell.cathode.ionic_transport.voxel_size", "quarter of the box")]
    [InlineData("composition_from: 1.2", "cell.cathode.ionic_transport.composition_from", "between 0 and 1")]
    [InlineData("composition_from: 0.8, composition_to: 0.5", "cell.cathode.ionic_transport.composition_to", "above composition_from")]
    [InlineData("composition_points: 1", "cell.cathode.ionic_transport.composition_points", "at least 2")]
    [InlineData("seed: 3", "seed", "did you mean")]
    public void BadValue_IsReportedWithItsKey_Limit(string entry, string key, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Config, [$"cell.cathode.ionic_transport={{law: microstructure, {entry}}}"]));
        Assert.Contains(key, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void WithoutElectrolyteParticleSize_TheLawAsksForIt_Limit()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Config,
            ["cell.cathode.electrolyte_particle_size=null", "cell.cathode.electrolyte_contacts=null", "cell.cathode.electronic_transport={law: bruggeman}", "cell.cathode.ionic_transport={law: microstructure}"]));
        Assert.Contains("electrolyte_particle_size", e.Message);
        Assert.Contains("cell.cathode.ionic_transport", e.Message);
    }
}
