using CathodeSim.Analysis.Sweeps;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// Unit and meaning of each per-case sweep metric (<see cref="CaseMetrics.Names"/>), for the HDF5 attributes and the
/// plot axes. Kept beside the writers, not in the metric computation, because only the files need words for them.
/// </summary>
public static class SweepMetricInfo
{
    private static readonly Dictionary<string, (string Units, string Label, string Description)> Info = new()
    {
        ["charge_capacity_mAh_per_g"] = ("mAh/g", "charge capacity", "charge capacity of the first cycle per gram of active material"),
        ["discharge_capacity_mAh_per_g"] = ("mAh/g", "discharge capacity", "discharge capacity of the first cycle per gram of active material"),
        ["coulombic_efficiency_percent"] = ("%", "coulombic efficiency", "discharge over charge capacity of the first cycle"),
        ["mean_charge_voltage_V"] = ("V", "mean charge voltage", "charge-weighted mean voltage of the first charge"),
        ["mean_discharge_voltage_V"] = ("V", "mean discharge voltage", "charge-weighted mean voltage of the first discharge"),
        ["discharge_energy_mWh_per_g"] = ("mWh/g", "discharge energy", "discharge energy of the first cycle per gram of active material"),
        ["discharge_energy_Wh_per_kg_composite"] = ("Wh/kg", "discharge energy (composite)", "discharge energy of the first cycle per kilogram of composite cathode"),
        ["discharge_energy_Wh_per_L_composite"] = ("Wh/L", "discharge energy (composite volume)", "discharge energy of the first cycle per litre of composite cathode"),
        ["last_discharge_capacity_mAh_per_g"] = ("mAh/g", "last discharge capacity", "discharge capacity of the last cycle per gram of active material"),
        ["capacity_retention_percent"] = ("%", "capacity retention", "discharge capacity of the last cycle over that of the first"),
        ["cycles"] = ("1", "cycles", "number of cycles with a charge or a discharge"),
    };

    /// <summary>The unit text of metric <paramref name="name"/> ("1" for a count).</summary>
    public static string Units(string name) => Info.TryGetValue(name, out var i) ? i.Units : "";

    /// <summary>A short label for a plot axis, without the unit.</summary>
    public static string Label(string name) => Info.TryGetValue(name, out var i) ? i.Label : name;

    /// <summary>One line saying what metric <paramref name="name"/> is.</summary>
    public static string Description(string name) => Info.TryGetValue(name, out var i) ? i.Description : name;

    /// <summary>The axis label: the short label and the unit in parentheses (none for a count).</summary>
    public static string AxisLabel(string name) => Units(name) is "1" or "" ? Label(name) : $"{Label(name)} ({Units(name)})";
}
