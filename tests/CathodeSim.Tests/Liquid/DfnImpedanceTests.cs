using System.Diagnostics;
using System.Numerics;
using CathodeSim.Analysis.Impedance;
using CathodeSim.IO.Config;
using CathodeSim.Model;
using CathodeSim.Model.Dfn;
using Xunit;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Liquid;

/// <summary>
/// The small-signal impedance of the liquid-electrolyte (DFN) cell (<see cref="DfnImpedance"/>): its high-frequency limit
/// against a hand-computed ohmic resistance, its spectrum against sinusoidal time-domain simulations of the same
/// discretisation, and the Kramers-Kronig consistency of the result.
/// </summary>
public sealed class DfnImpedanceTests(ITestOutputHelper output)
{
    private static (DfnSystem System, double[] State) AtRest(string config, params string[] overrides)
    {
        var setup = ConfigLoader.LoadAnyMode(RepositoryPaths.File("configs", "liquid", config), overrides).Setup;
        var cell = setup.Liquid!.Cell;
        if (cell.Anode is null) cell = cell with { InitialStoichiometry = 0.5 };
        var system = new DfnSystem(cell, setup.Liquid.Grid, setup.Temperature);
        var y = system.RestState();
        Assert.True(system.Step(y, (double[])y.Clone(), double.PositiveInfinity, 0));
        return (system, y);
    }

    private static double[] Decades(double highest, double lowest, int perDecade)
    {
        int n = (int)Math.Round(Math.Log10(highest / lowest) * perDecade);
        return Enumerable.Range(0, n + 1).Select(i => highest * Math.Pow(10, -(double)i / perDecade)).ToArray();
    }

    [Fact]
    public void Limit_AtHighFrequency_TheHalfCellIsPurelyOhmic_TheHandComputedSeparatorAndPorousElectrodeResistance()
    {
        var (system, y) = AtRest("s-ncm-coin.yaml", "numerics.size_bins=2", "numerics.cathode_nodes=10", "numerics.radial_shells=10");
        var cell = system.Cell;
        double T = system.Temperature, c = cell.InitialConcentration, kappa = cell.Electrolyte.Conductivity(c, T);
        double kSep = Math.Pow(cell.SeparatorPorosity, cell.SeparatorBruggeman) * kappa;
        double kCat = Math.Pow(cell.CathodePorosity, cell.CathodeBruggeman) * kappa, sigma = cell.SolidConductivity;
        int n = system.Nodes - system.FirstCathodeNode;
        double dx = cell.CathodeThickness / n;
        // With the double layers shorting every interface (and the lithium metal), the electrolyte carries the current
        // through the separator to the first cathode volume's centre; between volume centres electrolyte and solid conduct
        // in parallel (equal potentials at the centres); the last half volume is solid only, up to the collector.
        double discrete = cell.SeparatorThickness / kSep + dx / 2 / kCat + (cell.CathodeThickness - dx) / (kCat + sigma) + dx / 2 / sigma;
        double continuum = cell.SeparatorThickness / kSep + cell.CathodeThickness / (kCat + sigma);
        var z = DfnImpedance.ComputeSpecific(system, y, new DfnDoubleLayers(), [1e6, 1e9]);
        output.WriteLine($"hand: discrete {discrete * 1e4:F4} ohm cm^2 (continuum {continuum * 1e4:F4}); Z(1 MHz) = {z[0] * 1e4:G6}, Z(1 GHz) = {z[1] * 1e4:G6} ohm cm^2");
        Assert.Equal(1, z[1].Real / discrete, 1e-4);
        Assert.True(Math.Abs(z[1].Imaginary) < 1e-3 * discrete, $"Im Z(1 GHz) = {z[1].Imaginary:G3}");
        Assert.Equal(1, z[0].Real / discrete, 1e-2);
    }

