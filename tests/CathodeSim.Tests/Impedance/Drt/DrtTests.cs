using System.Numerics;
using CathodeSim.Analysis.Impedance;
using Xunit.Abstractions;
using DrtSolver = CathodeSim.Analysis.Impedance.Drt;

namespace CathodeSim.Tests.Impedance.Drt;

/// <summary>
/// The DRT on an analytical two-RC spectrum (R_inf + R1||C1 + R2||C2, time constants two decades apart): the peaks
/// sit at R1 C1 and R2 C2 and hold R1 and R2, with and without 1 % noise; GCV picks an interior lambda.
/// </summary>
public sealed class DrtTests(ITestOutputHelper output)
{
    private const double RInf = 10, R1 = 50, Tau1 = 1e-3, R2 = 100, Tau2 = 1e-1;

    /// <summary>About 70 frequencies, 100 kHz to 10 mHz, 10 per decade.</summary>
    public static double[] Frequencies() => SyntheticSpectra.Frequencies(1e5, 1e-2, 10);

    /// <summary>The exact two-RC impedance with relative Gaussian noise of <paramref name="noise"/> |Z| on each part.</summary>
    public static Complex[] TwoRc(double[] f, double noise, int seed = 3)
    {
        var rng = new Random(seed);
        var z = new Complex[f.Length];
        for (int i = 0; i < f.Length; i++)
        {
            double w = 2 * Math.PI * f[i];
            Complex exact = RInf + R1 / new Complex(1, w * Tau1) + R2 / new Complex(1, w * Tau2);
            double m = exact.Magnitude;
            z[i] = exact + new Complex(noise * m * SyntheticSpectra.Gauss(rng), noise * m * SyntheticSpectra.Gauss(rng));
        }
        return z;
    }

    private void AssertRecovers(DrtResult drt)
    {
        foreach (var p in drt.Peaks)
            output.WriteLine(FormattableString.Invariant($"tau {p.TimeConstant:G5} s, R {p.Resistance:G5} ohm, prominence {p.Prominence:G3}"));
        output.WriteLine(FormattableString.Invariant($"lambda {drt.Lambda:G3}, R_inf {drt.HighFrequencyResistance:G5}, L {drt.Inductance:G3}, rms {drt.ResidualRms:G3}"));
        Assert.Equal(2, drt.Peaks.Count);
        var (p1, p2) = (drt.Peaks[0], drt.Peaks[1]);
        output.WriteLine(FormattableString.Invariant(
            $"errors: tau1 {100 * (p1.TimeConstant / Tau1 - 1):F2} %, tau2 {100 * (p2.TimeConstant / Tau2 - 1):F2} %, R1 {100 * (p1.Resistance / R1 - 1):F2} %, R2 {100 * (p2.Resistance / R2 - 1):F2} %"));
        Assert.InRange(p1.TimeConstant / Tau1, 0.9, 1.1);
        Assert.InRange(p2.TimeConstant / Tau2, 0.9, 1.1);
        Assert.InRange(p1.Resistance / R1, 0.95, 1.05);
        Assert.InRange(p2.Resistance / R2, 0.95, 1.05);
        Assert.InRange(drt.HighFrequencyResistance / RInf, 0.95, 1.05);
        Assert.Equal(Frequencies().Length, drt.Frequency.Length);
    }

    [Fact]
    public void Analytical_TwoRc_NoiseFree_PeaksAtTheTimeConstants_WithTheirResistances()
    {
        double[] f = Frequencies();
        AssertRecovers(DrtSolver.Compute(f, TwoRc(f, 0), new DrtOptions { BootstrapSamples = 0 }));
    }

    [Fact]
    public void Analytical_TwoRc_OnePercentNoise_PeaksWithin10PercentInTau_And5PercentInR()
    {
        double[] f = Frequencies();
        var drt = DrtSolver.Compute(f, TwoRc(f, 0.01));
        AssertRecovers(drt);
        // The band brackets gamma and has a width where the peaks are.
        for (int k = 0; k < drt.Gamma.Length; k++)
            Assert.True(drt.BandLow[k] <= drt.Gamma[k] && drt.Gamma[k] <= drt.BandHigh[k]);
        int top = Array.IndexOf(drt.Gamma, drt.Gamma.Max());
        Assert.True(drt.BandHigh[top] > drt.BandLow[top]);
        // Noise of 1 % leaves a relative residual of about 1 %.
        Assert.InRange(drt.ResidualRms, 0.005, 0.02);
    }

