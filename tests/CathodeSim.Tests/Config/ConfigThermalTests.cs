using CathodeSim.IO.Config;

namespace CathodeSim.Tests.Config;

public sealed class ConfigThermalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-thermal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string thermal)
    {
        string path = Path.Combine(_dir, "thermal.yaml");
        File.WriteAllText(path, $"extends: {RepositoryPaths.File("configs", "b-ncm-65.yaml")}\ncell:\n  thermal:\n{thermal}");
        return path;
    }

    [Fact]
    public void ThermalSection_MapsToSi()
    {
        var design = ConfigLoader.Load(Write("    heat_capacity: 5 J/K\n    heat_transfer: 50 mW/K\n"), []).Setup.Design;
        Assert.NotNull(design.Thermal);
        Assert.Equal(5, design.Thermal.HeatCapacity, 12);
        Assert.Equal(0.05, design.Thermal.HeatTransfer, 12);
    }

    [Fact]
    public void Absent_MeansIsothermal() =>
        Assert.Null(ConfigLoader.Load(RepositoryPaths.File("configs", "b-ncm-65.yaml"), []).Setup.Design.Thermal);

    [Theory]
    [InlineData("    heat_capacity: 5 J\n    heat_transfer: 0.05 W/K\n", "heat capacity")]
    [InlineData("    heat_capacity: -5 J/K\n    heat_transfer: 0.05 W/K\n", "must be positive")]
    [InlineData("    heat_capacity: 5 J/K\n    heat_transfr: 0.05 W/K\n", "did you mean 'heat_transfer'")]
    public void BadThermalValues_NameFileLineAndKey(string body, string expected)
    {
        string path = Write(body);
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, []));
        Assert.Contains("thermal.yaml:", e.Message);
        Assert.Contains("cell.thermal", e.Message);
        Assert.Contains(expected, e.Message);
    }
}
