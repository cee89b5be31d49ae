namespace CathodeSim.Model.Results;

/// <summary>How a protocol step ended.</summary>
public enum StepEnd
{
    /// <summary>Reached its cut-off voltage.</summary>
    Voltage,
    /// <summary>Ran its full duration.</summary>
    Time,
    /// <summary>Passed its charge limit.</summary>
    Charge,
    /// <summary>Current fell below the hold's limit.</summary>
    Current,
    /// <summary>The solver could not continue (step size underflow); the run stops here.</summary>
    SolverFailure,
    /// <summary>Discharge (lithiation) could go no further: every accessible particle surface is full of lithium.</summary>
    ActiveMaterialFull,
    /// <summary>Charge (delithiation) could go no further: every accessible particle surface is empty of lithium.</summary>
    ActiveMaterialEmpty,
    /// <summary>
    /// The requested current could not be carried: the voltage left the window of a few volts around the open-circuit
    /// voltage (<see cref="Simulation.NumericsOptions.OverpotentialLimit"/>) while lithium was still available.
    /// </summary>
    CurrentNotCarried,
    /// <summary>
    /// The run was interrupted (Ctrl+C, SIGTERM) during this step, which ends at its last accepted time step; only runs
    /// with <see cref="Simulation.Simulator.KeepPartialOnCancellation"/> end this way (the others throw).
    /// </summary>
    Interrupted,
}

/// <summary>A step that ended in a way a user must hear about, though the run went on (or ended) without a solver failure.</summary>
/// <param name="StepIndex">0-based executed step index.</param>
/// <param name="Step">The step's text.</param>
/// <param name="Reason">Machine-readable reason: "active_material_full", "active_material_empty", "current_not_carried" or "ended_at_once".</param>
/// <param name="Message">One sentence for people.</param>
public sealed record RunWarning(int StepIndex, string Step, string Reason, string Message);

/// <summary>One recorded point of the time series.</summary>
/// <param name="Time">s since the start of the run.</param>
/// <param name="Voltage">Cell voltage vs the counter electrode, V.</param>
/// <param name="Current">Cell current, A, positive on charge.</param>
/// <param name="Charge">Net charge passed since the start, C, positive on charge.</param>
/// <param name="Temperature">K.</param>
/// <param name="StepIndex">Index of the executed step (0-based, repeats unrolled).</param>
public readonly record struct TimePoint(double Time, double Voltage, double Current, double Charge, double Temperature, int StepIndex);

/// <summary>Summary of one executed step.</summary>
/// <param name="Index">0-based index in execution order.</param>
/// <param name="Description">The step's text.</param>
/// <param name="Kind">"charge", "discharge", "hold" or "rest".</param>
/// <param name="Cycle">1-based cycle number (repeat iteration; 1 outside repeats).</param>
/// <param name="StartTime">s.</param>
/// <param name="EndTime">s.</param>
/// <param name="ChargePassed">Net charge passed during the step, C, positive on charge.</param>
/// <param name="Energy">Electrical energy into the cell during the step, J (negative on discharge).</param>
/// <param name="StartVoltage">V.</param>
/// <param name="EndVoltage">V.</param>
/// <param name="End">Why it ended.</param>
public sealed record StepSummary(
    int Index, string Description, string Kind, int Cycle,
    double StartTime, double EndTime, double ChargePassed, double Energy,
    double StartVoltage, double EndVoltage, StepEnd End)
{
    /// <summary>Thermostat temperature during the step, K.</summary>
    public double Temperature { get; init; } = double.NaN;

    /// <summary>Cell-level interphase film resistance at the end of the step (film resistances of all contacted surfaces in parallel), ohm.</summary>
    public double FilmResistance { get; init; } = double.NaN;

    /// <summary>Cell-level charge-transfer resistance RT/(F i0) of all contacted surfaces in parallel at the end of the step, ohm.</summary>
    public double ChargeTransferResistance { get; init; } = double.NaN;

    /// <summary>Volume-weighted mean contacted fraction theta of the NCM surface at the end of the step.</summary>
    public double ContactCoverage { get; init; } = double.NaN;

    /// <summary>Volume fraction of NCM whose contact is lost (below 1 % of its pristine coverage).</summary>
    public double LostActiveFraction { get; init; } = double.NaN;

    /// <summary>Charge-weighted mean voltage, V (NaN where no charge passed).</summary>
    public double MeanVoltage => ChargePassed != 0 ? Energy / ChargePassed : double.NaN;
}

