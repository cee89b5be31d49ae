using System.Numerics;
using CathodeSim.Model;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Impedance;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Tests.Impedance.Model;

/// <summary>
/// The closed-form impedance: its limits, the spherical diffusion element and the two-phase transmission line against
/// independent finite-difference solutions in the frequency domain, and the high-frequency limit of the whole cell.
/// </summary>
public sealed class AnalyticalImpedanceTests
{
    private const double Slope = -0.8, CMax = 49_000, Theta = 0.7;

    private static double[] LogSpace(double from, double to, int count) =>
        Enumerable.Range(0, count).Select(i => from * Math.Pow(to / from, i / (count - 1.0))).ToArray();

    private static double RelativeError(Complex actual, Complex expected) => (actual - expected).Magnitude / expected.Magnitude;

    [Fact]
    public void DiffusionShape_SeriesAndDirectBranchesAgreeAtTheSwitch()
    {
        foreach (double phase in new[] { Math.PI / 4, 0.1, 1.2 })
        {
            Complex inside = Complex.FromPolarCoordinates(0.5 - 1e-9, phase);
            Complex outside = Complex.FromPolarCoordinates(0.5 + 1e-9, phase);
            Assert.True(RelativeError(AnalyticalImpedance.SphericalDiffusionShape(inside), AnalyticalImpedance.SphericalDiffusionShape(outside)) < 1e-8);
        }
        // Small |b|: -3/b^2 - 1/5; huge |b|: 1/(1 - b), no overflow.
        Complex small = Complex.FromPolarCoordinates(1e-4, Math.PI / 4);
        Assert.True(RelativeError(AnalyticalImpedance.SphericalDiffusionShape(small) + 3 / (small * small), -0.2) < 1e-6);
        Complex large = Complex.FromPolarCoordinates(1e6, Math.PI / 4);
        Assert.True(RelativeError(AnalyticalImpedance.SphericalDiffusionShape(large), 1 / (1 - large)) < 1e-12);
    }

    [Fact]
    public void DiffusionImpedance_IsPassiveAndTendsToTheChemicalCapacitance()
    {
        const double r = 2e-6, d = 1e-14;
        double capacitance = -r * PhysicalConstants.Faraday * CMax / (3 * Theta * Slope);
        foreach (double f in LogSpace(1e-3, 1e6, 19))
            Assert.True(AnalyticalImpedance.DiffusionImpedance(Slope, CMax, Theta, r, d, 2 * Math.PI * f).Real > 0);
        double omega = 2 * Math.PI * 1e-7;
        Complex z = AnalyticalImpedance.DiffusionImpedance(Slope, CMax, Theta, r, d, omega);
        // -3/b^2 - 1/5: the capacitor plus a fifth of the diffusion resistance R theta |dU/dx| / (F c_max D).
        Assert.True(Math.Abs(z.Imaginary * omega * capacitance + 1) < 1e-6);
        double resistance = -Slope * Theta * r / (PhysicalConstants.Faraday * CMax * d);
        Assert.True(Math.Abs(z.Real / (resistance / 5) - 1) < 1e-3);
    }

    [Fact]
    public void ParticleImpedance_FastDiffusion_IsRandlesWithTheDiffusionCapacitanceInSeries()
    {
        const double r = 2e-6, rct = 0.012, film = 5e-4, cdl = 0.2;
        double capacitance = -r * PhysicalConstants.Faraday * CMax / (3 * Theta * Slope);
        foreach (double f in LogSpace(1e-3, 1e6, 10))
        {
            double omega = 2 * Math.PI * f;
            Complex zd = AnalyticalImpedance.DiffusionImpedance(Slope, CMax, Theta, r, 1e-4, omega);
            Complex zp = AnalyticalImpedance.ParticleImpedance(rct + film, zd, cdl, omega);
            Complex randles = 1 / (1 / (rct + film + 1 / new Complex(0, omega * capacitance)) + new Complex(0, omega * cdl));
            Assert.True(RelativeError(zp, randles) < 1e-6, $"f = {f}: {zp} vs {randles}");
        }
        // Mid frequencies (diffusion capacitance shorted, double layer open): the charge-transfer plateau.
        Complex plateau = AnalyticalImpedance.ParticleImpedance(rct + film, AnalyticalImpedance.DiffusionImpedance(Slope, CMax, Theta, r, 1e-4, 2 * Math.PI), 1e-3, 2 * Math.PI);
        Assert.True(RelativeError(plateau, rct + film) < 0.01);
    }

