using CathodeSim.Analysis.Sweeps;
using CathodeSim.Model.Results;

namespace CathodeSim.Tests.Sweeps;

/// <summary>Run warnings as a sweep table's one-line summary and as an objective of optimize-ratio and validate.</summary>
public sealed class CaseWarningsTests
{
    private static SimulationResult Result(string name, bool completed, params RunWarning[] warnings) =>
        new(name, 1e-6, [], [], [], new SolverDiagnostics(1, 0, 1, 0, completed, completed ? null : "failed")) { Warnings = warnings };

    private static RunWarning Warning(string reason, string message) => new(0, "Discharge at 1C until 2.5 V", reason, message);

    [Fact]
    public void Summarize_GivesDistinctReasonsThenTheFirstMessageWithItsRun_OrNullWhenClean()
    {
        Assert.Null(CaseWarnings.Summarize([Result("a", true), Result("b", true)]));
        string? line = CaseWarnings.Summarize([
            Result("a", true, Warning("active_material_full", "full")),
            Result("b", true, Warning("ended_at_once", "at once"), Warning("active_material_full", "full again")),
        ]);
        Assert.Equal("active_material_full;ended_at_once: a: full", line);
    }

    [Fact]
    public void Objective_IsZeroForARunThatEndedAtOnce_AndNaNForOneThatFailed()
    {
        var setup = TestCells.Setup(TestCells.B65(), new(6, 6, 1));
        int capacity = CaseMetrics.IndexOf("discharge_capacity_mAh_per_g");
        Assert.Equal(0, CaseWarnings.Objective(setup, Result("a", true, Warning(CaseWarnings.EndedAtOnce, "at once")), capacity));
        Assert.True(double.IsNaN(CaseWarnings.Objective(setup, Result("a", false), capacity)));
    }
}
