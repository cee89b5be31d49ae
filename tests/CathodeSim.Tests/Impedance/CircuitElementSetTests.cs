using System.Numerics;
using CathodeSim.Analysis.Impedance;

namespace CathodeSim.Tests.Impedance;

/// <summary>
/// impedance.py's element set beyond R, C, L, CPE, W, Wo, Ws: K, Zarc, G, Gs, La, TLMQ, T. Each is checked against a limit
/// or an identity with elements checked before, its derivatives against central differences of its impedance, and its fit
/// against known parameters.
/// </summary>
public sealed class CircuitElementSetTests
{
    private static readonly double[] Omegas = Enumerable.Range(0, 41).Select(i => 2 * Math.PI * Math.Pow(10, -2 + 0.2 * i)).ToArray();

    private static void Same(Circuit a, double[] pa, Circuit b, double[] pb, double tolerance)
    {
        foreach (double w in Omegas)
        {
            Complex za = a.Root.Impedance(pa, w), zb = b.Root.Impedance(pb, w);
            Assert.True((za - zb).Magnitude <= tolerance * zb.Magnitude, $"{a.Text} vs {b.Text} at w = {w:G3}: {za} vs {zb}");
        }
    }

    [Fact]
    public void Identity_K_EqualsParallelRC_WithCapacitanceTauOverR_To1e12()
        => Same(Circuit.Parse("K1"), [50, 2e-3], Circuit.Parse("p(R1,C1)"), [50, 2e-3 / 50], 1e-12);

    [Fact]
    public void Identity_Zarc_EqualsParallelRCpe_WithQFromTau_To1e12()
    {
        double r = 80, tau = 1e-3, alpha = 0.8;
        Same(Circuit.Parse("Zarc1"), [r, tau, alpha], Circuit.Parse("p(R1,CPE1)"), [r, Math.Pow(tau, alpha) / r, alpha], 1e-12);
    }

    [Fact]
    public void Limit_Gs_WithLargePhi_IsTheGerischer_To1e12()
        => Same(Circuit.Parse("Gs1"), [30, 1e-2, 40], Circuit.Parse("G1"), [30, 1e-2], 1e-12);

    [Fact]
    public void Limit_La_WithExponentOne_IsTheInductor_To1e12()
        => Same(Circuit.Parse("La1"), [2e-6, 1], Circuit.Parse("L1"), [2e-6], 1e-12);

    [Fact]
    public void Limit_T_WithoutReactionOrSecondResistance_IsTheOpenWarburg_To1e9()
        => Same(Circuit.Parse("T1"), [25, 0, 0, 0.4], Circuit.Parse("Wo1"), [25, 0.4], 1e-9);

    [Fact]
    public void Analytical_Gerischer_AtLowFrequency_IsItsResistance_AndFallsAsOneOverSqrtOmega()
    {
        var g = Circuit.Parse("G1");
        double r = 12, tau = 1e-2;
        Assert.Equal(r, g.Root.Impedance([r, tau], 1e-6).Real, 6);
        double w = 1e6;
        Assert.Equal(r / Math.Sqrt(w * tau), g.Root.Impedance([r, tau], w).Magnitude, 6);
    }

    [Fact]
    public void Limit_TLMQ_BlockingWithIdealCapacitor_LowFrequencyRealPartIsOneThirdOfTheIonicResistance()
    {
        // A blocking transmission line with ideal capacitance: Z -> R_ion/3 + 1/(j w C) at low frequency (Landesfeind 2016).
        double rIon = 60, c = 1e-3, w = 1e-3;
        var z = Circuit.Parse("TLMQ1").Root.Impedance([rIon, c, 1], w);
        Assert.Equal(rIon / 3, z.Real, 4);
        Assert.Equal(-1 / (w * c), z.Imaginary, 6 * 1e-6 / (w * c) * 1e6);
    }

