using System.Numerics;
using System.Text.Json;
using CathodeSim.Analysis.Impedance;
using CathodeSim.Tests.Cli;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Impedance;

/// <summary>
/// The lin-KK verdict: a causal spectrum is judged consistent, a drifting one not (with the drifting points counted),
/// a blocking electrode gets the hint to add a series capacitance and is consistent with it, and --fmin/--fmax crop.
/// </summary>
public sealed class LinKkVerdictTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-kkv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly double[] Frequencies = SyntheticSpectra.Frequencies(1e6, 1e-2, 8);

    private static Complex[] Causal() => Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)-Ws1").Impedance([15, 60, 5e-6, 0.85, 150, 1e-4, 0.9, 80, 20], Frequencies);

    [Fact]
    public void CausalSpectrum_IsConsistent_WithNoOutliers()
    {
        var verdict = LinKkVerdict.Judge(LinKk.Test(Frequencies, Causal()));
        output.WriteLine($"RMS {verdict.RmsResidual:P3}");
        Assert.True(verdict.Consistent);
        Assert.Equal(0, verdict.Outliers);
        Assert.Null(verdict.OutlierRange);
        Assert.False(verdict.LooksBlocking);
    }

    [Fact]
    public void DriftingSpectrum_IsNotConsistent_AndItsWorstPointsAreCounted()
    {
        // The cell's resistance grows by 10 % of its total during the sweep (high to low frequency).
        var z = Causal();
        var drifted = z.Select((v, i) => v + new Complex(0.1 * 305 * i / (z.Length - 1), 0)).ToArray();
        var verdict = LinKkVerdict.Judge(LinKk.Test(Frequencies, drifted));
        output.WriteLine($"RMS {verdict.RmsResidual:P3}, {verdict.Outliers} outliers in {verdict.OutlierRange}");
        Assert.False(verdict.Consistent);
        Assert.True(verdict.RmsResidual > verdict.Threshold);
        Assert.False(verdict.LooksBlocking);
    }

    [Fact]
    public void BlockingElectrode_GetsTheCapacitanceHint_AndIsConsistentWithIt()
    {
        var z = Circuit.Parse("R0-p(R1,CPE1)-Wo1").Impedance([15, 60, 5e-6, 0.85, 80, 20], Frequencies);
        var without = LinKkVerdict.Judge(LinKk.Test(Frequencies, z), capacitanceFitted: false);
        var with = LinKkVerdict.Judge(LinKk.Test(Frequencies, z, new LinKkOptions { Capacitance = true }), capacitanceFitted: true);
        output.WriteLine($"without C: RMS {without.RmsResidual:P3}, blocking {without.LooksBlocking}; with C: RMS {with.RmsResidual:P3}");
        Assert.False(without.Consistent);
        Assert.True(without.LooksBlocking);
        Assert.True(with.Consistent);
        Assert.False(with.LooksBlocking);
    }

    [Fact]
    public void Threshold_OutsideZeroToOne_IsRefused()
    {
        var kk = LinKk.Test(Frequencies, Causal());
        Assert.Throws<ArgumentException>(() => LinKkVerdict.Judge(kk, 0));
        Assert.Throws<ArgumentException>(() => LinKkVerdict.Judge(kk, 1.5));
    }

    [Fact]
    public void Cli_FmaxCropsTheSpectrum_JsonCarriesTheVerdict_AndAnEmptyBandExitsTwo()
    {
        string data = SyntheticSpectra.WriteCsv(Path.Combine(_dir, "cell.csv"), Frequencies, Causal());
        string outDir = Path.Combine(_dir, "out");
        var all = CliHarness.Run("kk", data, "--json", "--output", outDir);
        Assert.True(all.ExitCode == 0, all.Error);
        var cropped = CliHarness.Run("kk", data, "--json", "--fmax", "1 kHz", "--threshold", "0.5 %", "--output", outDir);
        Assert.True(cropped.ExitCode == 0, cropped.Error);
        var root = JsonDocument.Parse(cropped.Out).RootElement;
        int kept = Frequencies.Count(f => f <= 1e3);
        Assert.Equal(kept, root.GetProperty("residuals").GetArrayLength());
        Assert.True(kept < JsonDocument.Parse(all.Out).RootElement.GetProperty("residuals").GetArrayLength());
        Assert.True(root.GetProperty("consistent").GetBoolean());
        Assert.Equal(0.5, root.GetProperty("threshold_percent").GetDouble(), 12);

        var empty = CliHarness.Run("kk", data, "--fmin", "10 MHz", "--output", outDir);
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("cell.csv", empty.Error);
        Assert.Contains("at least 3", empty.Error);
        var badUnit = CliHarness.Run("kk", data, "--fmax", "1 kg", "--output", outDir);
        Assert.Equal(2, badUnit.ExitCode);
    }

    [Fact]
    public void RealBlockingCell_GetsTheHint_AndPassesWithTheCapacitance()
    {
        string file = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "external-data", "hybrid-drt", "PEIS_LPSCl_IonBlocking_-25C.mpr"));
        if (!File.Exists(file))
        {
            output.WriteLine($"{file} not found: skipped");
            return;
        }
        string outDir = Path.Combine(_dir, "out");
        var plain = CliHarness.Run("kk", file, "--json", "--output", outDir);
        Assert.True(plain.ExitCode == 0, plain.Error);
        var root = JsonDocument.Parse(plain.Out).RootElement;
        Assert.False(root.GetProperty("consistent").GetBoolean());
        Assert.Contains("--capacitance", root.GetProperty("hint").GetString());
        var with = CliHarness.Run("kk", file, "--json", "--capacitance", "--output", outDir);
        Assert.True(JsonDocument.Parse(with.Out).RootElement.GetProperty("consistent").GetBoolean(), with.Out[..300]);
    }
}
