using CathodeSim.Analysis.Capacity;

namespace CathodeSim.Tests.Capacity;

public sealed class DqDvAnalyzerTests
{
    private static void AssertPeaksAtPlateaus(DqDvCurve curve, double tolerance)
    {
        var main = curve.Peaks.OrderByDescending(p => Math.Abs(p.Height)).Take(2).OrderBy(p => p.Voltage).ToList();
        Assert.True(main.Count == 2, $"{curve.DirectionName}: peaks at {string.Join(", ", curve.Peaks.Select(p => p.Voltage))}");
        Assert.InRange(main[0].Voltage, CapacityTestData.Plateau1 - tolerance, CapacityTestData.Plateau1 + tolerance);
        Assert.InRange(main[1].Voltage, CapacityTestData.Plateau2 - tolerance, CapacityTestData.Plateau2 + tolerance);
    }

    [Fact]
    public void TwoPlateauCurve_PeaksAtThePlateauVoltages_WithinTheWindow()
    {
        var options = new DqDvOptions();
        var result = DqDvAnalyzer.Analyze(CapacityTestData.TwoPlateaus(), options);

        Assert.Equal(2, result.Curves.Count);
        var charge = result.Curves.Single(c => c.Direction == CurrentDirection.Charge);
        var discharge = result.Curves.Single(c => c.Direction == CurrentDirection.Discharge);
        Assert.All(result.Curves, c => Assert.Equal(1, c.Cycle));
        AssertPeaksAtPlateaus(charge, options.Window);
        AssertPeaksAtPlateaus(discharge, options.Window);
        Assert.True(charge.Peaks.All(p => p.Height > 0));
        Assert.True(discharge.Peaks.All(p => p.Height < 0));
        // Exactly the two plateaus: the background has no peaks.
        Assert.Equal(2, charge.Peaks.Count);
        Assert.Equal(2, discharge.Peaks.Count);
        // Heights: dQ/dV of tanh step a (1 + tanh(x / w)) peaks at a / w (C/V -> mAh/V: / 3.6); smoothing lowers it a little.
        double expected = (0.3 / CapacityTestData.Width + 0.1) / 3.6;
        var first = charge.Peaks.OrderBy(p => p.Voltage).First();
        Assert.InRange(first.Height, 0.85 * expected, 1.02 * expected);
        Assert.Contains("Savitzky-Golay", result.Method);
        Assert.Contains("5 mV", result.Method);
    }

    [Fact]
    public void PeakPositions_SurviveNoise_WithSmoothing()
    {
        var options = new DqDvOptions();
        var noisy = CapacityTestData.TwoPlateaus(points: 6000, noise: 0.002, seed: 42);
        var result = DqDvAnalyzer.Analyze(noisy, options);
        foreach (var curve in result.Curves) AssertPeaksAtPlateaus(curve, options.Window);
    }

    [Fact]
    public void ActiveMass_GivesPerGramUnits()
    {
        var absolute = DqDvAnalyzer.Analyze(CapacityTestData.TwoPlateaus(), new DqDvOptions());
        var specific = DqDvAnalyzer.Analyze(CapacityTestData.TwoPlateaus(), new DqDvOptions(ActiveMass: 2e-6));
        Assert.Equal("mAh/V", absolute.Unit);
        Assert.Equal("mAh/g/V", specific.Unit);
        Assert.Equal(absolute.Curves[0].Peaks[0].Height / 2e-3, specific.Curves[0].Peaks[0].Height, 1e-6);
    }

    [Fact]
    public void SavitzkyGolay_ReproducesCubicsExactly_AndKeepsASymmetricPeakInPlace()
    {
        double[] cubic = Enumerable.Range(0, 30).Select(i => 0.5 - 0.2 * i + 0.03 * i * i - 0.001 * i * i * i).ToArray();
        double[] smoothed = SavitzkyGolay.Smooth(cubic, 11, 3);
        for (int i = 0; i < cubic.Length; i++) Assert.Equal(cubic[i], smoothed[i], 9);

        double[] x = Enumerable.Range(0, 101).Select(i => i * 0.01).ToArray();
        double[] gauss = x.Select(v => Math.Exp(-Math.Pow((v - 0.5) / 0.05, 2))).ToArray();
        var peaks = DqDvAnalyzer.FindPeaks(x, SavitzkyGolay.Smooth(gauss, 11, 3), 0.05);
        Assert.Single(peaks);
        Assert.Equal(0.5, peaks[0].Voltage, 6);
        Assert.Throws<ArgumentException>(() => SavitzkyGolay.Smooth(gauss, 10, 3));
        Assert.Throws<ArgumentException>(() => SavitzkyGolay.Smooth(gauss, 5, 4));
    }

    [Fact]
    public void FindPeaks_IgnoresBumpsBelowTheProminenceThreshold()
    {
        double[] x = Enumerable.Range(0, 200).Select(i => i * 0.005).ToArray();
        double[] y = x.Select(v => Math.Exp(-Math.Pow((v - 0.3) / 0.03, 2)) + 0.02 * Math.Exp(-Math.Pow((v - 0.7) / 0.01, 2))).ToArray();
        Assert.Single(DqDvAnalyzer.FindPeaks(x, y, 0.05));
        Assert.Equal(2, DqDvAnalyzer.FindPeaks(x, y, 0.01).Count);
    }
}
