using System.Text.Json;
using CathodeSim.Analysis.Impedance;
using CathodeSim.IO.Output;
using CathodeSim.Model.Impedance;
using CathodeSim.Tests.Cli;
using CathodeSim.Tests.IO.Measurements;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Impedance.Drt;

/// <summary>`cathodesim drt` and `cathodesim eis --drt` end to end: synthetic, real and simulated spectra, and bad input.</summary>
public sealed class DrtCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-drt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonElement[] Peaks(JsonElement root) => root.GetProperty("peaks").EnumerateArray().ToArray();

    [Fact]
    public void Json_HasThePeaksArray_WithTheTwoRcValues_AndWritesCsvAndPlot()
    {
        double[] f = DrtTests.Frequencies();
        string file = SyntheticSpectra.WriteCsv(Path.Combine(_dir, "tworc.csv"), f, DrtTests.TwoRc(f, 0.01));
        var outcome = CliHarness.Run("drt", file, "--json", "--output", _dir);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        var peaks = Peaks(root);
        Assert.Equal(2, peaks.Length);
        Assert.InRange(peaks[0].GetProperty("tau_s").GetDouble(), 0.9e-3, 1.1e-3);
        Assert.InRange(peaks[1].GetProperty("resistance_ohm").GetDouble(), 95, 105);
        Assert.Equal(1 / (2 * Math.PI * peaks[1].GetProperty("tau_s").GetDouble()), peaks[1].GetProperty("frequency_Hz").GetDouble(), 9);
        Assert.True(root.GetProperty("lambda").GetDouble() > 0);
        Assert.InRange(root.GetProperty("r_inf_ohm").GetDouble(), 9.5, 10.5);
        Assert.True(root.TryGetProperty("inductance_H", out _));
        Assert.True(root.TryGetProperty("residual_rms_percent", out _));
        string csv = Path.Combine(_dir, "tworc_drt.csv");
        Assert.Contains(DrtWriter.Header, File.ReadAllLines(csv));
        byte[] png = File.ReadAllBytes(Path.Combine(_dir, "tworc_drt.png"));
        Assert.Equal(0x89, png[0]);
    }

    [Fact]
    public void Text_ByDefault_ShowsThePeakTable()
    {
        double[] f = DrtTests.Frequencies();
        string file = SyntheticSpectra.WriteCsv(Path.Combine(_dir, "tworc.csv"), f, DrtTests.TwoRc(f, 0));
        var outcome = CliHarness.Run("drt", file, "--output", _dir, "--fmin", "50 mHz", "--lambda", "1e-4", "--points-per-decade", "8");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("2 peaks", outcome.Human);
        Assert.Contains("lambda = 0.0001 (given)", outcome.Human);
        Assert.Contains("R (ohm)", outcome.Human);
    }

    [Fact]
    public void BadFile_ExitCode2_NamingTheFile_WithoutStackTrace()
    {
        string missing = Path.Combine(_dir, "nothing.mpt");
        var outcome = CliHarness.Run("drt", missing, "--output", _dir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("nothing.mpt", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);

        string garbage = Path.Combine(_dir, "garbage.csv");
        File.WriteAllText(garbage, "a,b\n1,2\n");
        outcome = CliHarness.Run("drt", garbage, "--output", _dir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("garbage.csv", outcome.Error);
        Assert.DoesNotContain("Exception", outcome.Error);
    }

    [Fact]
    public void BadOption_ExitCode2_NamingTheFileAndWhatIsExpected()
    {
        double[] f = DrtTests.Frequencies();
        string file = SyntheticSpectra.WriteCsv(Path.Combine(_dir, "tworc.csv"), f, DrtTests.TwoRc(f, 0));
        var outcome = CliHarness.Run("drt", file, "--lambda", "-1", "--output", _dir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("tworc.csv", outcome.Error);
        Assert.Contains("expected", outcome.Error);
    }

    [Fact]
    public void RealSpectrum_HybridDrtSample2_RunsWithSeveralPeaks()
    {
        string? file = ExternalData.File(output, "hybrid-drt", "Sample2_PEIS_AtRest.csv");
        if (file is null) return;
        var outcome = CliHarness.Run("drt", file, "--json", "--output", _dir);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        var peaks = Peaks(root);
        foreach (var p in peaks)
            output.WriteLine(FormattableString.Invariant($"tau {p.GetProperty("tau_s").GetDouble():G4} s, f {p.GetProperty("frequency_Hz").GetDouble():G4} Hz, R {p.GetProperty("resistance_ohm").GetDouble():G4} ohm"));
        output.WriteLine(FormattableString.Invariant($"lambda {root.GetProperty("lambda").GetDouble():G3}, rms {root.GetProperty("residual_rms_percent").GetDouble():G3} %"));
        Assert.True(peaks.Length >= 3, $"{peaks.Length} peaks");
        // A Kramers-Kronig-valid spectrum is reproduced to within about 1 % of |Z|.
        Assert.True(root.GetProperty("residual_rms_percent").GetDouble() < 1);
    }

    [Fact]
    public void Simulated_EisDrt_PeaksAssignedToTheModelsProcesses()
    {
        var outcome = CliHarness.Run("eis", RepositoryPaths.File("configs", "b-ncm-65.yaml"), "--at", "charge to 3.7 V", "--set", "numerics.size_bins=2",
            "--drt", "--output", _dir, "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var drt = JsonDocument.Parse(outcome.Out).RootElement.GetProperty("drt");
        var peaks = Peaks(drt);
        foreach (var p in peaks)
            output.WriteLine(FormattableString.Invariant($"tau {p.GetProperty("tau_s").GetDouble():G4} s, R {p.GetProperty("resistance_ohm").GetDouble():G4} ohm -> {p.GetProperty("process")}"));
        var assigned = peaks.Where(p => p.GetProperty("process").ValueKind == JsonValueKind.String).ToArray();
        // The Li-In interface (R_ct C_dl about 60 us) and the cathode's charge transfer (about 16 ms) are distinct peaks.
        Assert.Contains(assigned, p => p.GetProperty("process").GetString() == "counter electrode");
        Assert.Contains(assigned, p => p.GetProperty("process").GetString()!.StartsWith("charge transfer", StringComparison.Ordinal));
        foreach (var p in assigned)
        {
            double ratio = p.GetProperty("tau_s").GetDouble() / p.GetProperty("process_tau_s").GetDouble();
            Assert.InRange(ratio, 1 / DrtAssignment.DefaultFactor, DrtAssignment.DefaultFactor);
        }
        Assert.True(File.Exists(Path.Combine(_dir, "b-ncm-65_drt.csv")));
        Assert.True(File.Exists(Path.Combine(_dir, "b-ncm-65_drt.png")));
    }

    [Fact]
    public void Assignment_NearestInLogTau_UnassignedBeyondTheFactor()
    {
        var peaks = new[] { new DrtPeak(1e-3, 1, 1, 1e-4, 1e-2, 1), new DrtPeak(1, 1, 1, 0.1, 10, 1) };
        var processes = new[] { new ImpedanceProcess("a", 2e-3, ""), new ImpedanceProcess("b", 4e-4, ""), new ImpedanceProcess("c", 10, "") };
        var result = DrtAssignment.Assign(peaks, processes);
        Assert.Equal("a", result[0].Process);          // |ln 2| < |ln 2.5|
        Assert.Equal(0.5, result[0].Ratio!.Value, 12);
        Assert.Null(result[1].Process);                 // nearest is a factor 10 away
        Assert.Equal("c", DrtAssignment.Assign(peaks, processes, factor: 20)[1].Process);
    }
}