    [Fact]
    public void Gcv_OnTheNoisyCase_PicksALambdaInsideTheGrid()
    {
        double[] f = Frequencies();
        var drt = DrtSolver.Compute(f, TwoRc(f, 0.01), new DrtOptions { BootstrapSamples = 0 });
        output.WriteLine(FormattableString.Invariant($"lambda {drt.Lambda:G3} from [{drt.LambdaGrid[0]:G3}, {drt.LambdaGrid[^1]:G3}]"));
        Assert.True(drt.LambdaFromGcv);
        Assert.True(drt.Lambda > drt.LambdaGrid.Min() && drt.Lambda < drt.LambdaGrid.Max(), $"lambda {drt.Lambda} at the edge of the grid");
        int best = Array.IndexOf(drt.LambdaGrid, drt.Lambda);
        Assert.True(drt.Gcv[best] < drt.Gcv[0] && drt.Gcv[best] < drt.Gcv[^1]);
    }

    [Fact]
    public void Limit_SingleRc_TotalResistanceEqualsR_AndFitReproducesData()
    {
        // One R||C: the integral of gamma equals R; the fit's relative residual is limited only by how well Gaussians
        // 0.15 decades wide (FWHM) stand in for a delta function (about 0.3 %), far below 1 % noise.
        double[] f = Frequencies();
        var z = f.Select(v => 5 + 40 / new Complex(1, 2 * Math.PI * v * 3e-3)).ToArray();
        var drt = DrtSolver.Compute(f, z, new DrtOptions { BootstrapSamples = 0 });
        Assert.Single(drt.Peaks);
        Assert.InRange(drt.PolarisationResistance / 40, 0.98, 1.02);
        Assert.InRange(drt.Peaks[0].TimeConstant / 3e-3, 0.95, 1.05);
        Assert.True(drt.ResidualRms < 5e-3, $"rms {drt.ResidualRms}");
    }

    [Fact]
    public void Crop_KeepsOnlyFrequenciesInside_AndLambdaOverrideIsUsed()
    {
        double[] f = Frequencies();
        var drt = DrtSolver.Compute(f, TwoRc(f, 0), new DrtOptions { MinimumFrequency = 0.1, MaximumFrequency = 1e4, Lambda = 1e-3, BootstrapSamples = 0 });
        Assert.All(drt.Frequency, v => Assert.InRange(v, 0.1, 1e4));
        Assert.Equal(f.Count(v => v >= 0.1 && v <= 1e4), drt.Frequency.Length);
        Assert.Equal(1e-3, drt.Lambda);
        Assert.False(drt.LambdaFromGcv);
    }

    [Fact]
    public void Kernel_Independent_NarrowGaussianApproachesRc()
    {
        // A narrow Gaussian of unit area at ln tau0 behaves as an RC of unit resistance: integral g/(1 + j w tau).
        double eps = 40, tau0 = 1e-2;
        foreach (double w in new[] { 1.0, 100.0, 1e4 })
        {
            Complex k = DrtSolver.Kernel(w, Math.Log(tau0), eps) / (Math.Sqrt(Math.PI) / eps);
            Complex rc = 1 / new Complex(1, w * tau0);
            Assert.True((k - rc).Magnitude < 1e-3, $"w {w}: {k} vs {rc}");
        }
    }

    [Fact]
    public void Penalty_Analytical_MatchesQuadratureOfSecondDerivatives()
    {
        double eps = 1.3, d = 0.7;
        double G2(double u) => (4 * Math.Pow(eps, 4) * u * u - 2 * eps * eps) * Math.Exp(-eps * eps * u * u);
        double sum = 0, h = 1e-3;
        for (double y = -15; y <= 15; y += h) sum += G2(y) * G2(y - d) * h;
        Assert.Equal(sum, DrtSolver.PenaltyEntry(d, eps, 2), 6);
    }

    [Fact]
    public void BadData_Throws_NamingThePoint()
    {
        double[] f = [1, 10, 100, 1000, -1];
        var z = f.Select(_ => new Complex(1, -1)).ToArray();
        var e = Assert.Throws<ArgumentException>(() => DrtSolver.Compute(f, z));
        Assert.Contains("point 5", e.Message);
    }
}
