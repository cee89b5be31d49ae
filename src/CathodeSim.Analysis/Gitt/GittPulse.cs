namespace CathodeSim.Analysis.Gitt;

/// <summary>Why a pulse's diffusivity should not be trusted (none: it can be).</summary>
[Flags]
public enum GittFlags
{
    /// <summary>No objection.</summary>
    None = 0,

    /// <summary>
    /// The pulse is not short against the diffusion time: tau D / R^2 above the limit of
    /// <see cref="GittAnalysisOptions.MaxDimensionlessTime"/>, so the short-time (semi-infinite) solution behind
    /// Weppner-Huggins does not hold and D comes out too low.
    /// </summary>
    LongPulse = 1,

    /// <summary>dE_t or dE_s is too small to trust against noise and resolution.</summary>
    SmallSignal = 2,

    /// <summary>No rest point before or after the pulse: no quasi-equilibrium voltage, so no dE_s.</summary>
    MissingRest = 4,

    /// <summary>Shorter than the other pulses of its direction and ended at the record's extreme voltage: it ended on a voltage cut-off.</summary>
    Truncated = 8,

    /// <summary>dE_s or dE_t has the wrong sign for the current's direction (D is not defined).</summary>
    Inconsistent = 16,
}

/// <summary>Direction of a pulse.</summary>
public enum GittPulseDirection
{
    /// <summary>Delithiates the cathode (voltage rises).</summary>
    Charge,

    /// <summary>Lithiates the cathode (voltage falls).</summary>
    Discharge,
}

/// <summary>The analysis of one GITT pulse and the rest after it. SI units; voltage changes are signed (after minus before).</summary>
/// <param name="Number">1-based pulse number in time order.</param>
/// <param name="Direction">Charge or discharge.</param>
/// <param name="StartTime">Start of the current, s.</param>
/// <param name="Duration">tau, s.</param>
/// <param name="Current">Mean current during the pulse, A, positive on charge.</param>
/// <param name="Charge">Charge passed, C, positive on charge.</param>
/// <param name="StoichiometryBefore">x before the pulse (NaN without the initial x and the theoretical charge).</param>
/// <param name="StoichiometryAfter">x after the pulse.</param>
/// <param name="RestVoltageBefore">E_0: last rest voltage before the pulse, V (NaN: no rest point).</param>
/// <param name="RestVoltageAfter">Quasi-equilibrium voltage at the end of the following rest, V (NaN: no rest point).</param>
/// <param name="RestDuration">Length of the following rest, s.</param>
/// <param name="IrDrop">Voltage jump at the start of the current: the intercept at t = 0 of V against sqrt(t) (fitted early in the pulse) minus the voltage just before the step (the rest voltage E_0, or the end of the pulse before it when pulses follow each other or the current reverses), V.</param>
/// <param name="SteadyStateChange">dE_s: rest voltage after minus rest voltage before, V.</param>
/// <param name="TransientChange">dE_t: voltage at the end of the pulse minus the voltage just after the IR drop, V.</param>
/// <param name="SqrtTimeSlope">dE/d(sqrt t) from a linear fit of V against sqrt(t) over the whole pulse, V/s^0.5.</param>
/// <param name="Diffusivity">Weppner-Huggins D = 4 R^2 / (9 pi tau) (dE_s/dE_t)^2, m^2/s.</param>
/// <param name="SqrtTimeDiffusivity">D = (4/pi) (R/3)^2 ((dE_s/tau) / (dE/d sqrt t))^2, m^2/s.</param>
/// <param name="SphereCorrectedDiffusivity">
/// Weppner-Huggins with the sphere's first curvature term: D = 4 R^2 r^2 / (9 pi tau) * 9/(3 - r)^2, r = dE_s/dE_t, m^2/s
/// (the same as <paramref name="Diffusivity"/> for tau &lt;&lt; R^2/D, better by an order in tau D/R^2 for longer pulses).
/// </param>
/// <param name="DimensionlessTime">tau D / R^2 with the Weppner-Huggins D.</param>
/// <param name="Flags">Reasons not to trust the diffusivities.</param>
public sealed record GittPulse(
    int Number,
    GittPulseDirection Direction,
    double StartTime,
    double Duration,
    double Current,
    double Charge,
    double StoichiometryBefore,
    double StoichiometryAfter,
    double RestVoltageBefore,
    double RestVoltageAfter,
    double RestDuration,
    double IrDrop,
    double SteadyStateChange,
    double TransientChange,
    double SqrtTimeSlope,
    double Diffusivity,
    double SqrtTimeDiffusivity,
    double SphereCorrectedDiffusivity,
    double DimensionlessTime,
    GittFlags Flags)
{
    /// <summary>End of the current, s.</summary>
    public double EndTime => StartTime + Duration;

    /// <summary>Stoichiometry in the middle of the pulse (where D is reported).</summary>
    public double Stoichiometry => 0.5 * (StoichiometryBefore + StoichiometryAfter);

    /// <summary>No flag raised: the short-time analysis applies.</summary>
    public bool IsValid => Flags == GittFlags.None;
}

/// <summary>Everything a GITT analysis found.</summary>
/// <param name="Pulses">One entry per pulse, in time order (pulses that passed almost no charge are left out).</param>
/// <param name="ParticleRadius">R used, m.</param>
/// <param name="CurrentThreshold">|I| above which a point counted as part of a pulse, A.</param>
/// <param name="CurrentSignFlipped">The series had current negative on charge; it was flipped.</param>
/// <param name="Warnings">What the analysis assumed or fixed.</param>
public sealed record GittAnalysisResult(
    IReadOnlyList<GittPulse> Pulses,
    double ParticleRadius,
    double CurrentThreshold,
    bool CurrentSignFlipped,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Pulses with no flag raised.</summary>
    public IEnumerable<GittPulse> ValidPulses => Pulses.Where(p => p.IsValid);
}