    [Theory]
    [InlineData(2e-6, 1e-14)]
    [InlineData(5e-7, 3e-16)]
    [InlineData(4e-6, 1e-12)]
    public void DiffusionImpedance_MatchesFiniteDifferenceSphere(double radius, double diffusivity)
    {
        foreach (double f in LogSpace(1e-2, 1e6, 17))
        {
            double omega = 2 * Math.PI * f;
            Complex analytical = AnalyticalImpedance.DiffusionImpedance(Slope, CMax, Theta, radius, diffusivity, omega);
            Complex numerical = FiniteDifferenceSphere(Slope, CMax, Theta, radius, diffusivity, omega);
            Assert.True(RelativeError(analytical, numerical) < 5e-3, $"f = {f}: {analytical} vs {numerical}");
        }
    }

    /// <summary>
    /// Vertex-centred finite volumes on a grid graded geometrically towards the surface (first width 1e-8 R, ratio
    /// 1.01), j omega V_i x_i = net face flux, unit interfacial current density: surface flux theta/(F c_max).
    /// Returns dU/dx * x_surface.
    /// </summary>
    private static Complex FiniteDifferenceSphere(double slope, double cmax, double theta, double radius, double d, double omega)
    {
        var widths = new List<double>();
        double w = 1e-8 * radius, sum = 0;
        while (sum + w < radius) { widths.Add(w); sum += w; w *= 1.01; }
        widths[^1] += radius - sum;
        int n = widths.Count + 1;
        var r = new double[n];
        r[n - 1] = radius;
        for (int i = 0; i < widths.Count; i++) r[n - 2 - i] = r[n - 1 - i] - widths[i];
        r[0] = 0;
        var lower = new Complex[n];
        var diag = new Complex[n];
        var upper = new Complex[n];
        var rhs = new Complex[n];
        for (int i = 0; i < n; i++)
        {
            double inner = i == 0 ? 0 : 0.5 * (r[i] + r[i - 1]);
            double outer = i == n - 1 ? radius : 0.5 * (r[i] + r[i + 1]);
            double volume = (outer * outer * outer - inner * inner * inner) / 3;
            diag[i] = new Complex(0, omega * volume);
            if (i > 0)
            {
                double g = d * inner * inner / (r[i] - r[i - 1]);
                diag[i] += g;
                lower[i] = -g;
            }
            if (i < n - 1)
            {
                double g = d * outer * outer / (r[i + 1] - r[i]);
                diag[i] += g;
                upper[i] = -g;
            }
        }
        // -D dx/dr = theta i / (F c_max) leaves through the surface.
        rhs[n - 1] = -radius * radius * theta / (PhysicalConstants.Faraday * cmax);
        var x = Thomas(lower, diag, upper, rhs);
        return slope * x[n - 1];
    }

    private static Complex[] Thomas(Complex[] a, Complex[] b, Complex[] c, Complex[] d)
    {
        int n = b.Length;
        var cp = new Complex[n];
        var dp = new Complex[n];
        cp[0] = c[0] / b[0];
        dp[0] = d[0] / b[0];
        for (int i = 1; i < n; i++)
        {
            Complex m = b[i] - a[i] * cp[i - 1];
            cp[i] = c[i] / m;
            dp[i] = (d[i] - a[i] * dp[i - 1]) / m;
        }
        var x = new Complex[n];
        x[n - 1] = dp[n - 1];
        for (int i = n - 2; i >= 0; i--) x[i] = dp[i] - cp[i] * x[i + 1];
        return x;
    }

