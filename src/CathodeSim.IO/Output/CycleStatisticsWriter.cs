using System.Globalization;
using CathodeSim.Analysis.Capacity;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>
/// Writes per-cycle statistics: <c>&lt;stem&gt;_cycles.csv</c> and <c>&lt;stem&gt;_cycles.png</c> (charge and discharge
/// capacity against cycle, retention on the right axis).
/// </summary>
public static class CycleStatisticsWriter
{
    /// <summary>Image width, px.</summary>
    public const int Width = 900;

    /// <summary>Image height, px.</summary>
    public const int Height = 600;

    /// <summary>Writes both files into <paramref name="directory"/> (created if needed); returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, string stem, CycleStatisticsResult result, string title)
    {
        ArgumentNullException.ThrowIfNull(result);
        string csv = OutputPaths.For(directory, stem, "_cycles.csv");
        string png = OutputPaths.For(directory, stem, "_cycles.png");
        WriteCsv(csv, result);
        WritePlot(png, result, title);
        return [csv, png];
    }

    /// <summary>The CSV header for <paramref name="scale"/>.</summary>
    public static string Header(CapacityScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        string q = scale.CapacityKey, e = scale.EnergyKey;
        return $"cycle,charge_capacity_{q},discharge_capacity_{q},coulombic_efficiency_percent,retention_percent,charge_energy_{e},discharge_energy_{e},mean_charge_voltage_V,mean_discharge_voltage_V";
    }

    /// <summary>Writes the CSV, one row per cycle.</summary>
    public static void WriteCsv(string path, CycleStatisticsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        AtomicFile.WriteText(path, writer =>
        {
            writer.Write(Header(result.Scale));
            writer.Write('\n');
            foreach (var r in result.Cycles)
            {
                writer.Write(string.Join(',', CsvFields.Number(r.Cycle), CsvFields.Number(r.ChargeCapacity), CsvFields.Number(r.DischargeCapacity),
                    CsvFields.Number(100 * r.CoulombicEfficiency), CsvFields.Number(r.RetentionPercent), CsvFields.Number(r.ChargeEnergy),
                    CsvFields.Number(r.DischargeEnergy), CsvFields.Number(r.MeanChargeVoltage), CsvFields.Number(r.MeanDischargeVoltage)));
                writer.Write('\n');
            }
        });
    }

    /// <summary>Writes the PNG.</summary>
    public static void WritePlot(string path, CycleStatisticsResult result, string title)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Cycles;
        double[] n = rows.Select(r => (double)r.Cycle).ToArray();

        var capacity = new Plot();
        var discharge = capacity.Add.Scatter(n, rows.Select(r => r.DischargeCapacity).ToArray());
        discharge.LegendText = "discharge";
        var charge = capacity.Add.Scatter(n, rows.Select(r => r.ChargeCapacity).ToArray());
        charge.LegendText = "charge";
        capacity.XLabel("cycle");
        capacity.YLabel($"capacity ({result.Scale.CapacityUnit})");
        capacity.Title(string.Create(CultureInfo.InvariantCulture,
            $"{title}: retention after cycle {rows[^1].Cycle}: {rows[^1].RetentionPercent:F1} % of cycle {result.ReferenceCycle}"));
        capacity.ShowLegend(Edge.Right);

        var retention = capacity.Add.Scatter(n, rows.Select(x => x.RetentionPercent).ToArray());
        retention.LegendText = $"retention (% of cycle {result.ReferenceCycle})";
        retention.LinePattern = LinePattern.Dashed;
        retention.Axes.YAxis = capacity.Axes.Right;
        capacity.Axes.Right.Label.Text = $"discharge capacity retention (% of cycle {result.ReferenceCycle})";
        AtomicFile.Write(path, temp => capacity.SavePng(temp, Width, Height));
    }
}
