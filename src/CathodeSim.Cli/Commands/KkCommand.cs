using System.CommandLine;
using System.Numerics;
using CathodeSim.Analysis.Impedance;
using CathodeSim.Cli.Reporting;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Output;
using CathodeSim.IO.Units;

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
        var threshold = new Option<string>("--threshold")
        {
            Description = "RMS relative residual (real and imaginary parts together) within which the spectrum is judged Kramers-Kronig consistent.",
            DefaultValueFactory = _ => "1 %",
            HelpName = "FRACTION",
        };
        var loop = SpectrumSelection.LoopOption();
        var fmin = CommonOptions.MinimumFrequency();
        var fmax = CommonOptions.MaximumFrequency();
        var output = CommonOptions.Output();
        output.Description = "Directory for the files written (default: ./out).";
        var json = CommonOptions.Json();
        var command = new Command("kk", """
            Check an impedance spectrum for Kramers-Kronig consistency (lin-KK, Schoenleber et al. 2014): fit M RC elements
            with time constants log-spaced over the measured range plus R_ohm and a series L by linear least squares, choose M
            by the mu criterion, and print M, mu and the relative residuals of real and imaginary parts (max and RMS). The
            verdict: consistent when the RMS residual is within --threshold (1 %: valid spectra stay within their noise);
            points beyond three times it are counted with their frequency range, to crop with --fmin/--fmax; a spectrum whose
            -Im Z rises at the lowest frequencies gets the hint to rerun with --capacitance (blocking electrodes). Writes
            <stem>_kk.csv and <stem>_kk.png (residuals against frequency).

            Example:
              cathodesim kk examples/data/halfcell-peis.csv --c 0.85 --fmax "1 MHz" --output out/eis
            """)
        {
            file, c, capacitance, threshold, loop, fmin, fmax, output, json,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(file)!, parse.GetValue(c), parse.GetValue(capacitance),
            parse.GetValue(threshold)!, parse.GetValue(loop), parse.GetValue(fmin), parse.GetValue(fmax), parse.GetValue(output), parse.GetValue(json)));
        return command;
    }

    private static ExitCode Execute(CliContext context, string path, double c, bool capacitance, string thresholdText, int? loop, string? fminText, string? fmaxText,
        string? outputDirectory, bool json)
    {
        MeasuredSpectrum spectrum;
        var selected = new List<string>();
        LinKkResult kk;
        LinKkVerdict verdict;
        try
        {
            if (!(c > 0 && c <= 1)) throw new ArgumentException($"--c: {c} is not in (0, 1]");
            double threshold = UnitParser.ToSi(thresholdText, QuantityKind.Number);
            if (!(threshold > 0 && threshold < 1)) throw new ArgumentException($"--threshold: '{thresholdText}' is not between 0 and 100 % (e.g. '1 %')");
            var selection = SpectrumSelection.Parse(loop, fminText, fmaxText);
            spectrum = MeasurementReader.ReadSpectrum(path);
            (_, var frequency, var z) = selection.Select(spectrum, path, selected);
            kk = LinKk.Test(frequency, z, new LinKkOptions { C = c, Capacitance = capacitance });
            verdict = LinKkVerdict.Judge(kk, threshold, capacitance);
        }
        catch (Exception e) when (e is MeasurementFileException or ArgumentException or UnitFormatException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        var warnings = new List<string>(spectrum.Warnings.Concat(selected));
        if (kk.ReachedMaximum) warnings.Add($"mu stayed above {c} up to M = {kk.Elements}, the largest tried");
        foreach (string warning in warnings) context.Error.WriteLine($"warning: {warning}");

        string directory = Path.GetFullPath(outputDirectory ?? "out");
        string stem = Path.GetFileNameWithoutExtension(path);
        if (!OutputFiles.TryWrite(context, directory, staging =>
            [
                ImpedanceKkWriter.WriteCsv(Path.Combine(staging, $"{stem}_kk.csv"), kk),
                ImpedanceKkWriter.WritePlot(Path.Combine(staging, $"{stem}_kk.png"), kk, Path.GetFileName(path)),
            ], out var files))
            return ExitCode.Failure;

        if (json) context.Out.WriteLine(KkReport.Json(spectrum.Source, kk, verdict, c, warnings, files));
        else KkReport.Render(context.Human, spectrum.Source, kk, verdict, c, files);
        return ExitCode.Success;
    }
}
