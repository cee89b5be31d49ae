using CathodeSim.Analysis.Impedance;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Impedance;

/// <summary>
/// The impedance analysis issue's "done when": on real all-solid-state spectra, the default fit's relative RMS is within 2 %
/// of the best that 100 random starts find. The best-known minimum of each case was found the expensive way, by three seeds of
/// 100 random starts with every start descended to convergence
/// (<c>dotnet run -c Release --project tests/CathodeSim.Benchmarks -- eis-fit-real --reference</c>, 2026-12-07; all three seeds
/// agree to 1e-7); it is recorded here because a cheaper in-test reference can itself miss a narrow basin (the blocking
/// pellet's, found by about one start in five). A test below re-runs 100 random starts of another seed in the suite and fails
/// if they beat a recorded value, so a record cannot go stale silently.
/// </summary>
public sealed class CircuitFitGlobalMinimumTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, double> Cases => new()
    {
        { "Sample2_PEIS_AtRest.csv", "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3", 0.01660568877843022 },
        { "Sample2_PEIS_AtRest.csv", "R0-p(R1,CPE1)-p(R2,CPE2)-W1", 0.016765128665511397 },
        { "Sample2_PEIS_AtRest.csv", "R0-p(R1,CPE1)-p(R2,CPE2)-Wo1", 0.016764801320545048 },
        { "PEIS_LPSCl_IonBlocking_-25C.mpr", "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3", 0.009322670410092744 },
        { "PEIS_LPSCl_IonBlocking_-25C.mpr", "R0-p(R1,CPE1)-p(R2,CPE2)-W1", 0.010003799290004485 },
        { "PEIS_LPSCl_IonBlocking_-25C.mpr", "R0-p(R1,CPE1)-p(R2,CPE2)-Wo1", 0.009805558062815141 },
        { "exampleData.csv", "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3", 0.006909890606407714 },
        { "exampleData.csv", "R0-p(R1,CPE1)-p(R2,CPE2)-W1", 0.009236242665155433 },
        { "exampleData.csv", "R0-p(R1,CPE1)-p(R2,CPE2)-Wo1", 0.009214739516498026 },
        { "exampleData.csv", "R0-p(R1,C1)-p(R2-Wo1,C2)", 0.01270030172646677 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DefaultFit_RelativeRms_IsWithinTwoPercentOfTheBestKnownMinimum(string file, string text, double bestKnown)
    {
        var data = RealSpectra.Load(file);
        if (data is null)
        {
            output.WriteLine($"../shared/external-data: {file} not found: skipped");
            return;
        }
        var (f, z) = data.Value;
        var fit = CircuitFitter.Fit(Circuit.Parse(text), f, z);
        output.WriteLine($"{file} ({f.Length} points) {text}: default {fit.RelativeRms:G8} (start {fit.BestStart} of {fit.Starts}, "
            + $"{fit.Evaluations} evaluations, {fit.FitTime.TotalMilliseconds:F1} ms), best known {bestKnown:G8}, ratio {fit.RelativeRms / bestKnown:F5}");
        foreach (var w in fit.Warnings) output.WriteLine($"  warning {w}");
        Assert.True(fit.RelativeRms <= 1.02 * bestKnown,
            $"{file} {text}: default relative RMS {fit.RelativeRms} is more than 2 % above the best-known minimum {bestKnown}");
        Assert.True(fit.RelativeRms >= bestKnown * (1 - 1e-6),
            $"{file} {text}: the default fit found {fit.RelativeRms:R}, below the recorded best {bestKnown:R}: update the record");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void HundredRandomStarts_DoNotBeatTheRecordedBestKnownMinimum(string file, string text, double bestKnown)
    {
        var data = RealSpectra.Load(file);
        if (data is null)
        {
            output.WriteLine($"../shared/external-data: {file} not found: skipped");
            return;
        }
        var (f, z) = data.Value;
        var reference = CircuitFitter.Fit(Circuit.Parse(text), f, z, new CircuitFitOptions { Starts = 100, Seed = 20261207, MaxStarts = 0, Polished = 10 });
        output.WriteLine($"{file} {text}: 100 random starts {reference.RelativeRms:R}, recorded {bestKnown:R}");
        Assert.True(reference.RelativeRms >= bestKnown * (1 - 1e-6),
            $"{file} {text}: 100 random starts found {reference.RelativeRms:R}, below the recorded best {bestKnown:R}: update the record");
    }
}
