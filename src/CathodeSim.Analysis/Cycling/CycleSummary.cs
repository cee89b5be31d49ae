namespace CathodeSim.Analysis.Cycling;

/// <summary>Capacities, efficiency and voltages of one cycle, per gram of active material.</summary>
/// <param name="Cycle">1-based cycle number (<see cref="CathodeSim.Model.Results.StepSummary.Cycle"/>).</param>
/// <param name="ChargeCapacity">mAh/g: sum of |charge| over the cycle's charging steps (galvanostatic and voltage holds).</param>
/// <param name="DischargeCapacity">mAh/g: sum of |charge| over the cycle's discharging steps.</param>
/// <param name="CoulombicEfficiency">Discharge / charge capacity; NaN when nothing was charged.</param>
/// <param name="MeanChargeVoltage">Charge-weighted mean voltage on charge, V; NaN when nothing was charged.</param>
/// <param name="MeanDischargeVoltage">Charge-weighted mean voltage on discharge, V; NaN when nothing was discharged.</param>
/// <param name="ChargeEnergy">mWh/g put into the cell on charge.</param>
/// <param name="DischargeEnergy">mWh/g delivered by the cell on discharge, positive.</param>
public sealed record CycleSummary(
    int Cycle,
    double ChargeCapacity,
    double DischargeCapacity,
    double CoulombicEfficiency,
    double MeanChargeVoltage,
    double MeanDischargeVoltage,
    double ChargeEnergy,
    double DischargeEnergy)
{
    /// <summary>Discharge capacity as a share of the first cycle's, percent.</summary>
    public double RetentionPercent { get; init; } = double.NaN;

    /// <summary>Cell-level interphase film resistance at the end of the cycle, ohm.</summary>
    public double FilmResistance { get; init; } = double.NaN;

    /// <summary>Cell-level charge-transfer resistance at the end of the cycle, ohm.</summary>
    public double ChargeTransferResistance { get; init; } = double.NaN;

    /// <summary>Mean contacted fraction of the NCM surface at the end of the cycle.</summary>
    public double ContactCoverage { get; init; } = double.NaN;

    /// <summary>Volume fraction of NCM that has lost contact at the end of the cycle.</summary>
    public double LostActiveFraction { get; init; } = double.NaN;
}
