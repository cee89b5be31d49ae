using CathodeSim.IO.Measurements;

namespace CathodeSim.IO.Output;

/// <summary>
/// What a reader took from an instrument file, as CSV with units in the column names (`cathodesim convert`), so that users
/// can check it and reuse it elsewhere: spectra as <c>frequency_Hz,z_real_ohm,z_imag_ohm,sweep</c> (Z = Re + j Im, Im
/// signed), records as <c>time_s,voltage_V,current_A[,cycle][,step]</c> (current positive on charge). A comment line names
/// the source file.
/// </summary>
public static class MeasurementCsvWriter
{
    /// <summary>Header of a converted spectrum.</summary>
    public const string SpectrumHeader = "frequency_Hz,z_real_ohm,z_imag_ohm,sweep";

    /// <summary>Writes <paramref name="spectrum"/> atomically; returns the path.</summary>
    public static string WriteSpectrum(string path, MeasuredSpectrum spectrum)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        var starts = spectrum.SweepStarts ?? [0];
        AtomicFile.WriteText(path, w =>
        {
            w.WriteLine(SpectrumHeader);
            int sweep = 0;
            for (int i = 0; i < spectrum.Frequency.Length; i++)
            {
                while (sweep + 1 < starts.Length && i >= starts[sweep + 1]) sweep++;
                w.WriteLine(string.Join(',', CsvFields.Number(spectrum.Frequency[i]), CsvFields.Number(spectrum.Real[i]),
                    CsvFields.Number(spectrum.Imaginary[i]), CsvFields.Number(sweep + 1)));
            }
        });
        CsvSidecar.Write(path, new() { ["converted_from"] = spectrum.Source });
        return path;
    }

    /// <summary>Writes <paramref name="series"/> atomically; returns the path.</summary>
    public static string WriteRecord(string path, MeasuredSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        AtomicFile.WriteText(path, w =>
        {
            w.WriteLine("time_s,voltage_V,current_A" + (series.Cycle is null ? "" : ",cycle") + (series.Step is null ? "" : ",step"));
            for (int i = 0; i < series.Time.Length; i++)
            {
                string line = string.Join(',', CsvFields.Number(series.Time[i]), CsvFields.Number(series.Voltage[i]), CsvFields.Number(series.Current[i]));
                if (series.Cycle is { } c) line += "," + CsvFields.Number(c[i]);
                if (series.Step is { } s) line += "," + CsvFields.Number(s[i]);
                w.WriteLine(line);
            }
        });
        CsvSidecar.Write(path, new() { ["converted_from"] = series.Source });
        return path;
    }
}