/// <summary>Through-thickness profiles at one time. Arrays over cathode nodes (x from the separator to the current collector).</summary>
/// <param name="Time">s.</param>
/// <param name="StepIndex">Executed step index.</param>
/// <param name="Position">Node centres, m from the separator/cathode interface.</param>
/// <param name="SolidPotential">phi_s, V vs the counter electrode.</param>
/// <param name="ElectrolytePotential">phi_e, V (the counter electrode metal is 0).</param>
/// <param name="ReactionCurrent">Volumetric reaction current q = sum_k a_k i_k, A/m^3, positive for delithiation.</param>
/// <param name="SurfaceStoichiometry">x_s per node and bin: [node * K + bin].</param>
/// <param name="MeanStoichiometry">
/// Volume-averaged x per node over all the NCM: reacting particles, detached ones at the lithium they kept, and NCM the
/// networks do not reach at its initial stoichiometry (so that its change matches the charge passed).
/// </param>
/// <param name="BinCount">K.</param>
public sealed record ProfileSnapshot(
    double Time, int StepIndex, double[] Position, double[] SolidPotential, double[] ElectrolytePotential,
    double[] ReactionCurrent, double[] SurfaceStoichiometry, double[] MeanStoichiometry, int BinCount)
{
    /// <summary>Liquid-electrolyte (DFN) runs: salt concentration, mol/m^3, at <see cref="ElectrolytePosition"/> (separator and cathode); null otherwise.</summary>
    public double[]? ElectrolyteConcentration { get; init; }

    /// <summary>Liquid-electrolyte (DFN) runs: positions of <see cref="ElectrolyteConcentration"/>, m from the lithium metal; null otherwise.</summary>
    public double[]? ElectrolytePosition { get; init; }
}

/// <summary>Everything a run produced, in SI units.</summary>
/// <param name="Name">Run name.</param>
/// <param name="ActiveMass">kg of NCM, for specific capacities.</param>
/// <param name="Series">Time series.</param>
/// <param name="Steps">Executed step summaries.</param>
/// <param name="Profiles">Recorded x-profiles.</param>
/// <param name="Diagnostics">Solver statistics (accepted and rejected steps, Newton iterations, wall time).</param>
public sealed record SimulationResult(
    string Name,
    double ActiveMass,
    IReadOnlyList<TimePoint> Series,
    IReadOnlyList<StepSummary> Steps,
    IReadOnlyList<ProfileSnapshot> Profiles,
    SolverDiagnostics Diagnostics)
{
    /// <summary>Steps that ended on a physical limit or at once (see <see cref="RunWarning"/>); empty for a clean run.</summary>
    public IReadOnlyList<RunWarning> Warnings { get; init; } = [];
}

/// <summary>Solver counters for one run.</summary>
/// <param name="AcceptedSteps">Accepted time steps.</param>
/// <param name="RejectedSteps">Rejected time steps.</param>
/// <param name="NewtonIterations">Newton iterations over all attempts.</param>
/// <param name="WallSeconds">Wall time of the run, s.</param>
/// <param name="Completed">The whole protocol ran (false after a solver failure or an interruption).</param>
/// <param name="FailureMessage">What the solver could not do, or null.</param>
public sealed record SolverDiagnostics(int AcceptedSteps, int RejectedSteps, int NewtonIterations, double WallSeconds, bool Completed, string? FailureMessage)
{
    /// <summary>
    /// Why the run stopped early on request (Ctrl+C, SIGTERM), or null: the result then holds everything up to the last
    /// accepted time step and its last step ends with <see cref="StepEnd.Interrupted"/>. Not a solver failure.
    /// </summary>
    public string? Interruption { get; init; }

    /// <summary>True when <see cref="Interruption"/> is set: the result is partial.</summary>
    public bool Interrupted => Interruption is not null;
}
