using CathodeSim.Analysis.Impedance;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Impedance;

/// <summary>The default multi-start fit: known parameters from default starts, determinism, random-start ranges, degenerate parameters.</summary>
public sealed class CircuitFitMultiStartTests(ITestOutputHelper output)
{
    private static readonly Circuit TwoArcs = Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)-Wo1");
    private static readonly double[] TwoArcsTruth = [15, 60, 5e-7, 0.9, 150, 2e-4, 0.8, 300, 1];

    [Fact]
    public void DefaultFit_TwoArcsAndFiniteWarburg_RecoversKnownParameters_WithinThreeStandardErrors()
    {
        double[] f = SyntheticSpectra.Frequencies();
        for (int seed = 1; seed <= 3; seed++)
        {
            var z = SyntheticSpectra.Spectrum(TwoArcs, TwoArcsTruth, f, 0.01, seed);
            var fit = CircuitFitter.Fit(TwoArcs, f, z);
            fit = HighFrequencyArcFirst(fit);
            for (int i = 0; i < TwoArcsTruth.Length; i++)
            {
                output.WriteLine($"seed {seed}: {TwoArcs.ParameterNames[i]} = {fit.Parameters[i]:G5} +- {fit.StandardErrors[i]:G3} (true {TwoArcsTruth[i]:G5})");
                Assert.True(Math.Abs(fit.Parameters[i] - TwoArcsTruth[i]) <= 3 * fit.StandardErrors[i],
                    $"seed {seed}: {TwoArcs.ParameterNames[i]} = {fit.Parameters[i]} +- {fit.StandardErrors[i]}, true {TwoArcsTruth[i]}");
            }
            Assert.InRange(fit.ReducedChiSquare, 0.6e-4, 1.5e-4);
            Assert.Empty(fit.Warnings);
            Assert.True(fit.Converged);
        }
    }

    /// <summary>Two R||CPE arcs in series are interchangeable (same impedance with the labels swapped): compare with the faster arc as arc 1.</summary>
    private static CircuitFitResult HighFrequencyArcFirst(CircuitFitResult fit)
    {
        double Tau(int r) => Math.Pow(fit.Parameters[r] * fit.Parameters[r + 1], 1 / fit.Parameters[r + 2]);
        if (Tau(1) <= Tau(4)) return fit;
        int[] order = [0, 4, 5, 6, 1, 2, 3, 7, 8];
        return fit with { Parameters = order.Select(i => fit.Parameters[i]).ToArray(), StandardErrors = order.Select(i => fit.StandardErrors[i]).ToArray() };
    }

    [Fact]
    public void Fit_SameSeed_IsBitIdentical_WhateverTheParallelism()
    {
        double[] f = SyntheticSpectra.Frequencies();
        var z = SyntheticSpectra.Spectrum(TwoArcs, TwoArcsTruth, f, 0.03, 11);
        CircuitFitResult Run(int threads, int seed) =>
            CircuitFitter.Fit(TwoArcs, f, z, new CircuitFitOptions { Seed = seed, MaxDegreeOfParallelism = threads });
        var serial = Run(1, 5);
        foreach (int threads in new[] { -1, 2, 4 })
        {
            var parallel = Run(threads, 5);
            Assert.Equal(serial.Parameters.Select(BitConverter.DoubleToInt64Bits), parallel.Parameters.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(serial.StandardErrors.Select(BitConverter.DoubleToInt64Bits), parallel.StandardErrors.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(BitConverter.DoubleToInt64Bits(serial.ChiSquare), BitConverter.DoubleToInt64Bits(parallel.ChiSquare));
            Assert.Equal(serial.BestStart, parallel.BestStart);
        }
        // Another seed draws other random starts.
        Assert.NotEqual(ImpedanceRandomStarts.Draw(TwoArcs, f, z, 5, 0), ImpedanceRandomStarts.Draw(TwoArcs, f, z, 6, 0));
        Assert.Equal(ImpedanceRandomStarts.Draw(TwoArcs, f, z, 5, 3), ImpedanceRandomStarts.Draw(TwoArcs, f, z, 5, 3));
    }

    [Fact]
    public void RandomStarts_LieWithinTheRangesDerivedFromTheData()
    {
        double[] f = SyntheticSpectra.Frequencies();
        var z = SyntheticSpectra.Spectrum(TwoArcs, TwoArcsTruth, f, 0.0, 1);
        double span = ImpedanceRandomStarts.RealSpan(z);
        double tauMin = 1 / (2 * Math.PI * f.Max()), tauMax = 1 / (2 * Math.PI * f.Min());
        for (int k = 0; k < 200; k++)
        {
            double[] p = ImpedanceRandomStarts.Draw(TwoArcs, f, z, 3, k);
            foreach (string r in new[] { "R0", "R1", "R2", "Wo1_0" })
                Assert.InRange(p[TwoArcs.IndexOf(r)], 1e-3 * span, 10 * span);
            foreach (string a in new[] { "CPE1_1", "CPE2_1" })
                Assert.InRange(p[TwoArcs.IndexOf(a)], 0.5, 1);
            Assert.InRange(p[TwoArcs.IndexOf("Wo1_1")], tauMin, tauMax);
            // tau of the arc (R Q)^(1/alpha) within the measured range.
            double tau1 = Math.Pow(p[TwoArcs.IndexOf("R1")] * p[TwoArcs.IndexOf("CPE1_0")], 1 / p[TwoArcs.IndexOf("CPE1_1")]);
            Assert.InRange(tau1, tauMin * (1 - 1e-9), tauMax * (1 + 1e-9));
        }
    }

    [Fact]
    public void Fit_TwoResistorsInSeries_IsReportedDegenerate_NotConverged()
    {
        var truthCircuit = Circuit.Parse("R0-p(R1,C1)");
        double[] f = SyntheticSpectra.Frequencies();
        var z = SyntheticSpectra.Spectrum(truthCircuit, [20, 100, 1e-6], f, 0.01, 2);
        var fit = CircuitFitter.Fit(Circuit.Parse("R0-R2-p(R1,C1)"), f, z);
        foreach (var w in fit.Warnings) output.WriteLine(w.ToString());
        Assert.Contains(fit.Warnings, w => w.Parameter is "R0" or "R2");
        Assert.False(fit.Converged);
        // The sum is still what the data hold.
        Assert.Equal(20, fit["R0"] + fit["R2"], 1.0);
    }

    [Fact]
    public void Fit_ArcTheDataDoNotContain_IsReportedDegenerate_NotConverged()
    {
        var truthCircuit = Circuit.Parse("R0-p(R1,CPE1)");
        double[] f = SyntheticSpectra.Frequencies();
        var z = SyntheticSpectra.Spectrum(truthCircuit, [20, 100, 2e-6, 0.85], f, 0.01, 3);
        var fit = CircuitFitter.Fit(Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)"), f, z);
        foreach (var w in fit.Warnings) output.WriteLine(w.ToString());
        Assert.NotEmpty(fit.Warnings);
        Assert.False(fit.Converged);
    }

    [Fact]
    public void Diagnostics_FlagBoundRunOffExponentAndLargeError_AndPassAWellDeterminedFit()
    {
        var circuit = Circuit.Parse("R0-p(R1,CPE1)");
        double[] f = SyntheticSpectra.Frequencies();
        var z = circuit.Impedance([20, 100, 2e-6, 0.85], f);
        double[] lower = [0, 0, 0, 0], upper = [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, 1];
        bool[] none = new bool[4];
        IReadOnlyList<FitWarning> Check(double[] p, double[] se) => CircuitFitDiagnostics.Check(circuit, p, se, none, lower, upper, f, z);

        Assert.Empty(Check([20, 100, 2e-6, 0.85], [0.1, 1, 1e-8, 0.01]));
        Assert.Contains(Check([1e-255, 100, 2e-6, 0.85], [0.1, 1, 1e-8, 0.01]), w => w.Parameter == "R0");
        Assert.Contains(Check([20, 9.5e19, 2e-6, 0.85], [0.1, 1, 1e-8, 0.01]), w => w.Parameter == "R1" && w.Reason.Contains("run off"));
        Assert.Contains(Check([20, 100, 2e-6, 0.9995], [0.1, 1, 1e-8, 0.01]), w => w.Parameter == "CPE1_1");
        Assert.Contains(Check([20, 100, 2e-6, 0.0005], [0.1, 1, 1e-8, 0.01]), w => w.Parameter == "CPE1_1");
        Assert.Contains(Check([20, 100, 2e-6, 0.85], [0.1, 1001, 1e-8, 0.01]), w => w.Parameter == "R1" && w.Reason.Contains("standard error"));
        Assert.Contains(Check([20, 100, 2e-6, 0.85], [0.1, double.NaN, 1e-8, 0.01]), w => w.Parameter == "R1");
    }
}
