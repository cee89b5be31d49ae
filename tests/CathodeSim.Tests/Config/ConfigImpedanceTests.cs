using CathodeSim.IO.Config;

namespace CathodeSim.Tests.Config;

public sealed class ConfigImpedanceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-impedance-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string body)
    {
        string path = Path.Combine(_dir, "impedance.yaml");
        File.WriteAllText(path, $"extends: {RepositoryPaths.File("configs", "b-ncm-65.yaml")}\ncell:\n  impedance:\n{body}");
        return path;
    }

    [Fact]
    public void ImpedanceSection_MapsToSi_WithDefaultsForMissingValues()
    {
        var p = ConfigLoader.Load(Write("    cathode_double_layer: 30 uF/cm^2\n    separator_permittivity: 25\n"), []).Setup.Design.Impedance;
        Assert.NotNull(p);
        Assert.Equal(0.3, p.CathodeDoubleLayer, 12);
        Assert.Equal(0.2, p.CounterDoubleLayer, 12);
        Assert.Equal(25, p.SeparatorPermittivity, 12);
    }

    [Theory]
    [InlineData("    cathode_double_layer: 30 uF\n", "capacitance per area")]
    [InlineData("    cathode_double_layer: -30 uF/cm^2\n", "must be positive")]
    [InlineData("    separator_permitivity: 30\n", "did you mean 'separator_permittivity'")]
    public void BadValues_NameFileLineAndKey(string body, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Write(body), []));
        Assert.Contains("impedance.yaml:", e.Message);
        Assert.Contains("cell.impedance", e.Message);
        Assert.Contains(expected, e.Message);
    }
}
