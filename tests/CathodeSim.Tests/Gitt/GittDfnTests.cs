using CathodeSim.Analysis.Gitt;
using CathodeSim.IO.Config;
using CathodeSim.Model.Dfn;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Gitt;

/// <summary>
/// GITT of the liquid-electrolyte (DFN) half cell: a simulated GITT analysed with Weppner-Huggins recovers the DFN
/// cathode's own D(x) where tau &lt;&lt; R^2/D, as <see cref="GittSimulatedTests"/> checks for the solid-state model, with the same
/// tolerances. The electrolyte is made non-limiting (constant properties, 1000 S/m, 1e-6 m^2/s), the coating a good
/// conductor and the particles monodisperse (R = 1 um), so that every particle carries the same flux.
/// </summary>
public sealed class GittDfnTests(ITestOutputHelper output)
{
    private const double Radius = GittCells.Radius;
    private const double R2 = Radius * Radius;

    private static LiquidCell Coin => ConfigLoader.LoadAnyMode(RepositoryPaths.File("configs", "liquid", "s-ncm-coin.yaml"), ["numerics.size_bins=1"]).Setup.Liquid!.Cell;

    /// <summary>The seed paper's coin cell reduced to its single-particle limit, with the cathode's D(x) replaced by <paramref name="diffusivity"/>.</summary>
    private static LiquidCell SingleParticleCoin(IDiffusivity diffusivity, double initialStoichiometry)
    {
        var cell = Coin;
        return cell with
        {
            Active = cell.Active with { Diffusivity = diffusivity },
            InitialStoichiometry = initialStoichiometry,
            Electrolyte = new ConstantLiquidElectrolyte(1e3, 1e-6, 0.38, 1.0),
            SolidConductivity = 1e5,
            ExchangeCurrent = 20.0,
            Particles = new([Radius], [1.0]),
        };
    }

    /// <summary>
    /// Fine radial grid, as in the solid-state checks (200 intervals there): the short-time layer sqrt(D tau) is a few per
    /// cent of R. The DFN's vertex-centred shells converge on the short-pulse D_WH from below (1 s discharge probes of the
    /// constant-D check: D_WH/D = 0.871, 0.894, 0.903, 0.906, 0.907 at 200, 400, 800, 1600, 3200 intervals), the solid-state
    /// scheme from above (0.953 at 200, 0.905 at 1600): both converge to the same value. The constant-D check therefore runs
    /// on 1600 intervals; the D(x) check, whose tolerance is wider, on the solid-state check's 200.
    /// </summary>
    private static NumericsOptions Numerics(int shells) => new(CathodeNodes: 3, RadialShells: shells, SizeBins: 1, RelativeTolerance: 1e-6, AbsoluteTolerance: 1e-9, MaxStep: 3600);

    private static CurrentStep Pulse(CurrentDirection direction, double cRate, double seconds) =>
        new($"{direction} at {cRate}C for {seconds} s", direction, new CRateSetpoint(cRate), direction == CurrentDirection.Charge ? 5.0 : 2.0, seconds);

    private static SimulationResult Run(LiquidCell cell, int shells, params ProtocolStep[] protocol)
    {
        var result = new DfnSimulator().Run("gitt-dfn-test", cell, new DfnGrid(3, 3, shells), 298.15, protocol, Numerics(shells));
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        return result;
    }

    /// <summary>As in the solid-state checks: every pulse detected (relative threshold 1 %), none dropped as truncated.</summary>
    private static GittAnalysisOptions Options(GittCell cell) => new(cell.ParticleRadius, cell.InitialStoichiometry, cell.TheoreticalCharge,
        Detection: new PulseDetectionOptions(RelativeThreshold: 0.01), TruncatedFraction: 0, MinimumChargeFraction: 0);