    [Fact]
    public void Limit_AtHighFrequency_TheFullCellIsPurelyOhmic_BothPorousElectrodesShortedByTheirDoubleLayers()
    {
        var (system, y) = AtRest("marquis2019-kokam.yaml", "numerics.cathode_nodes=10", "numerics.radial_shells=10");
        var cell = system.Cell;
        var anode = cell.Anode!;
        double T = system.Temperature, kappa = cell.Electrolyte.Conductivity(cell.InitialConcentration, T);
        double kNeg = Math.Pow(anode.Porosity, anode.Bruggeman) * kappa, kSep = Math.Pow(cell.SeparatorPorosity, cell.SeparatorBruggeman) * kappa;
        double kPos = Math.Pow(cell.CathodePorosity, cell.CathodeBruggeman) * kappa;
        double sNeg = anode.SolidConductivity, sPos = cell.SolidConductivity;
        double dNeg = anode.Thickness / system.AnodeVolumes, dPos = cell.CathodeThickness / (system.Nodes - system.FirstCathodeNode);
        // Negative collector to the first anode volume's centre in the solid; both phases in parallel between centres;
        // electrolyte only from the last anode centre through the separator to the first cathode centre; then the same
        // mirrored in the cathode. (This test found the anode collector's half volume entering with the wrong sign, as
        // -dx/2 / sigma: Z was low by exactly dx / sigma_neg, 0.18 %.)
        double hand = dNeg / 2 / sNeg + (anode.Thickness - dNeg) / (kNeg + sNeg) + dNeg / 2 / kNeg + cell.SeparatorThickness / kSep
            + dPos / 2 / kPos + (cell.CathodeThickness - dPos) / (kPos + sPos) + dPos / 2 / sPos;
        var z = DfnImpedance.ComputeSpecific(system, y, new DfnDoubleLayers(), [1e9]);
        output.WriteLine($"full cell: hand {hand * 1e4:F5} ohm cm^2, Z(1 GHz) = {z[0] * 1e4:G6} ohm cm^2");
        Assert.Equal(1, z[0].Real / hand, 1e-4);
        // Without the anode's double layer the anode stays faradaic at any frequency: more than the ohmic value.
        var blocked = DfnImpedance.ComputeSpecific(system, y, new DfnDoubleLayers(Anode: 0), [1e9]);
        Assert.True(blocked[0].Real > 1.01 * hand, $"{blocked[0].Real * 1e4:G6} ohm cm^2");
    }

