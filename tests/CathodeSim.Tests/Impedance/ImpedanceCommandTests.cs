using System.Text.Json;
using CathodeSim.Analysis.Impedance;
using CathodeSim.Tests.Cli;

namespace CathodeSim.Tests.Impedance;

/// <summary>`cathodesim fit-eis` and `cathodesim kk` end to end on a synthetic spectrum, and bad input.</summary>
public sealed class ImpedanceCommandTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly double[] Truth = [20, 100, 2e-6, 0.85, 30];
    private const string CircuitText = "R0-p(R1,CPE1)-W1";

    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-eis-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out => Path.Combine(_dir, "out");

    private string Data()
    {
        double[] f = SyntheticSpectra.Frequencies(1e6, 1e-2, 8);
        var z = SyntheticSpectra.Spectrum(Circuit.Parse(CircuitText), Truth, f, 0.01, 7);
        return SyntheticSpectra.WriteCsv(Path.Combine(_dir, "cell.csv"), f, z);
    }

    private static void AssertNoStackTrace(CliHarness.Outcome outcome)
    {
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.DoesNotContain("Exception", outcome.Error);
    }

    [Fact]
    public void FitEis_Json_RecoversParameters_AndWritesCsvAndPlot()
    {
        var outcome = CliHarness.Run("fit-eis", Data(), "--circuit", CircuitText, "--json", "--output", Out);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        var parameters = root.GetProperty("parameters").EnumerateArray().ToArray();
        Assert.Equal(["R0", "R1", "CPE1_0", "CPE1_1", "W1"], parameters.Select(p => p.GetProperty("name").GetString()));
        for (int i = 0; i < Truth.Length; i++)
        {
            double v = parameters[i].GetProperty("value").GetDouble(), e = parameters[i].GetProperty("standard_error").GetDouble();
            Assert.True(Math.Abs(v - Truth[i]) <= 3 * e, $"{parameters[i].GetProperty("name")}: {v} +- {e}, true {Truth[i]}");
        }
        Assert.True(root.GetProperty("chi_square").GetDouble() > 0);
        string csv = Path.Combine(Out, "cell_fit.csv");
        var lines = File.ReadAllLines(csv);
        Assert.Equal(Analysis_Header, lines[0]);
        Assert.Equal(1 + 65, lines.Length);
        Assert.Contains("\"circuit\"", File.ReadAllText(csv + ".json"));
        Assert.Equal(PngSignature, File.ReadAllBytes(Path.Combine(Out, "cell_fit.png")).Take(8));
    }

    private static string Analysis_Header => CathodeSim.IO.Output.ImpedanceFitWriter.Header;

    [Fact]
    public void FitEis_Tables_ShowParametersWithErrors_AndFixedOnes()
    {
        var outcome = CliHarness.Run("fit-eis", Data(), "--circuit", CircuitText, "--initial", "R0=20", "--fix", "R0", "--weighting", "proportional", "--output", Out);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("CPE1_1", outcome.Human);
        Assert.Contains("fixed", outcome.Human);
        Assert.Contains("chi-square", outcome.Human);
    }

    [Theory]
    [InlineData("R0-p(R1,CPE1", "character 4", "never closed")]
    [InlineData("R0-p(R1,Q1)", "character 9", "unknown element 'Q'")]
    public void FitEis_BadCircuit_ExitsTwo_NamingThePosition(string circuit, string position, string problem)
    {
        var outcome = CliHarness.Run("fit-eis", Data(), "--circuit", circuit, "--output", Out);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(position, outcome.Error);
        Assert.Contains(problem, outcome.Error);
        AssertNoStackTrace(outcome);
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [InlineData("--initial", "R9=3", "'R9' is not a parameter")]
    [InlineData("--initial", "R0=abc", "not a number")]
    [InlineData("--fix", "R0", "give its value with --initial")]
    public void FitEis_BadOptions_ExitTwo(string option, string value, string message)
    {
        var outcome = CliHarness.Run("fit-eis", Data(), "--circuit", CircuitText, option, value, "--output", Out);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(message, outcome.Error);
        AssertNoStackTrace(outcome);
    }

    [Fact]
    public void FitEis_ImpedanceNearTheDoubleRange_ExitsTwo_NamingFileAndPoint_NotACrashInMathNet()
    {
        // Was exit 1 "unexpected IndexOutOfRangeException" from MathNet's eigen-decomposition of a non-finite J^T J.
        string file = Path.Combine(_dir, "huge.csv");
        File.WriteAllText(file, "frequency_Hz,z_real_ohm,z_imag_ohm\n1000,10,-1e308\n100,20,-5\n10,30,-8\n1,40,-12\n0.1,50,-20\n");
        var outcome = CliHarness.Run("fit-eis", file, "--circuit", "R0-p(R1,CPE1)", "--output", Out);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("huge.csv", outcome.Error);
        Assert.Contains("point 1 (1000 Hz)", outcome.Error);
        AssertNoStackTrace(outcome);
    }

    [Fact]
    public void FitEis_MissingFile_ExitsTwo()
    {
        var outcome = CliHarness.Run("fit-eis", Path.Combine(_dir, "none.mpt"), "--circuit", CircuitText);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("not found", outcome.Error);
        AssertNoStackTrace(outcome);
    }

    [Fact]
    public void Kk_Json_SmallResiduals_AndWritesCsvAndPlot()
    {
        // Noise-free valid spectrum: residuals well below 1 %.
        double[] f = SyntheticSpectra.Frequencies(1e6, 1e-2, 8);
        var z = Circuit.Parse("R0-p(R1,CPE1)-Ws1").Impedance([20, 100, 2e-6, 0.85, 50, 5], f);
        string data = SyntheticSpectra.WriteCsv(Path.Combine(_dir, "valid.csv"), f, z);
        var outcome = CliHarness.Run("kk", data, "--json", "--output", Out);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.True(root.GetProperty("elements").GetInt32() >= 1);
        Assert.True(root.GetProperty("max_residual_percent").GetDouble() < 1, outcome.Out[..400]);
        Assert.Equal(65, root.GetProperty("residuals").GetArrayLength());
        Assert.Equal(PngSignature, File.ReadAllBytes(Path.Combine(Out, "valid_kk.png")).Take(8));
        Assert.Equal(1 + 65, File.ReadAllLines(Path.Combine(Out, "valid_kk.csv")).Length);
        Assert.Contains("\"mu\"", File.ReadAllText(Path.Combine(Out, "valid_kk.csv.json")));

        var human = CliHarness.Run("kk", data, "--c", "0.9", "--output", Out);
        Assert.True(human.ExitCode == 0, human.Error);
        Assert.Contains("mu =", human.Human);
        Assert.Contains("RMS real", human.Human);
    }

    [Fact]
    public void Kk_BadC_ExitsTwo()
    {
        var outcome = CliHarness.Run("kk", Data(), "--c", "1.5", "--output", Out);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--c", outcome.Error);
        AssertNoStackTrace(outcome);
    }
}