    private void Print(GittAnalysisResult analysis, Func<double, double> model)
    {
        foreach (var p in analysis.Pulses)
            output.WriteLine($"#{p.Number} {p.Direction} tau {p.Duration:G4} s x {p.Stoichiometry:F4} dEs {p.SteadyStateChange * 1e3:F3} mV dEt {p.TransientChange * 1e3:F3} mV IR {p.IrDrop * 1e3:F3} mV "
                + $"D_WH/D {p.Diffusivity / model(p.Stoichiometry):F3} D_sqrt/D {p.SqrtTimeDiffusivity / model(p.Stoichiometry):F3} D_sph/D {p.SphereCorrectedDiffusivity / model(p.Stoichiometry):F3} T {p.DimensionlessTime:G3} {p.Flags}");
        foreach (var w in analysis.Warnings) output.WriteLine($"warning: {w}");
    }

    [Fact]
    public void GittCell_OfTheLiquidHalfCell_TakesItsCathode_AndTheLithiumWindow()
    {
        var coin = Coin;
        var cell = GittCell.Of(coin);
        Assert.Equal("Li", cell.CounterElectrode);
        Assert.Equal(0.0, cell.CounterPotential);
        Assert.Equal(coin.OneCCurrent, cell.OneCCurrent);
        Assert.Equal(coin.InitialStoichiometry, cell.InitialStoichiometry);
        // The lithium the particles hold at x = 1 is that of the active mass: c_max F x volume = m F / M.
        Assert.Equal(coin.ActiveMass * coin.Active.TheoreticalSpecificCharge, cell.TheoreticalCharge, 1e-9 * cell.TheoreticalCharge);
        // Sauter radius of the model's own bins (1 / sum v_k / R_k), as the solid mode takes it from the size distribution.
        var three = ConfigLoader.LoadAnyMode(RepositoryPaths.File("configs", "liquid", "s-ncm-coin.yaml"), []).Setup;
        Assert.Equal(GittAnalyzer.SauterRadius(three.Design.Cathode.ParticleSizes, three.Numerics.SizeBins), GittCell.Of(three).ParticleRadius, 1e-15);

        var protocol = GittProtocol.Create(cell, new GittProtocolOptions(PulseCRate: 0.1, PulseDuration: 900, RestDuration: 3600));
        var charge = Assert.IsType<RepeatStep>(protocol[0]);
        var discharge = Assert.IsType<RepeatStep>(protocol[1]);
        Assert.Equal(GittCell.LithiumUpperCutoff, Assert.IsType<CurrentStep>(charge.Steps[0]).CutoffVoltage);
        Assert.Equal(GittCell.LithiumLowerCutoff, Assert.IsType<CurrentStep>(discharge.Steps[0]).CutoffVoltage);
        // 0.1C of 200 mAh/g for 15 min is 5 mAh/g per pulse: the same count as the solid-state cell in 2.1-3.7 V vs Li-In.
        Assert.InRange(charge.Count, 40, 70);
        Assert.InRange(discharge.Count, 40, 70);
    }

    [Fact]
    public void GittCell_OfALiquidFullCell_IsRefused()
    {
        var full = ConfigLoader.LoadAnyMode(RepositoryPaths.File("configs", "liquid", "marquis2019-kokam.yaml"), []).Setup;
        Assert.Throws<NotSupportedException>(() => GittCell.Of(full));
    }

