using System.Globalization;
using System.Text.Json;

namespace CathodeSim.Tests.Cli;

/// <summary>
/// `cathodesim compare` end to end: a solid-state and a liquid-electrolyte cell of the same NCM give the same numbers
/// as `run` on each, with the right electrolyte and counter electrode, and the comparison's files; bad input exits 2.
/// </summary>
public sealed class CompareCommandTests : IDisposable
{
    /// <summary>A coarse grid both modes accept (the numerics keys are shared), so that each run takes well under a second.</summary>
    private static readonly string[] Coarse =
        ["--set", "numerics.cathode_nodes=6", "--set", "numerics.radial_shells=6", "--set", "numerics.size_bins=1"];

    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-compare-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Config(params string[] parts) => RepositoryPaths.File(["configs", .. parts]);

    private static double RunDischargeCapacity(string config, string output)
    {
        var run = CliHarness.Run(["run", config, "--json", "--output", output, .. Coarse]);
        Assert.Equal(0, run.ExitCode);
        return JsonDocument.Parse(run.Out).RootElement.GetProperty("discharge_capacity_mAh_per_g").GetDouble();
    }

    [Fact]
    public void Compare_SolidAgainstLiquid_MatchesRunOnEach_AndWritesTheComparison()
    {
        string solid = Config("s-ncm-65.yaml"), liquid = Config("liquid", "s-ncm-coin.yaml");
        string output = Path.Combine(_dir, "cmp");
        var outcome = CliHarness.Run(["compare", solid, liquid, "--json", "--output", output, .. Coarse]);
        Assert.True(outcome.ExitCode == 0, outcome.Error);

        var cells = JsonDocument.Parse(outcome.Out).RootElement.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(2, cells.Count);
        Assert.Equal("solid", cells[0].GetProperty("electrolyte").GetString());
        Assert.Equal("Li-In", cells[0].GetProperty("counter_electrode").GetString());
        Assert.Equal("liquid", cells[1].GetProperty("electrolyte").GetString());
        Assert.Equal("Li", cells[1].GetProperty("counter_electrode").GetString());
        foreach (var key in new[] { "charge_capacity_mAh_per_g", "coulombic_efficiency_percent", "mean_discharge_voltage_V", "discharge_energy_mWh_per_g",
                     "discharge_capacity_difference_mAh_per_g", "discharge_capacity_difference_percent" })
            Assert.Equal(JsonValueKind.Number, cells[1].GetProperty(key).ValueKind);

        // The same numbers as `run` with the same overrides: compare runs the configs, it does not model them anew.
        double solidDischarge = cells[0].GetProperty("discharge_capacity_mAh_per_g").GetDouble();
        double liquidDischarge = cells[1].GetProperty("discharge_capacity_mAh_per_g").GetDouble();
        Assert.Equal(RunDischargeCapacity(solid, Path.Combine(_dir, "run-solid")), solidDischarge, 10);
        Assert.Equal(RunDischargeCapacity(liquid, Path.Combine(_dir, "run-liquid")), liquidDischarge, 10);
        Assert.Equal(0.0, cells[0].GetProperty("discharge_capacity_difference_mAh_per_g").GetDouble());
        Assert.Equal(liquidDischarge - solidDischarge, cells[1].GetProperty("discharge_capacity_difference_mAh_per_g").GetDouble(), 10);
        Assert.Equal(100 * (liquidDischarge - solidDischarge) / solidDischarge, cells[1].GetProperty("discharge_capacity_difference_percent").GetDouble(), 8);

        // Each run's files as `run` writes them, in a folder per config.
        Assert.True(File.Exists(Path.Combine(output, "s-ncm-65", "s-ncm-65_timeseries.csv")));
        Assert.True(File.Exists(Path.Combine(output, "s-ncm-coin", "s-ncm-coin.h5")));

        var csv = File.ReadAllLines(Path.Combine(output, "comparison.csv"));
        Assert.Equal(3, csv.Length);
        var header = csv[0].Split(',');
        int discharge = Array.IndexOf(header, "discharge_capacity_mAh_per_g");
        Assert.True(discharge >= 0, csv[0]);
        Assert.Equal(liquidDischarge, double.Parse(csv[2].Split(',')[discharge], CultureInfo.InvariantCulture), 10);

        byte[] png = File.ReadAllBytes(Path.Combine(output, "comparison.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png.Take(4).ToArray());
        var files = JsonDocument.Parse(outcome.Out).RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains(files, f => f!.EndsWith("comparison.csv", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(output, "*.tmp*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Compare_WithoutJson_PrintsOneRowPerConfig_AndNotesTheCounterElectrodes()
    {
        var outcome = CliHarness.Run(["compare", Config("s-ncm-65.yaml"), Config("liquid", "s-ncm-coin.yaml"), "--output", _dir, .. Coarse]);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("discharge (mAh/g)", outcome.Human);
        Assert.Contains("s-ncm-coin", outcome.Human);
        Assert.Contains("liquid", outcome.Human);
        Assert.Contains("0.62 V", outcome.Human);
    }

    [Fact]
    public void Compare_OneConfig_IsBadInput()
    {
        var outcome = CliHarness.Run("compare", Config("s-ncm-65.yaml"), "--output", _dir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("at least 2 configs", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Compare_MissingConfig_IsBadInput_NamesIt_AndWritesNothing()
    {
        string missing = Path.Combine(_dir, "no-such-cell.yaml");
        string output = Path.Combine(_dir, "cmp");
        var outcome = CliHarness.Run(["compare", Config("s-ncm-65.yaml"), missing, "--output", output, .. Coarse]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("no-such-cell.yaml", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.False(File.Exists(Path.Combine(output, "comparison.csv")));
        Assert.False(File.Exists(Path.Combine(output, "comparison.png")));
        // The solid config before it is not run either: every config is checked before anything runs.
        Assert.False(Directory.Exists(Path.Combine(output, "s-ncm-65")));
    }

    [Fact]
    public void Compare_OverrideThatOneModeLacks_IsThatConfigsError()
    {
        // contact_coverage is a solid-state parameter: the liquid config has no such key.
        string liquid = Config("liquid", "s-ncm-coin.yaml");
        var outcome = CliHarness.Run("compare", Config("s-ncm-65.yaml"), liquid, "--output", _dir, "--set", "cell.cathode.contact_coverage=0.5");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("s-ncm-coin.yaml", outcome.Error);
        Assert.Contains("contact_coverage", outcome.Error);
        Assert.DoesNotContain("Exception", outcome.Error);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }
}
