using System.CommandLine;
using System.Numerics;
using CathodeSim.Analysis.Impedance;
using CathodeSim.Cli.Reporting;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Output;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim kk FILE`: the linear Kramers-Kronig test of an impedance spectrum.</summary>
internal static class KkCommand
{
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.SpectrumFile();
        var c = new Option<double>("--c")
        {
            Description = "Threshold of the mu criterion (Schoenleber 2014): the number of RC elements M grows until mu <= c.",
            DefaultValueFactory = _ => 0.85,
            HelpName = "C",
        };
        var capacitance = new Option<bool>("--capacitance")
        {
            Description = "Fit a series capacitance too (spectra of blocking electrodes, -Im Z growing at low frequency).",
        };
        var output = CommonOptions.Output();
        output.Description = "Directory for the files written (default: ./out).";
        var json = CommonOptions.Json();
        var command = new Command("kk", """
            Check an impedance spectrum for Kramers-Kronig consistency (lin-KK, Schoenleber et al. 2014): fit M RC elements
            with time constants log-spaced over the measured range plus R_ohm and a series L by linear least squares, choose M
            by the mu criterion, and print M, mu and the relative residuals of real and imaginary parts (max and RMS; a valid
            spectrum stays within about 1 %); write <stem>_kk.csv and <stem>_kk.png (residuals against frequency).

            Example:
              cathodesim kk data/cell.mpt --c 0.85 --output out/eis
            """)
        {
            file, c, capacitance, output, json,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(file)!, parse.GetValue(c), parse.GetValue(capacitance),
            parse.GetValue(output), parse.GetValue(json)));
        return command;
    }

    private static ExitCode Execute(CliContext context, string path, double c, bool capacitance, string? outputDirectory, bool json)
    {
        MeasuredSpectrum spectrum;
        LinKkResult kk;
        try
        {
            if (!(c > 0 && c <= 1)) throw new ArgumentException($"--c: {c} is not in (0, 1]");
            spectrum = MeasurementReader.ReadSpectrum(path);
            var z = spectrum.Real.Select((re, i) => new Complex(re, spectrum.Imaginary[i])).ToArray();
            kk = LinKk.Test(spectrum.Frequency, z, new LinKkOptions { C = c, Capacitance = capacitance });
        }
        catch (Exception e) when (e is MeasurementFileException or ArgumentException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        var warnings = new List<string>(spectrum.Warnings);
        if (kk.ReachedMaximum) warnings.Add($"mu stayed above {c} up to M = {kk.Elements}, the largest tried");
        foreach (string warning in warnings) context.Error.WriteLine($"warning: {warning}");

        string directory = Path.GetFullPath(outputDirectory ?? "out");
        string stem = Path.GetFileNameWithoutExtension(path);
        if (!OutputFiles.TryWrite(context, directory, () =>
            [
                ImpedanceKkWriter.WriteCsv(Path.Combine(directory, $"{stem}_kk.csv"), kk),
                ImpedanceKkWriter.WritePlot(Path.Combine(directory, $"{stem}_kk.png"), kk, Path.GetFileName(path)),
            ], out var files))
            return ExitCode.Failure;

        if (json) context.Out.WriteLine(KkReport.Json(spectrum.Source, kk, c, warnings, files));
        else KkReport.Render(context.Human, spectrum.Source, kk, c, files);
        return ExitCode.Success;
    }
}
