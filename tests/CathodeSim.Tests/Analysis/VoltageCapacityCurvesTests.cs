using CathodeSim.Analysis.Cycling;
using CathodeSim.Model.Results;

namespace CathodeSim.Tests.Analysis;

public sealed class VoltageCapacityCurvesTests
{
    private const double Mass = 1e-5; // 10 mg: 1 mAh/g = 0.036 C

    [Fact]
    public void EachSegmentStartsAtZeroAndRestsAreSkipped()
    {
        // Charge 0.072 C (2 mAh/g), CV hold 0.036 C, rest, discharge 0.108 C (3 mAh/g).
        var steps = new List<StepSummary>
        {
            new(0, "cc", "charge", 1, 0, 2, 0.072, 0.27, 3.0, 4.0, StepEnd.Voltage),
            new(1, "cv", "hold", 1, 2, 3, 0.036, 0.144, 4.0, 4.0, StepEnd.Current),
            new(2, "rest", "rest", 1, 3, 4, 0, 0, 4.0, 3.95, StepEnd.Time),
            new(3, "dis", "discharge", 1, 4, 7, -0.108, -0.35, 3.9, 2.9, StepEnd.Voltage),
        };
        var series = new List<TimePoint>
        {
            new(1, 3.5, 0.036, 0.036, 298, 0),
            new(2, 4.0, 0.036, 0.072, 298, 0),
            new(3, 4.0, 0.01, 0.108, 298, 1),
            new(4, 3.95, 0, 0.108, 298, 2),
            new(5, 3.5, -0.036, 0.072, 298, 3),
            new(7, 2.9, -0.036, 0.0, 298, 3),
        };
        var result = new SimulationResult("t", Mass, series, steps, [], new SolverDiagnostics(0, 0, 0, 0, true, null));

        var curves = VoltageCapacityCurves.FromResult(result);

        Assert.Equal(["cycle 1 charge", "cycle 1 discharge"], curves.Select(c => c.Label));
        var charge = curves[0];
        Assert.Equal([3.0, 3.5, 4.0, 4.0], charge.Voltage);
        AssertClose([0, 1, 2, 3], charge.Capacity);
        var discharge = curves[1];
        Assert.Equal(CurveDirection.Discharge, discharge.Direction);
        Assert.Equal([3.9, 3.5, 2.9], discharge.Voltage);
        AssertClose([0, 1, 3], discharge.Capacity);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 12);
        }
    }
}
