using System.Text.Json;

namespace CathodeSim.Tests.Cli;

public sealed class EisCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-eis-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Eis_AtAChargedState_WritesTheSpectrumAndItsPlots_AndThenFitsWithTheCircuitTools()
    {
        var outcome = CliHarness.Run("eis", RepositoryPaths.File("configs", "b-ncm-65.yaml"), "--at", "charge to 3.7 V", "--set", "numerics.size_bins=2",
            "--points-per-decade", "5", "--output", _dir, "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.InRange(root.GetProperty("voltage_V").GetDouble(), 3.6, 3.7);
        var spectrum = root.GetProperty("spectrum");
        Assert.Equal(41, spectrum.GetArrayLength());
        foreach (var name in new[] { "b-ncm-65_eis.h5", "b-ncm-65_eis.csv", "b-ncm-65_nyquist.png", "b-ncm-65_bode.png" })
            Assert.True(File.Exists(Path.Combine(_dir, name)), name);
        // The simulated spectrum is a valid input of the measured-data tools.
        var fit = CliHarness.Run("fit-eis", Path.Combine(_dir, "b-ncm-65_eis.csv"), "--circuit", "R0-p(R1,CPE1)-p(R2,CPE2)", "--output", _dir, "--json");
        Assert.True(fit.ExitCode == 0, fit.Error);
    }

    [Theory]
    [InlineData("--at", "charge 3.7", "--at")]
    [InlineData("--from", "0 Hz", "--from")]
    [InlineData("--from", "1e6", "--from")]
    [InlineData("--to", "10 mV", "--to")]
    [InlineData("--rate", "fast", "--rate")]
    [InlineData("--relax", "1 parsec", "--relax")]
    [InlineData("--points-per-decade", "ten", "expected a whole number")]
    public void Eis_BadInput_ExitCode2_NamingTheOption_InTheUsersWords(string option, string value, string named)
    {
        var outcome = CliHarness.Run("eis", RepositoryPaths.File("configs", "b-ncm-65.yaml"), option, value, "--output", _dir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(named, outcome.Error);
        Assert.DoesNotContain("System.", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
    }

    [Fact]
    public void Eis_QuantitiesWithUnits_GiveTheSameSpectrumAsTheirSiValues()
    {
        string[] common = ["eis", RepositoryPaths.File("configs", "b-ncm-65.yaml"), "--set", "numerics.size_bins=1", "--points-per-decade", "2", "--json"];
        var withUnits = CliHarness.Run([.. common, "--from", "100 kHz", "--to", "0.1 Hz", "--relax", "30 min", "--output", Path.Combine(_dir, "a")]);
        var inOtherUnits = CliHarness.Run([.. common, "--from", "0.1 MHz", "--to", "100 mHz", "--relax", "0.5 h", "--output", Path.Combine(_dir, "b")]);
        Assert.True(withUnits.ExitCode == 0, withUnits.Error);
        var a = JsonDocument.Parse(withUnits.Out).RootElement.GetProperty("spectrum");
        var b = JsonDocument.Parse(inOtherUnits.Out).RootElement.GetProperty("spectrum");
        Assert.Equal(13, a.GetArrayLength());
        Assert.Equal(1e5, a[0].GetProperty("frequency_Hz").GetDouble(), 6);
        Assert.Equal(a.ToString(), b.ToString());
    }

    [Fact]
    public void Eis_AfterTheConfigsProtocol_StartsFromTheCycledCell_WhoseInterfaceHasGrown()
    {
        string config = RepositoryPaths.File("configs", "b-ncm-65.yaml");
        string[] common = ["eis", config, "--set", "numerics.size_bins=1", "--set", "protocol=[Charge at 0.5C until 3.7 V, Discharge at 0.5C until 2.1 V]",
            "--at", "charge to 3.7 V", "--rate", "C/2", "--points-per-decade", "2", "--json"];
        var fresh = CliHarness.Run([.. common, "--output", Path.Combine(_dir, "fresh")]);
        var cycled = CliHarness.Run([.. common, "--after-protocol", "--output", Path.Combine(_dir, "cycled")]);
        Assert.True(cycled.ExitCode == 0, cycled.Error);
        var state = JsonDocument.Parse(cycled.Out).RootElement.GetProperty("state").GetString();
        Assert.Contains("after the config's protocol (2 steps)", state);
        double LowFrequencyReal(string json) => JsonDocument.Parse(json).RootElement.GetProperty("spectrum").EnumerateArray().Last().GetProperty("real_ohm").GetDouble();
        Assert.True(LowFrequencyReal(cycled.Out) > LowFrequencyReal(fresh.Out),
            $"after a cycle the low-frequency resistance should have grown: {LowFrequencyReal(fresh.Out)} -> {LowFrequencyReal(cycled.Out)} ohm");
    }
}