    [Theory]
    [InlineData(0.5, 0.05)]
    [InlineData(0.05, 0.05)]
    [InlineData(0.01, 0.2)]
    [InlineData(1e3, 0.05)]
    public void TransmissionLine_MatchesFiniteDifferenceTwoPhaseLine(double electronic, double ionic)
    {
        const double length = 50e-6, area = 3e5, rct = 0.01, cdl = 0.2;
        foreach (double f in LogSpace(1e-3, 1e6, 10))
        {
            double omega = 2 * Math.PI * f;
            Complex y = area * (1 / rct + new Complex(0, omega * cdl));
            Complex analytical = AnalyticalImpedance.TransmissionLine(length, electronic, ionic, y);
            Complex numerical = FiniteDifferenceLine(length, electronic, ionic, y, 4001);
            Assert.True(RelativeError(analytical, numerical) < 5e-3, $"f = {f}: {analytical} vs {numerical}");
        }
    }

    [Fact]
    public void TransmissionLine_Limits()
    {
        const double length = 50e-6, s2 = 0.05;
        // Perfect electronic conductor: de Levie, sqrt(1/(s2 y)) coth(L sqrt(y/s2)).
        foreach (Complex y in new[] { new Complex(3e7, 0), new Complex(3e7, 1e9), new Complex(1e3, 1e3) })
        {
            Complex deLevie = Complex.Sqrt(1 / (s2 * y)) / Complex.Tanh(length * Complex.Sqrt(y / s2));
            Assert.True(RelativeError(AnalyticalImpedance.TransmissionLine(length, 1e12, s2, y), deLevie) < 1e-6);
        }
        // Shorted interface: the two phases in parallel.
        Assert.True(RelativeError(AnalyticalImpedance.TransmissionLine(length, 0.3, s2, new Complex(1e30, 0)), length / (0.3 + s2)) < 1e-6);
        // Blocked interface: open circuit.
        Assert.True(AnalyticalImpedance.TransmissionLine(length, 0.3, s2, new Complex(1e-6, 0)).Magnitude > 1e6);
    }

    /// <summary>
    /// Independent two-phase line: vertex-centred finite volumes for the solid (phi1, conductivity s1) and
    /// electrolyte (phi2, s2) potentials, exchange y (phi1 - phi2) per volume, unit current entering the electrolyte at
    /// x = 0 and leaving the solid at x = L, phi1(L) = 0; block-tridiagonal 2x2 elimination. Returns phi2(0) - phi1(L).
    /// </summary>
    private static Complex FiniteDifferenceLine(double length, double s1, double s2, Complex y, int n)
    {
        double h = length / (n - 1);
        // Rows: (phase-1 balance, phase-2 balance) at node i; unknowns (phi1_i, phi2_i).
        var a = new Complex[n][]; var b = new Complex[n][]; var c = new Complex[n][]; var rhs = new Complex[n][];
        const double current = 1;
        for (int i = 0; i < n; i++)
        {
            double width = i == 0 || i == n - 1 ? h / 2 : h;
            Complex ex = y * width;
            a[i] = new Complex[4]; b[i] = new Complex[4]; c[i] = new Complex[4]; rhs[i] = new Complex[2];
            // Phase 1: sum over faces of current leaving (-s1 dphi1/dx outwards) + ex (phi1 - phi2) = source.
            // Phase 2: the same with -ex (phi1 - phi2).
            b[i][0] = ex; b[i][1] = -ex; b[i][2] = -ex; b[i][3] = ex;
            if (i > 0) { b[i][0] += s1 / h; a[i][0] = -s1 / h; b[i][3] += s2 / h; a[i][3] = -s2 / h; }
            if (i < n - 1) { b[i][0] += s1 / h; c[i][0] = -s1 / h; b[i][3] += s2 / h; c[i][3] = -s2 / h; }
            if (i == 0) rhs[i][1] = current;       // enters the electrolyte
            if (i == n - 1) rhs[i][0] = -current;  // leaves the solid
        }
        // Reference: replace the phase-1 balance at x = L (implied by the others) by phi1(L) = 0.
        a[n - 1][0] = 0; a[n - 1][1] = 0; b[n - 1][0] = 1; b[n - 1][1] = 0; rhs[n - 1][0] = 0;

        // Block Thomas: x_i = S_i - G_i x_{i+1}.
        var g = new Complex[n][]; var s = new Complex[n][];
        for (int i = 0; i < n; i++)
        {
            Complex[] m = b[i];
            Complex[] v = rhs[i];
            if (i > 0)
            {
                m = Sub(m, Mul(a[i], g[i - 1]));
                v = SubV(v, MulV(a[i], s[i - 1]));
            }
            Complex[] inv = Inv(m);
            g[i] = Mul(inv, c[i]);
            s[i] = MulV(inv, v);
        }
        var xs = new Complex[n][];
        xs[n - 1] = s[n - 1];
        for (int i = n - 2; i >= 0; i--) xs[i] = SubV(s[i], MulV(g[i], xs[i + 1]));
        return xs[0][1] - xs[n - 1][0];
    }

