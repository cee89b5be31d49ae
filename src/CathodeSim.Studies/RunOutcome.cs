using CathodeSim.Analysis.Cycling;
using CathodeSim.Model.Results;

namespace CathodeSim.Studies;

/// <summary>What a run study did.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Result">The simulation: time series, step summaries, warnings, diagnostics (SI units).</param>
/// <param name="Cycles">One summary per cycle (capacities in mAh/g of NCM).</param>
/// <param name="Files">The files written, final paths (empty when <see cref="RunStatus.Cancelled"/>).</param>
/// <param name="Temperature">The thermostat temperature of the run, K.</param>
/// <param name="DeviceDescription">Where the particle solves ran, e.g. "cpu".</param>
public sealed record RunOutcome(RunStatus Status, SimulationResult Result, IReadOnlyList<CycleSummary> Cycles, IReadOnlyList<string> Files,
    double Temperature, string DeviceDescription)
{
    /// <summary>The status a finished simulation gives its run.</summary>
    /// <param name="result">What the simulator returned.</param>
    public static RunStatus StatusOf(SimulationResult result) => result.Diagnostics switch
    {
        { Interrupted: true, AcceptedSteps: 0 } => RunStatus.Cancelled,
        { Interrupted: true } => RunStatus.Interrupted,
        { Completed: false } => RunStatus.SolverFailure,
        _ => RunStatus.Completed,
    };

    /// <summary>Discharge capacity of the first cycle, mAh/g of NCM (NaN when no cycle discharged).</summary>
    public double DischargeCapacity => Cycles.Count > 0 ? Cycles[0].DischargeCapacity : double.NaN;
}
