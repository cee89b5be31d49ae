using System.Text.Json;

namespace CathodeSim.Tests.Cli;

public sealed class EisTablesCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-eis-tables-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void EisTables_ForBNcm_SimulatesAndFitsEveryRow_AndRanksTheArcs()
    {
        var outcome = CliHarness.Run("eis-tables", "--cathode", "B-NCM", "--table", RepositoryPaths.File("validation", "eis_fits_tables_S2_S4.csv"),
            "--configs", RepositoryPaths.File("configs"), "--set", "numerics.size_bins=2", "--output", _dir, "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(10, root.GetProperty("row_count").GetInt32());
        foreach (var row in root.GetProperty("rows").EnumerateArray())
        {
            double se = row.GetProperty("R_SE_simulated_ohm").GetDouble();
            double cathode = row.GetProperty("R_cathode_simulated_ohm").GetDouble();
            // The separator alone is ~47 ohm (0.63 mm of Li6PS5Cl at 1.7 mS/cm over 0.785 cm^2).
            Assert.InRange(se, 40, 90);
            Assert.True(cathode > 0);
        }
        Assert.True(File.Exists(Path.Combine(_dir, "eis_tables_comparison.csv")));
    }

    [Fact]
    public void EisTables_UnknownCathode_ExitCode2()
    {
        var outcome = CliHarness.Run("eis-tables", "--cathode", "X-NCM", "--table", RepositoryPaths.File("validation", "eis_fits_tables_S2_S4.csv"), "--output", _dir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("X-NCM", outcome.Error);
    }
}
