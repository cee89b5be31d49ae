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
}
