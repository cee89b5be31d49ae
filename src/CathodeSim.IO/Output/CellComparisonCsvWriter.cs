using System.Text;

namespace CathodeSim.IO.Output;

/// <summary>Writes <c>comparison.csv</c>: one row per compared cell, units in the column names as in <c>run --json</c>.</summary>
public static class CellComparisonCsvWriter
{
    /// <summary>The column names, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "name", "config", "electrolyte", "counter_electrode", "charge_capacity_mAh_per_g", "discharge_capacity_mAh_per_g",
        "coulombic_efficiency_percent", "mean_discharge_voltage_V", "discharge_energy_mWh_per_g",
        "discharge_capacity_difference_mAh_per_g", "discharge_capacity_difference_percent",
    ];

    /// <summary>Writes the rows atomically; returns the path.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="rows">The compared cells, the reference (first) cell first.</param>
    public static string Write(string path, IReadOnlyList<CellComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder(string.Join(',', Columns)).Append('\n');
        foreach (var r in rows)
        {
            string[] fields =
            [
                CsvFields.Text(r.Name), CsvFields.Text(r.ConfigPath), r.ElectrolyteName, CsvFields.Text(r.CounterElectrode),
                CsvFields.Number(r.ChargeCapacity), CsvFields.Number(r.DischargeCapacity), CsvFields.Number(100 * r.CoulombicEfficiency),
                CsvFields.Number(r.MeanDischargeVoltage), CsvFields.Number(r.DischargeEnergy),
                CsvFields.Number(r.DischargeCapacityDifference), CsvFields.Number(r.DischargeCapacityDifferencePercent),
            ];
            text.Append(string.Join(',', fields)).Append('\n');
        }
        AtomicFile.WriteText(path, text.ToString());
        return path;
    }
}
