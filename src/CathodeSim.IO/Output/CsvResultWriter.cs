using CathodeSim.Analysis.Cycling;
using CathodeSim.Model.Results;

namespace CathodeSim.IO.Output;

/// <summary>
/// Writes <c>&lt;name&gt;_timeseries.csv</c> and <c>&lt;name&gt;_steps.csv</c> (comma separated, invariant culture,
/// "\n" line ends, header row with units). Provenance is not stored; use the HDF5 output for that.
/// </summary>
public sealed class CsvResultWriter : IResultWriter
{
    /// <summary>Header of the time-series file.</summary>
    public const string TimeSeriesHeader = "time_s,voltage_V,current_A,charge_C,specific_capacity_mAh_per_g,temperature_K,step_index,cycle";

    /// <summary>Header of the step file.</summary>
    public const string StepsHeader =
        "index,cycle,description,kind,start_time_s,end_time_s,charge_C,energy_J,start_voltage_V,end_voltage_V,mean_voltage_V,temperature_K,film_resistance_ohm,charge_transfer_resistance_ohm,contact_coverage,lost_active_fraction,end";

    /// <inheritdoc />
    /// <returns>Path of the time-series file; the step file lies beside it.</returns>
    public string Write(SimulationResult result, RunMetadata metadata, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        string timeSeriesPath = OutputPaths.For(outputDirectory, result.Name, "_timeseries.csv");
        string stepsPath = OutputPaths.For(outputDirectory, result.Name, "_steps.csv");

        AtomicFile.WriteText(timeSeriesPath, writer => WriteTimeSeries(writer, result));
        AtomicFile.WriteText(stepsPath, writer => WriteSteps(writer, result.Steps));
        return timeSeriesPath;
    }

    private static void WriteTimeSeries(TextWriter writer, SimulationResult result)
    {
        writer.Write(TimeSeriesHeader + "\n");
        int[] cycles = SeriesCycles.Of(result);
        for (int i = 0; i < cycles.Length; i++)
        {
            var p = result.Series[i];
            writer.Write(string.Join(',',
                CsvFields.Number(p.Time),
                CsvFields.Number(p.Voltage),
                CsvFields.Number(p.Current),
                CsvFields.Number(p.Charge),
                CsvFields.Number(SpecificQuantities.CapacityMilliampHourPerGram(p.Charge, result.ActiveMass)),
                CsvFields.Number(p.Temperature),
                CsvFields.Number(p.StepIndex),
                CsvFields.Number(cycles[i])));
            writer.Write('\n');
        }
    }

    private static void WriteSteps(TextWriter writer, IReadOnlyList<StepSummary> steps)
    {
        writer.Write(StepsHeader + "\n");
        foreach (var s in steps)
        {
            writer.Write(string.Join(',',
                CsvFields.Number(s.Index),
                CsvFields.Number(s.Cycle),
                CsvFields.Text(s.Description),
                CsvFields.Text(s.Kind),
                CsvFields.Number(s.StartTime),
                CsvFields.Number(s.EndTime),
                CsvFields.Number(s.ChargePassed),
                CsvFields.Number(s.Energy),
                CsvFields.Number(s.StartVoltage),
                CsvFields.Number(s.EndVoltage),
                CsvFields.Number(s.MeanVoltage),
                CsvFields.Number(s.Temperature),
                CsvFields.Number(s.FilmResistance),
                CsvFields.Number(s.ChargeTransferResistance),
                CsvFields.Number(s.ContactCoverage),
                CsvFields.Number(s.LostActiveFraction),
                s.End.ToString()));
            writer.Write('\n');
        }
    }
}
