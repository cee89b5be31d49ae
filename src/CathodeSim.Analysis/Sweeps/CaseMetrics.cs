using CathodeSim.Analysis.Cycling;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Analysis.Sweeps;

/// <summary>
/// The scalar results of one simulated case, named with their units (the same keys as `run --json`), in a fixed order
/// so that sweep tables have stable columns.
/// </summary>
public static class CaseMetrics
{
    /// <summary>Metric names in column order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "charge_capacity_mAh_per_g", "discharge_capacity_mAh_per_g", "coulombic_efficiency_percent",
        "mean_charge_voltage_V", "mean_discharge_voltage_V", "discharge_energy_mWh_per_g",
        "discharge_energy_Wh_per_kg_composite", "discharge_energy_Wh_per_L_composite",
        "last_discharge_capacity_mAh_per_g", "capacity_retention_percent", "cycles",
    ];

    /// <summary>Computes every metric (NaN where undefined, e.g. no discharge in the protocol).</summary>
    public static double[] From(SimulationSetup setup, SimulationResult result)
    {
        var cycles = CycleSummarizer.Summarize(result);
        var values = new double[Names.Count];
        Array.Fill(values, double.NaN);
        if (cycles.Count == 0) return values;
        var first = cycles[0];
        var last = cycles[^1];
        values[0] = first.ChargeCapacity;
        values[1] = first.DischargeCapacity;
        values[2] = 100 * first.CoulombicEfficiency;
        values[3] = first.MeanChargeVoltage;
        values[4] = first.MeanDischargeVoltage;
        values[5] = first.DischargeEnergy;
        // Per kg and per litre of the NCM + solid-electrolyte composite: solid-state cells only. A liquid cell's coating
        // (NCM, carbon, binder, pores) has no composite in this sense, and its mass is not part of the DFN model: NaN.
        if (setup.Liquid is null)
        {
            var design = setup.Design;
            var micro = CompositeMicrostructure.From(design, 1);
            double dischargeEnergyJ = -result.Steps.Where(s => s.Cycle == first.Cycle && s.Kind == "discharge").Sum(s => s.Energy);
            double compositeVolume = micro.CathodeThickness * design.Area;
            values[6] = dischargeEnergyJ / 3600 / design.Cathode.CathodeMass;          // Wh per kg of composite
            values[7] = dischargeEnergyJ / 3600 / (compositeVolume * 1e3);             // Wh per litre of composite
        }
        values[8] = last.DischargeCapacity;
        values[9] = 100 * last.DischargeCapacity / first.DischargeCapacity;
        values[10] = cycles.Count;
        return values;
    }

    /// <summary>Index of <paramref name="name"/> in <see cref="Names"/>.</summary>
    public static int IndexOf(string name)
    {
        for (int i = 0; i < Names.Count; i++) if (Names[i] == name) return i;
        throw new ArgumentException($"unknown result '{name}'; known: {string.Join(", ", Names)}", nameof(name));
    }
}
