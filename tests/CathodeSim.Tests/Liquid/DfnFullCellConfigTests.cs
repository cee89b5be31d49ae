using CathodeSim.IO.Config;
using Xunit;

namespace CathodeSim.Tests.Liquid;

/// <summary>The liquid schema's full-cell keys are read strictly: one counter electrode, one cathode loading, one 1C definition.</summary>
public sealed class DfnFullCellConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-fullcell-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string body)
    {
        string path = Path.Combine(_dir, "fullcell.yaml");
        File.WriteAllText(path, $"extends: {RepositoryPaths.File("configs", "liquid", "marquis2019-kokam.yaml")}\n{body}");
        return path;
    }

    [Theory]
    [InlineData("cell:\n  counter_electrode:\n    exchange_current_density: 2.6 mA/cm^2\n", "exactly one of counter_electrode")]
    [InlineData("cell:\n  cathode:\n    active_mass: 5 g\n", "exactly one of active_mass and active_volume_fraction")]
    [InlineData("cell:\n  nominal_specific_capacity: 140 mAh/g\n", "exactly one of nominal_specific_capacity")]
    [InlineData("cell:\n  anode:\n    particle_size: 10 um\n", "particle_size")]
    [InlineData("cell:\n  electrolyte:\n    model: capiglia\n", "capiglia1999_lipf6_ec_dmc")]
    public void Contradictory_or_unknown_keys_are_refused_naming_the_key(string body, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadAnyMode(Write(body), []));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void The_anode_mesh_follows_numerics_cathode_nodes()
    {
        var setup = ConfigLoader.LoadAnyMode(Write("numerics:\n  cathode_nodes: 12\n"), []).Setup;
        Assert.Equal(12, setup.Liquid!.Grid.AnodeVolumes);
        Assert.Equal(12, setup.Liquid.Grid.SeparatorVolumes);
    }
}