    [Fact]
    public void ConstantD_ShortPulsesRecoverD_WithinTenPercent_PulsesOfTauNearR2OverDAreFlagged()
    {
        const double d = 1e-15;   // R^2/D = 1000 s; 1 s pulses: tau D/R^2 = 0.001
        var liquid = SingleParticleCoin(new ConstantDiffusivity(d), 0.8);
        var cell = GittCell.Of(liquid);
        Assert.Equal(Radius, cell.ParticleRadius, 1e-15);
        var rest = new RestStep("Rest for 3600 s", 3600);
        var result = Run(liquid, 1600,
            new RepeatStep("short", 4, [Pulse(CurrentDirection.Charge, 4, 1), rest]),
            new RepeatStep("long", 2, [Pulse(CurrentDirection.Charge, 0.1, 1000), rest]),
            new RepeatStep("short discharge", 2, [Pulse(CurrentDirection.Discharge, 4, 1), rest]));
        var analysis = GittAnalyzer.Analyze(GittSeries.From(result), Options(cell));
        var model = cell.ModelDiffusivity(298.15);
        Print(analysis, model);

        Assert.Equal(8, analysis.Pulses.Count);
        Assert.False(analysis.CurrentSignFlipped);
        var shortOnes = analysis.Pulses.Where(p => p.Duration < 10).ToList();
        Assert.Equal(6, shortOnes.Count);
        Assert.Equal(2, shortOnes.Count(p => p.Direction == GittPulseDirection.Discharge));
        Assert.All(shortOnes, p => Assert.True(p.IsValid, $"pulse {p.Number}: {p.Flags}"));
        Assert.All(shortOnes, p => Assert.InRange(p.Diffusivity / model(p.Stoichiometry), 0.9, 1.1));
        Assert.All(shortOnes, p => Assert.InRange(p.SqrtTimeDiffusivity / model(p.Stoichiometry), 0.9, 1.1));
        Assert.All(shortOnes, p => Assert.InRange(p.SphereCorrectedDiffusivity / model(p.Stoichiometry), 0.9, 1.1));
        foreach (var p in analysis.Pulses.Where(p => p.Duration >= 10))
        {
            Assert.InRange(p.Duration, 999, 1001);
            Assert.True(p.Flags.HasFlag(GittFlags.LongPulse), $"pulse {p.Number}: {p.Flags}");
            Assert.True(p.Diffusivity < 0.5 * d, "Weppner-Huggins at tau = R^2/D underestimates D, which is why the flag is raised");
        }
        // Stoichiometry from the charge passed agrees with the DFN's lithium inventory.
        double x = result.Profiles[^1].MeanStoichiometry.Average();
        Assert.Equal(x, analysis.Pulses[^1].StoichiometryAfter, 4);
    }

    [Fact]
    public void StoichiometryDependentD_ShortPulsesFollowDx_WithinTwentyFivePercent()
    {
        var dx = new LogTabulatedDiffusivity([0.3, 0.5, 0.7, 0.85, 0.95], [1e-14, 5e-15, 2e-15, 8e-16, 3e-16]);
        var liquid = SingleParticleCoin(dx, 0.86);
        var cell = GittCell.Of(liquid);
        var rest = new RestStep("Rest for 3600 s", 3600);
        // Titration pulses (1C, 450 s: long, flagged) move x; between them a short probe pulse with tau D(x)/R^2 = 0.0015.
        var steps = new List<ProtocolStep>();
        double x = 0.86, move = 450.0 / 3600 * liquid.NominalSpecificCapacity / liquid.Active.TheoreticalSpecificCharge;
        for (int k = 0; k < 6; k++, x -= move)
        {
            double tau = 0.0015 * R2 / dx.At(x);
            steps.AddRange([Pulse(CurrentDirection.Charge, 2.5 / tau, tau), rest, Pulse(CurrentDirection.Charge, 1, 450), rest]);
        }
        var result = Run(liquid, 200, [.. steps]);
        var analysis = GittAnalyzer.Analyze(GittSeries.From(result), Options(cell));
        var model = cell.ModelDiffusivity(298.15);
        Print(analysis, model);

        Assert.Equal(12, analysis.Pulses.Count);
        var probes = analysis.Pulses.Where(p => p.IsValid).ToList();
        Assert.Equal(6, probes.Count);
        Assert.All(probes, p => Assert.InRange(p.Diffusivity / model(p.Stoichiometry), 0.75, 1.25));
        Assert.All(probes, p => Assert.InRange(p.SqrtTimeDiffusivity / model(p.Stoichiometry), 0.75, 1.25));
        Assert.All(analysis.Pulses.Where(p => p.Duration > 100), p => Assert.True(p.Flags.HasFlag(GittFlags.LongPulse)));
    }
}
