using CathodeSim.Analysis.Impedance;
using CathodeSim.Analysis.Validation;
using CathodeSim.Model.Protocol;

namespace CathodeSim.Tests.Calibration;

public class ValidationCriteriaTests
{
    private static ComparedValue Value(double simulated, DataRole role) =>
        ComparedValue.Relative("row", "R", "ohm", 100, simulated, role, 0.30);

    [Fact]
    public void ShareCriterion_CountsFittedAndPredictedRowsApart_AndSaysHowManyMoreAreNeeded()
    {
        var values = new List<ComparedValue>();
        values.AddRange(Enumerable.Range(0, 10).Select(i => Value(i < 8 ? 110 : 150, DataRole.Fitted)));   // 8 of 10 within
        values.AddRange(Enumerable.Range(0, 10).Select(i => Value(i < 7 ? 90 : 40, DataRole.Predicted)));  // 7 of 10 within
        var criteria = ShareCriterion.Judge(values, "R", 0.30, 0.8).ToList();
        Assert.Equal(2, criteria.Count);
        Assert.True(criteria[0].Passed);
        Assert.Contains("fitted", criteria[0].Description);
        Assert.False(criteria[1].Passed);
        Assert.Contains("7 of 10", criteria[1].Found);
        Assert.Contains("1 more needed", criteria[1].Found);
    }

    [Fact]
    public void FailedSimulation_CountsAsOutside()
    {
        var v = Value(double.NaN, DataRole.Predicted);
        Assert.False(v.Within);
        Assert.False(ShareCriterion.Judge([v], "R", 0.3, 1.0).Single().Passed);
    }

    [Fact]
    public void InSituState_SecondCycleDischarge_RunsTheFirstCycleThenChargesAndDischargesToTheVoltage_ThenRests()
    {
        var steps = new InSituState(2, "discharge", 3.41).Protocol();
        Assert.Equal(5, steps.Count);
        var currents = steps.OfType<CurrentStep>().ToList();
        Assert.Equal([CurrentDirection.Charge, CurrentDirection.Discharge, CurrentDirection.Charge, CurrentDirection.Discharge], currents.Select(c => c.Direction));
        Assert.Equal([3.7, 2.1, 3.7, 3.41], currents.Select(c => c.CutoffVoltage!.Value));
        Assert.IsType<RestStep>(steps[^1]);
        Assert.Throws<ArgumentException>(() => new InSituState(1, "hold", 3.2).Protocol());
    }
}
