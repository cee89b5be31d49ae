using System.CommandLine;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Impedance;
using CathodeSim.Cli.Reporting;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Output;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim drt FILE`: the distribution of relaxation times of a measured impedance spectrum.</summary>
internal static class DrtCommand
{
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.SpectrumFile();
        var loop = SpectrumSelection.LoopOption();
        var fmin = CommonOptions.MinimumFrequency();
        var fmax = CommonOptions.MaximumFrequency();
        var lambda = new Option<double?>("--lambda") { Description = "Regularisation parameter (dimensionless; default: chosen by generalised cross-validation).", HelpName = "LAMBDA" };
        var perDecade = new Option<int>("--points-per-decade") { Description = "Gaussian basis functions per decade of tau.", DefaultValueFactory = _ => 10, HelpName = "N" };
        var output = CommonOptions.Output();
        output.Description = "Directory for the files written (default: ./out).";
        var json = CommonOptions.Json();
        var command = new Command("drt", """
            Distribution of relaxation times of an impedance spectrum: Z = R_inf + j omega L + integral of gamma(ln tau) /
            (1 + j omega tau) d ln tau with gamma a non-negative sum of Gaussians in ln tau, fitted with 1/|Z| weights and a
            second-derivative Tikhonov penalty whose lambda minimises generalised cross-validation; the band is a residual
            bootstrap (50 resamples, 5th-95th percentile). Print the peaks (tau, frequency, resistance), lambda, R_inf, L and
            the residual; write <stem>_drt.csv and <stem>_drt.png.

            Example:
              cathodesim drt examples/data/halfcell-peis.csv --fmax "1 MHz" --fmin "100 mHz" --output out/eis
            """)
        {
            file, loop, fmin, fmax, lambda, perDecade, output, json,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(file)!, parse.GetValue(loop), parse.GetValue(fmin), parse.GetValue(fmax),
            new DrtOptions { Lambda = parse.GetValue(lambda), PointsPerDecade = parse.GetValue(perDecade) }, parse.GetValue(output), parse.GetValue(json)));
        return command;
    }

    private static ExitCode Execute(CliContext context, string path, int? loop, string? fminText, string? fmaxText, DrtOptions options,
        string? outputDirectory, bool json)
    {
        MeasuredSpectrum spectrum;
        DrtResult drt;
        var selected = new List<string>();
        try
        {
            var selection = SpectrumSelection.Parse(loop, fminText, fmaxText);
            spectrum = MeasurementReader.ReadSpectrum(path);
            (_, var frequency, var z) = selection.Select(spectrum, path, selected);
            try
            {
                drt = Drt.Compute(frequency, z, options);
            }
            catch (ArgumentException e)
            {
                throw new MeasurementFileException(spectrum.Source, null, e.Message);
            }
        }
        catch (Exception e) when (e is MeasurementFileException or ArgumentException or IO.Units.UnitFormatException)
        {
            // The selection's messages name the file (or the option) already; the DRT's are given the file above.
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        var warnings = spectrum.Warnings.Concat(selected).ToList();
        foreach (string warning in warnings) context.Error.WriteLine($"warning: {warning}");

        string directory = Path.GetFullPath(outputDirectory ?? "out");
        string stem = Path.GetFileNameWithoutExtension(path);
        if (!OutputFiles.TryWrite(context, directory, staging => DrtWriter.WriteFiles(staging, stem, drt, Path.GetFileName(path)), out var files))
            return ExitCode.Failure;

        if (json)
        {
            var root = DrtReport.Json(drt, null);
            root["file"] = spectrum.Source;
            root["warnings"] = new JsonArray(warnings.Select(w => (JsonNode?)w).ToArray());
            root["files"] = new JsonArray(files.Select(f => (JsonNode?)f).ToArray());
            context.Out.WriteLine(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            DrtReport.Render(context.Human, Path.GetFileName(spectrum.Source), drt, null);
            foreach (var f in files) context.Human.MarkupLineInterpolated($"wrote [green]{f}[/]");
        }
        return ExitCode.Success;
    }
}
