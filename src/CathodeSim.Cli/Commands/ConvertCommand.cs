using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Output;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim convert FILE`: what a reader took from an instrument file, as CSV with units in the column names.</summary>
internal static class ConvertCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file")
        {
            Description = "Instrument file: an impedance spectrum or a cycling/pulse record in any format the readers take (EC-Lab .mpr/.mpt, Gamry .DTA, ZPlot .z, Z60W, CH Instruments, VersaStudio .par, PowerSuite, LAND/Arbin text and Excel, Maccor text, Neware .nda/.ndax and CSV/Excel exports, CSV).",
        };
        var kind = new Option<string>("--kind")
        {
            Description = "What the file holds: spectrum, record, or auto (a spectrum when it has a frequency column, else a record).",
            DefaultValueFactory = _ => "auto",
        };
        kind.AcceptOnlyFromAmong("auto", "spectrum", "record");
        var output = CommonOptions.Output();
        output.Description = "Directory for the CSV written (default: ./out).";
        var json = CommonOptions.Json();
        var timeUnit = CommonOptions.TimeUnit();
        var command = new Command("convert", """
            Write what the readers take from an instrument file as CSV with units in the column names, to check it or reuse
            it: <stem>_spectrum.csv (frequency_Hz, z_real_ohm, z_imag_ohm with Im(Z) signed, sweep) or <stem>_record.csv
            (time_s, voltage_V, current_A positive on charge, cycle and step where recorded). Prints the format found,
            the number of points and sweeps, and the reader's warnings.

            Example:
              cathodesim convert examples/data/halfcell-peis.csv --output out/converted
            """)
        {
            file, kind, output, json, timeUnit,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(file)!, parse.GetValue(kind)!, parse.GetValue(output), parse.GetValue(json), parse.GetValue(timeUnit)));
        return command;
    }

    private static ExitCode Execute(CliContext context, string path, string kind, string? outputDirectory, bool json, string? timeUnit)
    {
        MeasuredSpectrum? spectrum = null;
        MeasuredSeries? series = null;
        var options = new SeriesReadOptions { TimeUnit = timeUnit };
        try
        {
            if (kind == "spectrum") spectrum = MeasurementReader.ReadSpectrum(path);
            else if (kind == "record") series = MeasurementReader.ReadSeries(path, options);
            else
            {
                try
                {
                    spectrum = MeasurementReader.ReadSpectrum(path);
                }
                catch (MeasurementFileException spectrumError)
                {
                    try
                    {
                        series = MeasurementReader.ReadSeries(path, options);
                    }
                    catch (MeasurementFileException recordError)
                    {
                        // Damage met before the content tells the kind (a cut-off last row) reads the same either way:
                        // said once, with its line.
                        if (recordError.Message == spectrumError.Message) throw;
                        throw new MeasurementFileException(recordError.File, null,
                            $"is neither an impedance spectrum ({Reason(spectrumError)}) nor a cycling record ({Reason(recordError)}); supported: {MeasurementReader.SupportedFormats}");
                    }
                }
            }
        }
        catch (MeasurementFileException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }

        var warnings = (IReadOnlyList<string>?)spectrum?.Warnings ?? series!.Warnings;
        foreach (string warning in warnings) context.Error.WriteLine($"warning: {warning}");
        string directory = Path.GetFullPath(outputDirectory ?? "out");
        string stem = Path.GetFileNameWithoutExtension(path);
        if (!OutputFiles.TryWrite(context, directory, staging =>
            [
                spectrum is not null
                    ? MeasurementCsvWriter.WriteSpectrum(Path.Combine(staging, $"{stem}_spectrum.csv"), spectrum)
                    : MeasurementCsvWriter.WriteRecord(Path.Combine(staging, $"{stem}_record.csv"), series!),
            ], out var files))
            return ExitCode.Failure;

        int points = spectrum?.Frequency.Length ?? series!.Time.Length;
        if (json)
        {
            var root = new JsonObject
            {
                ["file"] = spectrum?.Source ?? series!.Source,
                ["kind"] = spectrum is not null ? "spectrum" : "record",
                ["points"] = points,
                ["sweeps"] = spectrum?.SweepCount,
                ["warnings"] = new JsonArray(warnings.Select(w => (JsonNode?)w).ToArray()),
                ["files"] = new JsonArray(files.Select(f => (JsonNode?)f).ToArray()),
            };
            context.Out.WriteLine(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            context.Out.WriteLine(spectrum is not null
                ? $"{Path.GetFileName(path)}: impedance spectrum, {points} points in {spectrum.SweepCount} sweep{(spectrum.SweepCount == 1 ? "" : "s")}"
                : $"{Path.GetFileName(path)}: cycling record, {points} points{(series!.Cycle is null ? "" : $", cycles {series.Cycle.Min()}-{series.Cycle.Max()}")}");
            foreach (var f in files) context.Out.WriteLine($"wrote {f}");
        }
        return ExitCode.Success;
    }

    private static string Reason(MeasurementFileException e) => e.Line is { } line ? $"line {line}: {e.Problem}" : e.Problem;
}
