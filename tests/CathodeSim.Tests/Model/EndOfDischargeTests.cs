using CathodeSim.IO.Config;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Model;

/// <summary>
/// The end of a discharge of Ni-rich NCM is a collapse of the voltage: the particles fill up, and beyond a time no
/// solution exists. The step control closes in on it (halfway to where Newton last failed) and Newton gives up on
/// iterates that leave every physical potential; the counts below are properties of the algorithm, not timings.
/// </summary>
public sealed class EndOfDischargeTests(ITestOutputHelper output)
{
    private static SimulationSetup BenchmarkDischarge(int bins)
    {
        var loaded = ConfigLoader.Load(RepositoryPaths.File("configs", "b-ncm-65.yaml"),
            ["numerics.cathode_nodes=20", "numerics.radial_shells=20", $"numerics.size_bins={bins}"]);
        var design = loaded.Setup.Design;
        double charged = CathodeSim.Analysis.Gitt.GittProtocol.StoichiometryAt(design, 3.7);   // relaxed at the 3.7 V cut-off
        var discharge = new CurrentStep("Discharge at 0.1C until 2.1 V", CurrentDirection.Discharge, new CRateSetpoint(0.1), 2.1, null);
        return loaded.Setup with { Design = design with { InitialStoichiometry = charged }, Protocol = [discharge], ProfileTimes = [] };
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void VoltageCollapse_IsLocatedWithFewRejectedSteps_AndEveryAcceptedVoltageIsPhysical(int bins)
    {
        var setup = BenchmarkDischarge(bins);
        var result = new Simulator().Run(setup);
        var d = result.Diagnostics;
        output.WriteLine($"K = {bins}: {d.AcceptedSteps} accepted, {d.RejectedSteps} rejected, {d.NewtonIterations} Newton iterations");
        Assert.True(d.Completed, d.FailureMessage);
        Assert.Equal(StepEnd.Voltage, result.Steps[0].End);
        Assert.Equal(2.1, result.Steps[0].EndVoltage, 3);
        Assert.All(result.Series, p => Assert.InRange(p.Voltage, 2.0, 3.8));
        // Before the step control closed in on the collapse, each of a dozen failed attempts there cost all 12 iterations
        // (375 iterations for 98 steps at K = 5); now about 2.4 per accepted step.
        Assert.True(d.RejectedSteps <= 10, $"{d.RejectedSteps} rejected steps");
        Assert.True(d.NewtonIterations <= 2.7 * d.AcceptedSteps, $"{d.NewtonIterations} iterations for {d.AcceptedSteps} steps");
    }

    /// <summary>
    /// GITT pulses into the collapse, each after a 4 h rest (the seed's GITT, from a relaxed 3.0 V on): each pulse starts
    /// with an ohmic jump of the potentials, which the Newton guess of the following steps (the line through the last two
    /// accepted points) must not extrapolate. A version that took the line through the rest's end point and the first
    /// solved point failed Newton at every step size in one of these pulses (configs/gitt/b-ncm-65.yaml, pulse 45).
    /// </summary>
    [Fact]
    public void GittPulsesAfterRests_IntoTheCollapse_AllConvergeAndEndOnTheirCutoffOrTime()
    {
        var loaded = ConfigLoader.Load(RepositoryPaths.File("configs", "gitt", "b-ncm-65.yaml"), []);
        var design = loaded.Setup.Design;
        double relaxed = CathodeSim.Analysis.Gitt.GittProtocol.StoichiometryAt(design, 3.0);
        var pulse = new CurrentStep("Discharge at 0.1C for 15 min or until 2.1 V", CurrentDirection.Discharge, new CRateSetpoint(0.1), 2.1, 900);
        var rest = new RestStep("Rest for 4 hours", 4 * 3600);
        var protocol = Enumerable.Range(0, 10).SelectMany(_ => new ProtocolStep[] { pulse, rest }).ToArray();
        var setup = loaded.Setup with { Design = design with { InitialStoichiometry = relaxed }, Protocol = protocol, ProfileTimes = [] };
        var result = new Simulator().Run(setup);
        var d = result.Diagnostics;
        output.WriteLine($"{d.AcceptedSteps} accepted, {d.RejectedSteps} rejected, {d.NewtonIterations} Newton iterations; pulse ends: " +
            string.Join(", ", result.Steps.Where(s => s.Kind == "discharge").Select(s => $"{s.End} {s.EndVoltage:F4} V")));
        Assert.True(d.Completed, d.FailureMessage);
        Assert.Equal(protocol.Length, result.Steps.Count);
        Assert.All(result.Steps.Where(s => s.Kind == "discharge"), s => Assert.True(s.End == StepEnd.Time || TestCells.EndedAtCutoff(s, 2.1), $"{s.End} at {s.EndVoltage} V"));
        Assert.Contains(result.Steps, s => s.End == StepEnd.Voltage);   // the pulses do reach the collapse
    }
}
