using System.Text.Json;
using CathodeSim.Analysis.Impedance;
using CathodeSim.Tests.Cli;

namespace CathodeSim.Tests.Impedance;

/// <summary>`fit-eis --starts/--seed/--bounds`: parsed into the fit, reported in --json; bad values exit 2 naming the option.</summary>
public sealed class FitEisSearchOptionsTests : IDisposable
{
    private const string CircuitText = "R0-p(R1,CPE1)-W1";
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-eis-search-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Data()
    {
        double[] f = SyntheticSpectra.Frequencies(1e6, 1e-2, 8);
        var z = SyntheticSpectra.Spectrum(Circuit.Parse(CircuitText), [20, 100, 2e-6, 0.85, 30], f, 0.01, 7);
        return SyntheticSpectra.WriteCsv(Path.Combine(_dir, "cell.csv"), f, z);
    }

    [Fact]
    public void FitEis_StartsSeedBounds_AreParsed_AndReportedInJson()
    {
        var outcome = CliHarness.Run("fit-eis", Data(), "--circuit", CircuitText, "--starts", "3", "--seed", "9",
            "--bounds", "R0=25:40, CPE1_1=0.5:1", "--json", "--output", Path.Combine(_dir, "out"));
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        // One data-based start (one arc) plus the three random ones.
        Assert.Equal(4, root.GetProperty("starts").GetInt32());
        Assert.True(root.GetProperty("fit_time_ms").GetDouble() > 0);
        var r0 = root.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "R0").GetProperty("value").GetDouble();
        // The data want R0 = 20: the bound holds it at 25, and that is reported.
        Assert.InRange(r0, 25, 25.01);
        Assert.False(root.GetProperty("converged").GetBoolean());
        Assert.Contains(root.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("R0 is degenerate"));
        var again = CliHarness.Run("fit-eis", Data(), "--circuit", CircuitText, "--starts", "3", "--seed", "9",
            "--bounds", "R0=25:40, CPE1_1=0.5:1", "--json", "--output", Path.Combine(_dir, "out"));
        Assert.Equal(Values(outcome.Out), Values(again.Out));
    }

    private static double[] Values(string json) => JsonDocument.Parse(json).RootElement.GetProperty("parameters").EnumerateArray()
        .Select(p => p.GetProperty("value").GetDouble()).ToArray();

    [Theory]
    [InlineData("--bounds", "R0=5", "--bounds")]
    [InlineData("--bounds", "R0=30:10", "--bounds")]
    [InlineData("--bounds", "R0=a:10", "--bounds")]
    [InlineData("--bounds", "R9=0:1", "--bounds: 'R9' is not a parameter")]
    [InlineData("--bounds", "R0=0:1,R0=0:2", "--bounds: R0 is given twice")]
    [InlineData("--starts", "-1", "--starts")]
    public void FitEis_BadSearchOptions_ExitTwo_NamingTheOption(string option, string value, string message)
    {
        var outcome = CliHarness.Run("fit-eis", Data(), "--circuit", CircuitText, option, value, "--output", Path.Combine(_dir, "out"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(message, outcome.Error);
        Assert.DoesNotContain("Exception", outcome.Error);
    }
}