    /// <summary>
    /// A sinusoidal current of C/100 through fixed-step BDF2 steps of the same equations (no double layers, which the
    /// time domain lacks), the voltage's fundamental extracted over whole periods after a settling time.
    /// </summary>
    private static Complex TimeDomain(DfnSystem system, double[] rest, double amplitude, double frequency, int stepsPerPeriod, int settle, int measured)
    {
        double omega = 2 * Math.PI * frequency, h = 1 / frequency / stepsPerPeriod;
        var previous = (double[])rest.Clone();
        var y = (double[])rest.Clone();
        var combination = new double[system.Size];
        int total = (settle + measured) * stepsPerPeriod;
        var voltages = new double[measured * stepsPerPeriod];
        for (int n = 1; n <= total; n++)
        {
            double current = amplitude * Math.Sin(omega * n * h);
            var next = (double[])y.Clone();
            bool first = n == 1;
            for (int q = 0; q < system.Size; q++) combination[q] = first ? y[q] : (4 * y[q] - previous[q]) / 3;
            Assert.True(system.Step(next, combination, first ? h : 2 * h / 3, current), $"Newton failed at step {n}");
            previous = y;
            y = next;
            int m = n - settle * stepsPerPeriod - 1;
            if (m >= 0) voltages[m] = system.Voltage(y, current);
        }
        // Least-squares fit of V = a + b t + c cos(omega t) + d sin(omega t) over the measured periods: the offset and the
        // linear drift (the slow relaxation of the charge the first half period passed) are fitted together with the
        // fundamental, since a ramp alone would also project onto it. With V = Re(V e^{j omega t}) and I = A sin(omega t),
        // V = c - j d and I = -j A.
        var normal = new double[4, 5];
        for (int m = 0; m < voltages.Length; m++)
        {
            double t = (settle * stepsPerPeriod + m + 1) * h;
            double[] basis = [1, t * frequency, Math.Cos(omega * t), Math.Sin(omega * t)];
            for (int r = 0; r < 4; r++)
            {
                for (int col = 0; col < 4; col++) normal[r, col] += basis[r] * basis[col];
                normal[r, 4] += basis[r] * voltages[m];
            }
        }
        for (int k = 0; k < 4; k++)
            for (int r = k + 1; r < 4; r++)
            {
                double f = normal[r, k] / normal[k, k];
                for (int col = k; col < 5; col++) normal[r, col] -= f * normal[k, col];
            }
        var coefficient = new double[4];
        for (int k = 3; k >= 0; k--)
        {
            double sum = normal[k, 4];
            for (int col = k + 1; col < 4; col++) sum -= normal[k, col] * coefficient[col];
            coefficient[k] = sum / normal[k, k];
        }
        return new Complex(coefficient[2], -coefficient[3]) / new Complex(0, -amplitude);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.01)]
    public void IndependentSolution_WithoutDoubleLayers_MatchesASinusoidalTimeDomainSimulation(double frequency)
    {
        var (system, y) = AtRest("s-ncm-coin.yaml", "numerics.size_bins=1", "numerics.cathode_nodes=6", "numerics.radial_shells=8");
        double amplitude = system.Cell.OneCCurrent / system.Cell.Area / 100;
        var linear = DfnImpedance.ComputeSpecific(system, y, DfnDoubleLayers.None, [frequency])[0];
        var clock = Stopwatch.StartNew();
        var simulated = TimeDomain(system, y, amplitude, frequency, stepsPerPeriod: 400, settle: 4, measured: 4);
        output.WriteLine($"{frequency} Hz: linearised {linear * 1e4:G6}, time domain {simulated * 1e4:G6} ohm cm^2 ({clock.Elapsed.TotalSeconds:F1} s); " +
            $"|Z| ratio {simulated.Magnitude / linear.Magnitude:F5}, phase difference {(simulated.Phase - linear.Phase) * 180 / Math.PI:F3} deg");
        Assert.True(linear.Real > 0, "a charging current raises the voltage: Re Z > 0");
        Assert.Equal(1, simulated.Magnitude / linear.Magnitude, 1e-3);
        Assert.True(Math.Abs(simulated.Phase - linear.Phase) < 0.05 * Math.PI / 180, $"phase {simulated.Phase * 180 / Math.PI:F2} vs {linear.Phase * 180 / Math.PI:F2} deg");
    }

    [Theory]
    [InlineData("s-ncm-coin.yaml")]
    [InlineData("marquis2019-kokam.yaml")]
    public void KramersKronig_TheSpectrumWithDoubleLayers_PassesLinKk(string config)
    {
        var (system, y) = AtRest(config, "numerics.cathode_nodes=10", "numerics.radial_shells=10");
        var frequencies = Decades(1e6, 1e-2, 10);
        var clock = Stopwatch.StartNew();
        var z = DfnImpedance.Compute(system, y, new DfnDoubleLayers(), frequencies);
        double seconds = clock.Elapsed.TotalSeconds;
        Assert.All(z, p => Assert.True(p.Real > 0 && double.IsFinite(p.Imaginary), $"{p}"));
        // The series capacitance: at rest the particles store charge, so the low-frequency end turns capacitive. The mu
        // criterion's default 0.85 guards measured spectra against fitting their noise and stops this noise-free one at
        // 4 to 18 RC elements (residuals up to 54 % for the full cell: too few elements over eight decades, not a KK
        // violation); at mu <= 0.5 the test takes 40 odd elements.
        var kk = LinKk.Test(frequencies, z, new LinKkOptions { Capacitance = true, C = 0.5 });
        output.WriteLine($"{config}: {frequencies.Length} frequencies in {seconds:F2} s; Z(1 MHz) = {z[0]:G4}, Z(10 mHz) = {z[^1]:G4} ohm; " +
            $"lin-KK M = {kk.Elements}, mu = {kk.Mu:F3}, max residual {kk.MaxResidual:E2}, rms {kk.RmsReal:E2} / {kk.RmsImaginary:E2}");
        Assert.True(kk.MaxResidual < 1e-3, $"max lin-KK residual {kk.MaxResidual:E2}");
        Assert.True(LinKkVerdict.Judge(kk, capacitanceFitted: true).Consistent);
    }
}
