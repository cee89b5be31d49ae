using CathodeSim.IO.Config;
using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Protocol;

namespace CathodeSim.Tests.Config;

public sealed class ShippedConfigTests
{
    public static TheoryData<string> Configs()
    {
        var data = new TheoryData<string>();
        foreach (string f in Directory.GetFiles(ConfigTestFiles.RepositoryConfigs(), "*.yaml").OrderBy(f => f))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void LoadsSuccessfully(string file)
    {
        var loaded = ConfigLoader.Load(Path.Combine(ConfigTestFiles.RepositoryConfigs(), file), []);
        var s = loaded.Setup;
        Assert.Equal(Path.GetFileNameWithoutExtension(file), s.Name);
        Assert.Equal(5.5e-6, s.Design.Cathode.CathodeMass, 15);
        Assert.Equal(0.65, s.Design.Cathode.ActiveMassFraction);
        Assert.Equal(80e-6, s.Design.Separator.Mass, 15);
        Assert.Equal(Math.PI * 0.01 * 0.01 / 4, s.Design.Area, 15);
        Assert.Equal(298.15, s.Temperature, 12);
        Assert.Equal("NCM90", s.Design.Active.Name);
        Assert.Equal("Li3InCl6", s.Design.CathodeElectrolyte.Name);
        Assert.Equal("Li6PS5Cl", s.Design.SeparatorElectrolyte.Name);
        Assert.Equal("Li-In", s.Design.CounterElectrode.Name);
        // The first cycle of the seed paper, once or repeated (the cycling configs).
        Assert.Equal(
            [new CurrentStep("Charge at 0.1C until 3.7 V", CurrentDirection.Charge, new CRateSetpoint(0.1), 3.7, null),
             new CurrentStep("Discharge at 0.1C until 2.1 V", CurrentDirection.Discharge, new CRateSetpoint(0.1), 2.1, null)],
            s.Protocol is [RepeatStep cycles] ? cycles.Steps : s.Protocol);
        Assert.Equal("out", loaded.OutputDirectory);
        Assert.Contains("Zhang et al., Energy Environ. Sci. 2023", loaded.ResolvedYaml);
    }

    [Theory]
    [InlineData("b-ncm-65.yaml", 2e-6, 1.6, 0.85)]
    [InlineData("s-ncm-65.yaml", 3e-6, 1.6, 0.6)]
    [InlineData("m-ncm-65.yaml", 10e-6, 1.4, 0.45)]
    public void VariantsDifferOnlyInMicrostructure(string file, double d50, double gstd, double coverage)
    {
        var s = ConfigLoader.Load(Path.Combine(ConfigTestFiles.RepositoryConfigs(), file), []).Setup;
        Assert.Equal(new LognormalSizeDistribution(d50, gstd), s.Design.Cathode.ParticleSizes);
        Assert.Equal(coverage, s.Design.Cathode.ContactCoverage);

        var b = ConfigLoader.Load(Path.Combine(ConfigTestFiles.RepositoryConfigs(), "b-ncm-65.yaml"), []).Setup;
        // The transport laws follow from the particle sizes (the NCM network's threshold depends on the size ratio).
        Assert.Equal(b.Design.Cathode with
        {
            ParticleSizes = s.Design.Cathode.ParticleSizes, ContactCoverage = coverage,
            IonicTransport = s.Design.Cathode.IonicTransport, ElectronicTransport = s.Design.Cathode.ElectronicTransport,
            ElectrolyteContacts = s.Design.Cathode.ElectrolyteContacts,
        }, s.Design.Cathode);
        // The contact statistics differ only in the electrolyte particle size.
        Assert.Equal(b.Design.Cathode.ElectrolyteContacts!.CoordinationNumber, s.Design.Cathode.ElectrolyteContacts!.CoordinationNumber);
        Assert.Equal(((PercolationLaw)b.Design.Cathode.IonicTransport).Threshold, ((PercolationLaw)s.Design.Cathode.IonicTransport).Threshold);
        Assert.Equal(b.Design with { Cathode = s.Design.Cathode, Active = s.Design.Active }, s.Design);
    }

    [Fact]
    public void BaseIsNotRunnableOnItsOwn()
    {
        var e = Assert.Throws<ConfigException>(() =>
            ConfigLoader.Load(Path.Combine(ConfigTestFiles.RepositoryConfigs(), "base", "lic-composite.yaml"), []));
        Assert.Contains("lic-composite.yaml", e.Message);
        Assert.Contains("missing required value", e.Message);
    }
}
