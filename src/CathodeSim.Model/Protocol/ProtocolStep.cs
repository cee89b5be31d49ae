namespace CathodeSim.Model.Protocol;

/// <summary>One step of an operating protocol. Steps are immutable and carry their original text for reports.</summary>
public abstract record ProtocolStep(string Description)
{
    /// <summary>Thermostat temperature during the step, K (null: the run's temperature).</summary>
    public double? Temperature { get; init; }
}

/// <summary>Direction of a galvanostatic step.</summary>
public enum CurrentDirection
{
    /// <summary>Delithiates the cathode (cell voltage rises).</summary>
    Charge,

    /// <summary>Lithiates the cathode (cell voltage falls).</summary>
    Discharge,
}

/// <summary>Magnitude of an applied current.</summary>
public abstract record CurrentSetpoint
{
    /// <summary>Current magnitude in amperes for a cell whose 1C current is <paramref name="oneCCurrent"/> and whose area is <paramref name="area"/>.</summary>
    public abstract double Amperes(double oneCCurrent, double area);
}

/// <summary>A current given as a C-rate (0.1 = C/10).</summary>
public sealed record CRateSetpoint(double CRate) : CurrentSetpoint
{
    /// <inheritdoc />
    public override double Amperes(double oneCCurrent, double area) => CRate * oneCCurrent;
}

/// <summary>A current given in amperes.</summary>
public sealed record AbsoluteCurrentSetpoint(double Current) : CurrentSetpoint
{
    /// <inheritdoc />
    public override double Amperes(double oneCCurrent, double area) => Current;
}

/// <summary>A current given as a density per geometric area, A/m^2.</summary>
public sealed record CurrentDensitySetpoint(double CurrentDensity) : CurrentSetpoint
{
    /// <inheritdoc />
    public override double Amperes(double oneCCurrent, double area) => CurrentDensity * area;
}

/// <summary>
/// Galvanostatic charge or discharge. The step ends at whichever limit comes first:
/// the cut-off voltage, the duration, or the charge passed.
/// </summary>
/// <param name="Description">Text as written in the config.</param>
/// <param name="Direction">Charge or discharge.</param>
/// <param name="Current">Current magnitude.</param>
/// <param name="CutoffVoltage">Voltage limit vs the counter electrode, V (null: none).</param>
/// <param name="Duration">Time limit, s (null: none).</param>
/// <param name="ChargeLimit">Charge limit, C (null: none).</param>
/// <param name="SpecificChargeLimit">Charge limit per kg of active material, C/kg (null: none).</param>
public sealed record CurrentStep(
    string Description,
    CurrentDirection Direction,
    CurrentSetpoint Current,
    double? CutoffVoltage,
    double? Duration,
    double? ChargeLimit = null,
    double? SpecificChargeLimit = null) : ProtocolStep(Description);

/// <summary>Constant-voltage hold until the current magnitude falls below a limit or a time passes.</summary>
/// <param name="Description">Text as written in the config.</param>
/// <param name="Voltage">Held voltage vs the counter electrode, V.</param>
/// <param name="CurrentLimit">End when |I| falls below this (null: none).</param>
/// <param name="Duration">Time limit, s (null: none).</param>
public sealed record VoltageHoldStep(string Description, double Voltage, CurrentSetpoint? CurrentLimit, double? Duration) : ProtocolStep(Description);

/// <summary>Open circuit for a time.</summary>
/// <param name="Description">Text as written in the config.</param>
/// <param name="Duration">s.</param>
public sealed record RestStep(string Description, double Duration) : ProtocolStep(Description);

/// <summary>A block of steps repeated a number of times (cycles).</summary>
/// <param name="Description">Text as written in the config.</param>
/// <param name="Count">Repetitions, >= 1.</param>
/// <param name="Steps">The repeated steps.</param>
/// <param name="RetentionLimit">Stop repeating once a discharge delivers less than this fraction of the block's first discharge (null: never).</param>
public sealed record RepeatStep(string Description, int Count, IReadOnlyList<ProtocolStep> Steps, double? RetentionLimit = null) : ProtocolStep(Description);
