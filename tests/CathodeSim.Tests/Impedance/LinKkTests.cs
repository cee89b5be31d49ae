using System.Numerics;
using CathodeSim.Analysis.Impedance;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Impedance;

/// <summary>lin-KK (Schoenleber 2014): small residuals on a causal spectrum, large ones with drift.</summary>
public sealed class LinKkTests(ITestOutputHelper output)
{
    private static readonly Circuit Valid = Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)-Ws1");
    // Solid-state cells: grain boundary and interface arcs are depressed (CPE), diffusion ends on a reflecting boundary.
    private static readonly double[] Truth = [15, 60, 5e-6, 0.85, 150, 1e-4, 0.9, 80, 20];

    [Fact]
    public void ValidSpectrum_ResidualsBelowHalfAPercent()
    {
        double[] f = SyntheticSpectra.Frequencies(1e6, 1e-2, 8);
        var z = Valid.Impedance(Truth, f);
        var kk = LinKk.Test(f, z);
        output.WriteLine($"M = {kk.Elements}, mu = {kk.Mu:F3}, max {kk.MaxResidual:P3}, rms re {kk.RmsReal:P3} im {kk.RmsImaginary:P3}");
        Assert.True(kk.MaxResidual < 0.005, $"max residual {kk.MaxResidual}");
        Assert.True(kk.Mu <= 0.85 || kk.ReachedMaximum);
        Assert.Equal(kk.Elements, kk.Resistances.Length);
    }

    [Fact]
    public void DriftingSpectrum_ResidualsClearlyLarger()
    {
        double[] f = SyntheticSpectra.Frequencies(1e6, 1e-2, 8);
        var z = Valid.Impedance(Truth, f);
        var valid = LinKk.Test(f, z);
        // The cell's resistance grows during the sweep (high to low frequency): 10 % of R_total by the end.
        double rTotal = 15 + 60 + 150 + 80;
        var drifted = z.Select((v, i) => v + new Complex(0.1 * rTotal * i / (z.Length - 1), 0)).ToArray();
        var kk = LinKk.Test(f, drifted);
        output.WriteLine($"valid: max {valid.MaxResidual:P3}; drift: M = {kk.Elements}, mu = {kk.Mu:F3}, max {kk.MaxResidual:P3}");
        Assert.True(kk.MaxResidual > 0.01, $"max residual with drift {kk.MaxResidual}");
        Assert.True(kk.MaxResidual > 5 * valid.MaxResidual);
    }

    [Fact]
    public void BlockingTail_NeedsTheSeriesCapacitance()
    {
        var circuit = Circuit.Parse("R0-p(R1,CPE1)-Wo1");
        double[] f = SyntheticSpectra.Frequencies(1e6, 1e-2, 8);
        var z = circuit.Impedance([15, 60, 5e-6, 0.85, 80, 20], f);
        var with = LinKk.Test(f, z, new LinKkOptions { Capacitance = true });
        output.WriteLine($"with C: M = {with.Elements}, max {with.MaxResidual:P3}, C = {with.Capacitance:G4} (Wo: tau/R = {20.0 / 80:G4})");
        Assert.True(with.MaxResidual < 0.005, $"max residual {with.MaxResidual}");
    }

    [Fact]
    public void BadInput_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => LinKk.Test([1, 2], [new Complex(1, 0), new Complex(1, 0)]));
        Assert.Throws<ArgumentException>(() => LinKk.Test([1, 2, 3], [1, 1, 1], new LinKkOptions { C = 1.5 }));
    }
}
