using System.Text.Json;

namespace CathodeSim.Tests.Cli;

public sealed class OptimizeRatioMapCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-ratio-map-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] Coarse =
        ["--set", "numerics.size_bins=1", "--set", "numerics.cathode_nodes=8", "--set", "numerics.radial_shells=8", "--points", "3", "--from", "0.55", "--to", "0.85", "--tolerance", "0.05"];

    [Fact]
    public void Map_OverRatesAndTemperatures_GivesOneConditionEach_WithOptimumInItsBand_MechanismsAndFiles()
    {
        var outcome = CliHarness.Run(["optimize-ratio", RepositoryPaths.File("configs", "b-ncm-65.yaml"), "--rates", "0.1C,1C", "--temperatures", "25 degC,-20 degC",
            .. Coarse, "--jobs", "2", "--output", _dir, "--json"]);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        var conditions = root.GetProperty("conditions").EnumerateArray().ToList();
        Assert.Equal(4, conditions.Count);
        Assert.Equal([0.1, 0.1, 1.0, 1.0], conditions.Select(c => c.GetProperty("rate").GetDouble()));
        Assert.Equal([298.15, 253.15, 298.15, 253.15], conditions.Select(c => Math.Round(c.GetProperty("temperature_K").GetDouble(), 6)));
        string[] allowed = ["none", "accessibility", "ionic", "electronic", "diffusion", "kinetics"];
        foreach (var c in conditions)
        {
            var points = c.GetProperty("points").EnumerateArray().ToList();
            Assert.Equal(3, points.Count);
            foreach (var p in points)
            {
                Assert.Equal(JsonValueKind.Number, p.GetProperty("fraction").ValueKind);
                if (p.GetProperty("mechanism").ValueKind != JsonValueKind.Null) Assert.Contains(p.GetProperty("mechanism").GetString(), allowed);
                var losses = p.GetProperty("losses_mAh_per_g");
                Assert.Equal(allowed[1..], losses.EnumerateObject().Select(l => l.Name));
            }
            if (c.GetProperty("optimum_fraction").ValueKind == JsonValueKind.Null) continue;
            var band = c.GetProperty("band").EnumerateArray().Select(b => b.GetDouble()).ToArray();
            Assert.InRange(c.GetProperty("optimum_fraction").GetDouble(), band[0], band[1]);
            Assert.True(c.GetProperty("optimum_capacity_mAh_per_g").GetDouble() > 0);
        }
        // Room temperature at 0.1C delivers: the map is not empty.
        Assert.Equal(JsonValueKind.Number, conditions[0].GetProperty("optimum_fraction").ValueKind);
        Assert.True(File.Exists(Path.Combine(_dir, "b-ncm-65_ratio_map.png")));
        Assert.True(new FileInfo(Path.Combine(_dir, "b-ncm-65_ratio_map.png")).Length > 10_000);
        Assert.Equal(1 + 4 * 3 + conditions.Sum(c => c.GetProperty("refinement").GetArrayLength()) + 4,
            File.ReadAllLines(Path.Combine(_dir, "b-ncm-65_ratio_map.csv")).Length);
    }

    [Fact]
    public void Map_WithoutJson_PrintsTheTables()
    {
        var outcome = CliHarness.Run(["optimize-ratio", RepositoryPaths.File("configs", "b-ncm-65.yaml"), "--map", .. Coarse, "--output", _dir]);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("optimum fraction", outcome.Human);
        Assert.Contains("as written, 25 °C", outcome.Human);
        Assert.Contains("mechanism: acc = accessibility", outcome.Human);
    }

    [Theory]
    [InlineData("--temperatures", "25 degC,cold", "--temperatures")]
    [InlineData("--temperatures", "25 mS/cm", "--temperatures")]
    [InlineData("--temperatures", "-300 degC", "--temperatures")]
    [InlineData("--rates", "0.1C,fast", "--rates")]
    [InlineData("--objective", "discharge_energy_Wh_per_kg_composite", "--objective")]
    public void Map_BadOption_ExitsTwo_NamingTheOption(string option, string value, string named)
    {
        string[] args = option == "--temperatures"
            ? ["optimize-ratio", RepositoryPaths.File("configs", "b-ncm-65.yaml"), option, value, "--output", _dir]
            : ["optimize-ratio", RepositoryPaths.File("configs", "b-ncm-65.yaml"), "--temperatures", "25 degC", option, value, "--output", _dir];
        var outcome = CliHarness.Run(args);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(named, outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
    }
}
