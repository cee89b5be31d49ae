using CathodeSim.Analysis.Optimization;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.IO.Config;
using CathodeSim.Model.Simulation;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Analysis;

public class MassRatioOptimizerTests(ITestOutputHelper output)
{
    [Fact]
    public void GoldenSection_FindsTheMaximumOfAnAnalyticFunction_WithinTolerance()
    {
        var result = GoldenSectionSearch.Maximise(x => 3 - (x - 0.6371) * (x - 0.6371), 0.5, 0.9, 1e-4);
        Assert.InRange(result.Argument, 0.6371 - 1e-4, 0.6371 + 1e-4);
        Assert.True(result.Evaluations < 30);
    }

    [Fact]
    public void GoldenSection_TreatsFailedEvaluationsAsWorst()
    {
        var result = GoldenSectionSearch.Maximise(x => x > 0.8 ? double.NaN : x, 0.5, 0.9, 1e-3);
        Assert.InRange(result.Argument, 0.795, 0.8);
    }

    [Fact]
    public void Optimizer_FindsTheKnownOptimumOfAnAnalyticObjective_AndItsPlateau()
    {
        var design = TestCells.B65();
        IReadOnlyList<SimulationSetup> At(double w) => [TestCells.Setup(design with { Cathode = design.Cathode with { ActiveMassFraction = w } })];
        static double Objective(SimulationSetup s) { double w = s.Design.Cathode.ActiveMassFraction; return 200 - 5000 * (w - 0.6634) * (w - 0.6634); }
        var result = new MassRatioOptimizer(At, Objective).Search(new RatioSearchOptions(0.5, 0.9, 9, 0.005));
        Assert.InRange(result.Optimum.Argument, 0.6634 - 0.005, 0.6634 + 0.005);
        // Within 1 % (2 units) of 200: |w - 0.6634| < 0.02.
        Assert.InRange(result.PlateauLower, 0.6434, 0.6634);
        Assert.InRange(result.PlateauUpper, 0.6634, 0.6834);
        Assert.Equal(0.0, result.AtOptimum.Breakdown.IonicLoss, 12);
    }

    [Fact]
    public void Optimizer_OnTheModel_IsStableUnderGridRefinement_AndNamesTheLimitationOfEachSide()
    {
        string config = RepositoryPaths.File("configs", "b-ncm-65.yaml");
        string[] coarse = ["numerics.size_bins=1", "numerics.cathode_nodes=10", "numerics.radial_shells=10"];
        IReadOnlyList<SimulationSetup> At(double w) => [ConfigLoader.Load(config, [.. coarse, $"cell.cathode.active_mass_fraction={w:R}"]).Setup];
        static double Objective(SimulationSetup s)
        {
            var r = new Simulator().Run(s);
            return r.Diagnostics.Completed ? CaseMetrics.From(s, r)[CaseMetrics.IndexOf("discharge_capacity_mAh_per_g")] : double.NaN;
        }
        var optimizer = new MassRatioOptimizer(At, Objective);
        var five = optimizer.Search(new RatioSearchOptions(0.5, 0.9, 5, 0.005, 2));
        var nine = optimizer.Search(new RatioSearchOptions(0.5, 0.9, 9, 0.005, 2));
        output.WriteLine($"5 points: {five.Optimum.Argument:F4} ({five.Optimum.Value:F2}); 9 points: {nine.Optimum.Argument:F4} ({nine.Optimum.Value:F2}); plateau {nine.PlateauLower:F3}-{nine.PlateauUpper:F3}");
        Assert.True(Math.Abs(five.Optimum.Value - nine.Optimum.Value) < 0.005 * nine.Optimum.Value);
        Assert.InRange(five.Optimum.Argument, nine.PlateauLower, nine.PlateauUpper);
        Assert.NotNull(nine.HighEnd);
        Assert.Equal("ionic transport", nine.HighEnd!.Breakdown.Dominant);
        Assert.True(nine.HighEnd.Breakdown.IonicLoss > 10 * nine.AtOptimum.Breakdown.IonicLoss);
    }
}
