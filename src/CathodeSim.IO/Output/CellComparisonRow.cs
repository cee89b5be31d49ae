namespace CathodeSim.IO.Output;

/// <summary>
/// The first cycle of one cell in a comparison of cells (<c>cathodesim compare</c>), per gram of active material (NCM).
/// </summary>
/// <param name="Name">The cell's name in the comparison: the config's run name, made unique among the cells compared.</param>
/// <param name="ConfigPath">The config it was simulated from.</param>
/// <param name="Electrolyte">Solid or liquid electrolyte.</param>
/// <param name="CounterElectrode">The counter electrode the voltages are measured against, e.g. "Li-In" or "Li".</param>
/// <param name="ChargeCapacity">First-cycle charge capacity, mAh/g.</param>
/// <param name="DischargeCapacity">First-cycle discharge capacity, mAh/g.</param>
/// <param name="CoulombicEfficiency">Discharge over charge capacity, as a fraction (NaN when nothing was charged).</param>
/// <param name="MeanDischargeVoltage">Charge-weighted mean voltage on discharge, V against <paramref name="CounterElectrode"/>.</param>
/// <param name="DischargeEnergy">Energy delivered on discharge, mWh/g.</param>
/// <param name="DischargeCapacityDifference">Discharge capacity less that of the first cell compared, mAh/g (0 for the first cell).</param>
public sealed record CellComparisonRow(
    string Name,
    string ConfigPath,
    ElectrolyteKind Electrolyte,
    string CounterElectrode,
    double ChargeCapacity,
    double DischargeCapacity,
    double CoulombicEfficiency,
    double MeanDischargeVoltage,
    double DischargeEnergy,
    double DischargeCapacityDifference)
{
    /// <summary>
    /// <see cref="DischargeCapacityDifference"/> as a percentage of the first cell's discharge capacity (NaN when that
    /// delivered nothing).
    /// </summary>
    public double DischargeCapacityDifferencePercent { get; init; } = double.NaN;

    /// <summary>"solid" or "liquid", as the table, CSV and JSON print it.</summary>
    public string ElectrolyteName => Electrolyte == ElectrolyteKind.Liquid ? "liquid" : "solid";
}
