namespace CathodeSim.Analysis.Validation;

/// <summary>Whether a measured value took part in setting the model's parameters.</summary>
public enum DataRole
{
    /// <summary>Used to fit parameters: agreement shows the fit, not predictive power.</summary>
    Fitted,
    /// <summary>Not used by any fit: agreement is a prediction.</summary>
    Predicted,
}

/// <summary>One measured value against the model's.</summary>
/// <param name="Label">Which point ("cycle 1 charge 3.20 V").</param>
/// <param name="Quantity">What ("R_cathode_SE", "discharge capacity").</param>
/// <param name="Unit">Unit of both values.</param>
/// <param name="Measured">Measured value.</param>
/// <param name="Simulated">Model value (NaN when the simulation failed).</param>
/// <param name="Role">Fitted or predicted.</param>
/// <param name="Tolerance">The tolerance as text ("+/-30 %"), or null when not judged.</param>
/// <param name="Within">Whether the value is within its tolerance; null when not judged.</param>
/// <param name="Note">A problem or remark, or null.</param>
public sealed record ComparedValue(string Label, string Quantity, string Unit, double Measured, double Simulated, DataRole Role, string? Tolerance, bool? Within, string? Note = null)
{
    /// <summary>(simulated - measured) / measured.</summary>
    public double RelativeError => (Simulated - Measured) / Measured;

    /// <summary>Judges a relative tolerance.</summary>
    public static ComparedValue Relative(string label, string quantity, string unit, double measured, double simulated, DataRole role, double tolerance, string? note = null) =>
        new(label, quantity, unit, measured, simulated, role, $"+/-{tolerance * 100:0.#} %",
            double.IsFinite(simulated) && Math.Abs(simulated - measured) <= tolerance * Math.Abs(measured), note);
}

/// <summary>A pass/fail criterion of a case with what was found.</summary>
/// <param name="Description">The criterion as stated ("R_cathode_SE within +/-30 % on at least 80 % of predicted rows").</param>
/// <param name="Passed">Whether it holds.</param>
/// <param name="Found">What was found ("7 of 10 rows (70 %)"), with the shortfall where it fails.</param>
public sealed record CriterionResult(string Description, bool Passed, string Found);

/// <summary>The outcome of one validation case.</summary>
/// <param name="Name">Title.</param>
/// <param name="Kind">Case kind.</param>
/// <param name="File">Case file as displayed.</param>
/// <param name="Description">What is compared.</param>
/// <param name="Config">Simulation config as displayed.</param>
/// <param name="Changes">Stated changes to the config.</param>
/// <param name="FittedOn">What the parameters were fitted on, or null.</param>
/// <param name="Values">The compared values.</param>
/// <param name="Criteria">Pass/fail criteria.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="Failure">Why the case could not be evaluated, or null.</param>
/// <param name="Plot">A PNG of the comparison, or null.</param>
public sealed record ValidationOutcome(string Name, string Kind, string File, string Description, string Config, IReadOnlyList<string> Changes, string? FittedOn,
    IReadOnlyList<ComparedValue> Values, IReadOnlyList<CriterionResult> Criteria, double Seconds, string? Failure, string? Plot = null)
{
    /// <summary>Evaluated, and every criterion holds.</summary>
    public bool Passed => Failure is null && Criteria.All(c => c.Passed);

    /// <summary>
    /// Warnings of the case's simulations (a step that ended on a physical limit or at once), one line each: the values
    /// stand, but they rest on such runs.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
