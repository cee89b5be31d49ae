using System.Text.Json;
using CathodeSim.Analysis.Impedance;
using CathodeSim.Tests.Cli;

namespace CathodeSim.Tests.Impedance;

/// <summary>`fit-eis --fmin/--fmax`: only the points inside the band are fitted; bad bands exit 2 with the option named.</summary>
public sealed class FrequencyBandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-band-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void FitEis_FitsOnlyThePointsInsideTheBand()
    {
        double[] f = SyntheticSpectra.Frequencies(1e6, 1e-2, 8);
        var z = Circuit.Parse("R0-p(R1,CPE1)-W1").Impedance([20, 100, 2e-6, 0.85, 30], f);
        string data = SyntheticSpectra.WriteCsv(Path.Combine(_dir, "cell.csv"), f, z);
        string outDir = Path.Combine(_dir, "out");
        var outcome = CliHarness.Run("fit-eis", data, "--circuit", "R0-p(R1,CPE1)-W1", "--fmin", "0.1 Hz", "--fmax", "100 kHz", "--json", "--output", outDir);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        int inside = f.Count(x => x >= 0.1 && x <= 1e5);
        Assert.True(inside < f.Length);
        var csv = File.ReadAllLines(Path.Combine(outDir, "cell_fit.csv")).Where(l => l.Length > 0 && char.IsDigit(l[0])).ToArray();
        Assert.Equal(inside, csv.Length);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(20, root.GetProperty("parameters")[0].GetProperty("value").GetDouble(), 3);

        var inverted = CliHarness.Run("fit-eis", data, "--circuit", "R0-p(R1,CPE1)-W1", "--fmin", "1 kHz", "--fmax", "10 Hz", "--output", outDir);
        Assert.Equal(2, inverted.ExitCode);
        Assert.Contains("--fmax", inverted.Error);
    }
}
