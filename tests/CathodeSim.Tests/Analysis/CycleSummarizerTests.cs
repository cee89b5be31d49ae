using CathodeSim.Analysis.Cycling;
using CathodeSim.Model.Results;

namespace CathodeSim.Tests.Analysis;

public sealed class CycleSummarizerTests
{
    // 10 mg of active material: 1 mAh/g = 0.036 C, 1 mWh/g = 0.036 J.
    private const double Mass = 1e-5;

    private static StepSummary Step(int index, string kind, int cycle, double charge, double energy) =>
        new(index, $"{kind} {index}", kind, cycle, index * 100, index * 100 + 100, charge, energy, 3.0, 4.0, StepEnd.Voltage);

    private static SimulationResult Result(params StepSummary[] steps) =>
        new("test", Mass, [], steps, [], new SolverDiagnostics(0, 0, 0, 0, true, null));

    [Fact]
    public void CccvChargeThenDischarge()
    {
        // CC charge: 0.36 C at a mean 3.5 V; CV hold: 0.036 C at 4.0 V; rest; discharge 0.324 C at a mean 3.4 V.
        var summaries = CycleSummarizer.Summarize(Result(
            Step(0, "charge", 1, 0.36, 0.36 * 3.5),
            Step(1, "hold", 1, 0.036, 0.036 * 4.0),
            Step(2, "rest", 1, 0, 0),
            Step(3, "discharge", 1, -0.324, -0.324 * 3.4)));

        var cycle = Assert.Single(summaries);
        Assert.Equal(1, cycle.Cycle);
        Assert.Equal(11.0, cycle.ChargeCapacity, 12); // 0.396 C / 0.036
        Assert.Equal(9.0, cycle.DischargeCapacity, 12);
        Assert.Equal(9.0 / 11.0, cycle.CoulombicEfficiency, 12);
        Assert.Equal((1.26 + 0.144) / 0.396, cycle.MeanChargeVoltage, 12); // 3.5454...
        Assert.Equal(3.4, cycle.MeanDischargeVoltage, 12);
        Assert.Equal(1.404 / 0.036, cycle.ChargeEnergy, 10); // 39 mWh/g
        Assert.Equal(1.1016 / 0.036, cycle.DischargeEnergy, 10); // 30.6 mWh/g, positive
    }

    [Fact]
    public void StepsAreGroupedByCycleInAscendingOrder()
    {
        var summaries = CycleSummarizer.Summarize(Result(
            Step(0, "charge", 2, 0.072, 0.072 * 4.0),
            Step(1, "discharge", 2, -0.036, -0.036 * 3.0),
            Step(2, "charge", 1, 0.036, 0.036 * 3.8),
            Step(3, "charge", 2, 0.036, 0.036 * 4.1)));

        Assert.Equal([1, 2], summaries.Select(s => s.Cycle));
        Assert.Equal(1.0, summaries[0].ChargeCapacity, 12);
        Assert.Equal(0.0, summaries[0].DischargeCapacity);
        Assert.Equal(0.0, summaries[0].CoulombicEfficiency);
        Assert.True(double.IsNaN(summaries[0].MeanDischargeVoltage));

        Assert.Equal(3.0, summaries[1].ChargeCapacity, 12);
        Assert.Equal(1.0, summaries[1].DischargeCapacity, 12);
        Assert.Equal(1.0 / 3.0, summaries[1].CoulombicEfficiency, 12);
        // Charge-weighted: (2 x 4.0 + 1 x 4.1) / 3.
        Assert.Equal((2 * 4.0 + 4.1) / 3, summaries[1].MeanChargeVoltage, 12);
    }

    [Fact]
    public void NoChargeGivesNaNEfficiency()
    {
        var cycle = Assert.Single(CycleSummarizer.Summarize(Result(Step(0, "discharge", 1, -0.036, -0.036 * 3.5))));

        Assert.Equal(0.0, cycle.ChargeCapacity);
        Assert.True(double.IsNaN(cycle.CoulombicEfficiency));
        Assert.True(double.IsNaN(cycle.MeanChargeVoltage));
        Assert.Equal(0.0, cycle.ChargeEnergy);
        Assert.Equal(3.5, cycle.MeanDischargeVoltage, 12);
    }

    [Fact]
    public void HoldAfterDischargeCountsAsDischarge()
    {
        // A CV hold at the lower cut-off passes negative charge and extends the discharge.
        var cycle = Assert.Single(CycleSummarizer.Summarize(Result(
            Step(0, "discharge", 1, -0.324, -0.324 * 3.4),
            Step(1, "hold", 1, -0.036, -0.036 * 3.0))));

        Assert.Equal(0.0, cycle.ChargeCapacity);
        Assert.Equal(10.0, cycle.DischargeCapacity, 12);
        Assert.Equal((0.324 * 3.4 + 0.036 * 3.0) / 0.36, cycle.MeanDischargeVoltage, 12);
    }

    [Fact]
    public void EmptyRunHasNoCycles() => Assert.Empty(CycleSummarizer.Summarize(Result()));

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-5)]
    [InlineData(double.NaN)]
    public void NonPositiveMassIsRejected(double mass)
    {
        var result = Result(Step(0, "charge", 1, 0.036, 0.144)) with { ActiveMass = mass };

        Assert.Throws<ArgumentOutOfRangeException>(() => CycleSummarizer.Summarize(result));
    }
}
