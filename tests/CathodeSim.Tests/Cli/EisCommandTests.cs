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
    [InlineData("--at", "charge 3.7")]
    [InlineData("--from", "0")]
    public void Eis_BadInput_ExitCode2(string option, string value)
    {
        var outcome = CliHarness.Run("eis", RepositoryPaths.File("configs", "b-ncm-65.yaml"), option, value, "--output", _dir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.DoesNotContain("   at ", outcome.Error);
    }
}
