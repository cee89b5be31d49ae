using CathodeSim.Analysis.Gitt;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Protocol;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Gitt;

/// <summary>A simulated GITT analysed with Weppner-Huggins recovers the model's own D where tau &lt;&lt; R^2/D and flags where not.</summary>
public sealed class GittSimulatedTests(ITestOutputHelper output)
{
    private const double R2 = GittCells.Radius * GittCells.Radius;

    private void Print(GittAnalysisResult analysis, Func<double, double> model)
    {
        foreach (var p in analysis.Pulses)
            output.WriteLine($"#{p.Number} {p.Direction} tau {p.Duration:G4} s x {p.Stoichiometry:F4} dEs {p.SteadyStateChange * 1e3:F3} mV dEt {p.TransientChange * 1e3:F3} mV IR {p.IrDrop * 1e3:F3} mV "
                + $"D_WH/D {p.Diffusivity / model(p.Stoichiometry):F3} D_sqrt/D {p.SqrtTimeDiffusivity / model(p.Stoichiometry):F3} D_sph/D {p.SphereCorrectedDiffusivity / model(p.Stoichiometry):F3} T {p.DimensionlessTime:G3} {p.Flags}");
        foreach (var w in analysis.Warnings) output.WriteLine($"warning: {w}");
    }

    /// <summary>Short and long pulses at different currents: detect every one (relative threshold 1 %), keep the short ones.</summary>
    private static GittAnalysisOptions Options(CathodeSim.Model.Cell.CellDesign design) => GittCells.Options(design, truncated: 0) with
    {
        MinimumChargeFraction = 0,
        Detection = new PulseDetectionOptions(RelativeThreshold: 0.01),
    };

    [Fact]
    public void ConstantD_ShortPulsesRecoverD_WithinTenPercent_PulsesOfTauNearR2OverDAreFlagged()
    {
        const double d = 1e-15;   // R^2/D = 1000 s; 1 s pulses: tau D/R^2 = 0.001
        var design = GittCells.SingleParticle(new ConstantDiffusivity(d), 0.8);
        var rest = GittCells.Rest(3600);
        var result = GittCells.Run(design, GittCells.Numerics(),
            new RepeatStep("short", 4, [GittCells.Pulse(CurrentDirection.Charge, 4, 1), rest]),
            new RepeatStep("long", 2, [GittCells.Pulse(CurrentDirection.Charge, 0.1, 1000), rest]),
            new RepeatStep("short discharge", 2, [GittCells.Pulse(CurrentDirection.Discharge, 4, 1), rest]));
        var analysis = GittAnalyzer.Analyze(GittSeries.From(result), Options(design));
        Print(analysis, _ => d);

        Assert.Equal(8, analysis.Pulses.Count);
        Assert.False(analysis.CurrentSignFlipped);
        var shortOnes = analysis.Pulses.Where(p => p.Duration < 10).ToList();
        Assert.Equal(6, shortOnes.Count);
        Assert.Equal(2, shortOnes.Count(p => p.Direction == GittPulseDirection.Discharge));
        Assert.All(shortOnes, p => Assert.True(p.IsValid, $"pulse {p.Number}: {p.Flags}"));
        Assert.All(shortOnes, p => Assert.InRange(p.Diffusivity / d, 0.9, 1.1));
        Assert.All(shortOnes, p => Assert.InRange(p.SqrtTimeDiffusivity / d, 0.9, 1.1));
        Assert.All(shortOnes, p => Assert.InRange(p.SphereCorrectedDiffusivity / d, 0.9, 1.1));
        foreach (var p in analysis.Pulses.Where(p => p.Duration >= 10))
        {
            Assert.InRange(p.Duration, 999, 1001);
            Assert.True(p.Flags.HasFlag(GittFlags.LongPulse), $"pulse {p.Number}: {p.Flags}");
            Assert.True(p.Diffusivity < 0.5 * d, "Weppner-Huggins at tau = R^2/D underestimates D, which is why the flag is raised");
        }
        // Stoichiometry from the charge passed agrees with the model's lithium inventory.
        double x = result.Profiles[^1].MeanStoichiometry.Average();
        Assert.Equal(x, analysis.Pulses[^1].StoichiometryAfter, 4);
    }

    [Fact]
    public void StoichiometryDependentD_ShortPulsesFollowDx_WithinTwentyFivePercent()
    {
        var dx = new LogTabulatedDiffusivity([0.3, 0.5, 0.7, 0.85, 0.95], [1e-14, 5e-15, 2e-15, 8e-16, 3e-16]);
        var design = GittCells.SingleParticle(dx, 0.86);
        var rest = GittCells.Rest(3600);
        // Titration pulses (1C, 450 s: long, flagged) move x; between them a short probe pulse with tau D(x)/R^2 = 0.0015.
        var steps = new List<ProtocolStep>();
        double x = 0.86, move = 450.0 / 3600 * 200 / 275;
        for (int k = 0; k < 6; k++, x -= move)
        {
            double tau = 0.0015 * R2 / dx.At(x);
            steps.AddRange([GittCells.Pulse(CurrentDirection.Charge, 2.5 / tau, tau), rest, GittCells.Pulse(CurrentDirection.Charge, 1, 450), rest]);
        }
        var result = GittCells.Run(design, GittCells.Numerics(), [.. steps]);
        var analysis = GittAnalyzer.Analyze(GittSeries.From(result), Options(design));
        Print(analysis, dx.At);

        Assert.Equal(12, analysis.Pulses.Count);
        var probes = analysis.Pulses.Where(p => p.IsValid).ToList();
        Assert.Equal(6, probes.Count);
        Assert.All(probes, p => Assert.InRange(p.Diffusivity / dx.At(p.Stoichiometry), 0.75, 1.25));
        Assert.All(probes, p => Assert.InRange(p.SqrtTimeDiffusivity / dx.At(p.Stoichiometry), 0.75, 1.25));
        Assert.All(analysis.Pulses.Where(p => p.Duration > 100), p => Assert.True(p.Flags.HasFlag(GittFlags.LongPulse)));
    }

    [Fact]
    public void Protocol_CoversTheWindow_AndEndsEachDirectionOnItsCutoff()
    {
        var design = TestCells.B65();
        var protocol = GittProtocol.Create(design, new GittProtocolOptions(PulseCRate: 0.1, PulseDuration: 900, RestDuration: 4 * 3600));
        Assert.Equal(2, protocol.Count);
        var charge = Assert.IsType<RepeatStep>(protocol[0]);
        var discharge = Assert.IsType<RepeatStep>(protocol[1]);
        var pulse = Assert.IsType<CurrentStep>(charge.Steps[0]);
        Assert.Equal(900, pulse.Duration);
        Assert.Equal(3.7, pulse.CutoffVoltage);
        Assert.Equal(4 * 3600, Assert.IsType<RestStep>(charge.Steps[1]).Duration);
        Assert.Equal(CurrentDirection.Discharge, Assert.IsType<CurrentStep>(discharge.Steps[0]).Direction);
        // 0.1C of 200 mAh/g for 15 min is 5 mAh/g per pulse; the OCV window is about 0.99 -> 0.2 at 275 mAh/g, i.e. ~220 mAh/g.
        Assert.InRange(charge.Count, 40, 70);
        Assert.InRange(discharge.Count, 40, 70);
        Assert.Throws<ArgumentException>(() => GittProtocol.Create(design, new GittProtocolOptions(PulseDuration: 0)));
        Assert.Throws<ArgumentException>(() => GittProtocol.Create(design, new GittProtocolOptions(LowerCutoff: 3.8)));
    }
}