    public static TheoryData<string, double[]> Elements => new()
    {
        { "R0-K1", [5, 50, 2e-3] },
        { "R0-Zarc1", [5, 80, 1e-3, 0.8] },
        { "R0-G1", [5, 30, 1e-2] },
        { "R0-Gs1", [5, 30, 1e-2, 0.7] },
        { "R0-La1", [5, 2e-6, 0.7] },
        { "R0-TLMQ1", [5, 60, 1e-3, 0.85] },
        { "R0-T1", [5, 25, 10, 0.3, 0.4] },
        { "p(R1,C1)-Zarc1-G1", [200, 1e-7, 80, 1e-3, 0.8, 30, 1e-1] },
    };

    [Theory]
    [MemberData(nameof(Elements))]
    public void Derivatives_MatchCentralDifferencesOfTheImpedance_To1e6(string text, double[] p)
    {
        var circuit = Circuit.Parse(text);
        var derivatives = new CircuitDerivatives(circuit);
        var dz = new Complex[p.Length];
        foreach (double w in Omegas)
        {
            Complex z = derivatives.Evaluate(p, w, dz);
            Assert.True((z - circuit.Root.Impedance(p, w)).Magnitude <= 1e-12 * z.Magnitude, $"{text}: Z at w = {w}");
            for (int k = 0; k < p.Length; k++)
            {
                double h = 1e-5 * Math.Abs(p[k]);
                double[] up = (double[])p.Clone(), down = (double[])p.Clone();
                up[k] += h;
                down[k] -= h;
                Complex fd = (circuit.Root.Impedance(up, w) - circuit.Root.Impedance(down, w)) / (2 * h);
                double scale = Math.Max(fd.Magnitude, 1e-9 * z.Magnitude / Math.Abs(p[k]));
                Assert.True((dz[k] - fd).Magnitude <= 1e-6 * scale + 1e-9 * z.Magnitude / Math.Abs(p[k]),
                    $"{text}: dZ/d{circuit.ParameterNames[k]} at w = {w:G3}: {dz[k]} vs central difference {fd}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Elements))]
    public void DefaultFit_NoiseFreeSpectrum_RecoversTheParameters_To1e4(string text, double[] truth)
    {
        var circuit = Circuit.Parse(text);
        double[] f = Enumerable.Range(0, 60).Select(i => 1e5 * Math.Pow(1e-7, i / 59.0)).ToArray();
        var z = circuit.Impedance(truth, f);
        var fit = CircuitFitter.Fit(circuit, f, z);
        Assert.True(fit.RelativeRms < 1e-6, $"{text}: relative RMS {fit.RelativeRms}");
        for (int k = 0; k < truth.Length; k++)
            Assert.True(Math.Abs(fit.Parameters[k] - truth[k]) <= 1e-4 * Math.Abs(truth[k]),
                $"{text}: {circuit.ParameterNames[k]} = {fit.Parameters[k]} against {truth[k]}");
    }

    [Fact]
    public void Parse_NamesEveryKnownElement_AndTheUnknownOneWithTheList()
    {
        var c = Circuit.Parse("R0-p(R1,Zarc1)-Gs1-La1-TLMQ1-T1-K1-G1");
        Assert.Equal(["R0", "R1", "Zarc1_0", "Zarc1_1", "Zarc1_2", "Gs1_0", "Gs1_1", "Gs1_2", "La1_0", "La1_1", "TLMQ1_0", "TLMQ1_1", "TLMQ1_2",
            "T1_0", "T1_1", "T1_2", "T1_3", "K1_0", "K1_1", "G1_0", "G1_1"], c.ParameterNames);
        var e = Assert.Throws<CircuitFormatException>(() => Circuit.Parse("R0-Q1"));
        Assert.Contains("unknown element 'Q'", e.Message);
        Assert.Contains("TLMQ", e.Message);
        Assert.Contains("Zarc", e.Message);
    }
}