    private static Complex[] Mul(Complex[] p, Complex[] q) =>
        [p[0] * q[0] + p[1] * q[2], p[0] * q[1] + p[1] * q[3], p[2] * q[0] + p[3] * q[2], p[2] * q[1] + p[3] * q[3]];

    private static Complex[] MulV(Complex[] p, Complex[] v) => [p[0] * v[0] + p[1] * v[1], p[2] * v[0] + p[3] * v[1]];

    private static Complex[] Sub(Complex[] p, Complex[] q) => [p[0] - q[0], p[1] - q[1], p[2] - q[2], p[3] - q[3]];

    private static Complex[] SubV(Complex[] p, Complex[] q) => [p[0] - q[0], p[1] - q[1]];

    private static Complex[] Inv(Complex[] m)
    {
        Complex det = m[0] * m[3] - m[1] * m[2];
        return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det];
    }

    [Fact]
    public void Cell_HighFrequency_IsSeparatorPlusParallelPhases()
    {
        var model = new CellModel(TestCells.B65(), new NumericsOptions(), TestCells.RoomTemperature);
        var p = new ImpedanceParameters();
        const double x = 0.6;
        double[] frequencies = [1e6, 1e7, 1e8];
        var z = AnalyticalImpedance.Compute(model, x, p, frequencies);
        double area = model.Design.Area;
        double s1 = model.ElectronicConductivity(x), s2 = model.EffectiveIonicConductivity, length = model.Microstructure.CathodeThickness;
        double separatorC = ImpedanceParameters.VacuumPermittivity * p.SeparatorPermittivity / model.Microstructure.SeparatorThickness;
        double counterR = 1 / (model.InverseThermalVoltage * model.CounterExchangeCurrentDensity);
        double previous = double.PositiveInfinity;
        for (int i = 0; i < frequencies.Length; i++)
        {
            double omega = 2 * Math.PI * frequencies[i];
            Complex separator = model.SeriesResistance / new Complex(1, omega * model.SeriesResistance * separatorC);
            Complex counter = counterR / new Complex(1, omega * counterR * p.CounterDoubleLayer);
            Complex limit = (separator + counter + length / (s1 + s2)) / area;
            double error = RelativeError(z[i], limit);
            Assert.True(error < (i == 0 ? 0.01 : previous), $"f = {frequencies[i]}: {z[i]} vs {limit} ({error})");
            previous = error;
        }
        // At 1 MHz: within 1 % (0.14 % for this cell) of the separator R || C plus L/(s1 + s2); closer still above.
        Assert.True(z[0].Real > 0);
    }

    [Fact]
    public void Cell_LowFrequency_IsCapacitiveAndPassive()
    {
        var model = new CellModel(TestCells.B65(), new NumericsOptions(), TestCells.RoomTemperature);
        var z = AnalyticalImpedance.Compute(model, 0.6, new ImpedanceParameters(), LogSpace(1e-7, 1e6, 40));
        Assert.All(z, v => Assert.True(v.Real > 0 && v.Imaginary < 0, v.ToString()));
        // Far below the diffusion time the particles charge as a capacitor: the phase approaches -90 degrees.
        Assert.True(-z[0].Imaginary > 10 * z[0].Real, z[0].ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => AnalyticalImpedance.Compute(model, 0.6, new ImpedanceParameters(), [0.0]));
    }
}
