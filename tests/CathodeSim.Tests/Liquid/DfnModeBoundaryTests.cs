using PureHDF;
using System.Text.Json;

using CathodeSim.Tests.Cli;

namespace CathodeSim.Tests.Liquid;

/// <summary>
/// The liquid-electrolyte (mode: dfn) configs go through `cathodesim run` end to end; every other workflow, which builds
/// the solid-state cell model, refuses them at load time instead of simulating the liquid setup's placeholder design.
/// </summary>
public sealed class DfnModeBoundaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-dfn-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Coin => RepositoryPaths.File("configs", "liquid", "s-ncm-coin.yaml");

    [Fact]
    public void Run_OfTheLiquidCoinCell_WritesTheRunFiles_AndPassesTheChargeOfItsStep()
    {
        var outcome = CliHarness.Run("run", Coin, "--json", "--output", _dir, "--set", "numerics.size_bins=1",
            "--set", "protocol=[Charge at 1C for 6 min]");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        // The as-made cathode is fully lithiated, so the protocol charges: 6 min at 1C is a tenth of the nominal 200 mAh/g.
        Assert.InRange(root.GetProperty("charge_capacity_mAh_per_g").GetDouble(), 19.9, 20.1);
        foreach (string suffix in new[] { ".h5", "_timeseries.csv", "_steps.csv", "_voltage.png" })
            Assert.Single(Directory.GetFiles(_dir, "*" + suffix));
    }

    [Fact]
    public void Run_OfTheLiquidCoinCell_WritesTheElectrolyteConcentrationProfile_ToTheHdf5File()
    {
        var outcome = CliHarness.Run("run", Coin, "--output", _dir, "--set", "numerics.size_bins=1", "--set", "numerics.cathode_nodes=8",
            "--set", "protocol=[Charge at 1C for 6 min]");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        using var file = H5File.OpenRead(Assert.Single(Directory.GetFiles(_dir, "*.h5")));
        var snapshot = file.Group("profiles/snapshot_000");
        double[] ce = snapshot.Dataset("electrolyte_concentration_mol_per_m3").Read<double[]>();
        double[] x = snapshot.Dataset("electrolyte_position_m").Read<double[]>();
        Assert.Equal(16, ce.Length); // 8 separator + 8 cathode volumes
        Assert.Equal(ce.Length, x.Length);
        Assert.True(x.Zip(x.Skip(1)).All(p => p.Second > p.First));
        // On charge the cathode releases Li+ and the lithium metal takes it up: salt piles up at the collector and
        // thins at the lithium, around the initial 1 M.
        Assert.True(ce[0] < 1000 && ce[^1] > 1000, $"c_e from {ce[0]:F1} to {ce[^1]:F1} mol/m^3");
    }

    [Theory]
    [InlineData("gitt")]
    [InlineData("eis")]
    [InlineData("optimize-ratio")]
    public void OtherWorkflows_RefuseADfnConfig_WithExit2NamingTheModeKey(string command)
    {
        var outcome = CliHarness.Run(command, Coin, "--output", Path.Combine(_dir, command));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("mode", outcome.Error);
        Assert.Contains("cathodesim run", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
    }

    [Fact]
    public void Sweep_OverADfnBase_IsRefused_WithExit2()
    {
        string sweep = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(sweep, $"name: s\nbase: {Coin.Replace('\\', '/')}\nparameters:\n  temperature: {{values: [25 degC, 40 degC]}}\n");
        var outcome = CliHarness.Run("sweep", sweep, "--output", Path.Combine(_dir, "sweep"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("mode", outcome.Error);
    }
}
