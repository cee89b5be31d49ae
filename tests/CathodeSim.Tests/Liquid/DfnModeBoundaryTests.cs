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
