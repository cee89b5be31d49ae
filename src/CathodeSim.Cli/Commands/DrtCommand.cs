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
    /// <summary>The DRT options shared with `eis --drt`.</summary>
    internal sealed record DrtCliOptions(Option<double?> FMin, Option<double?> FMax, Option<double?> Lambda, Option<int> PerDecade)
    {
        public static DrtCliOptions Create(string perDecadeName) => new(
            new Option<double?>("--fmin") { Description = "Lowest frequency used, Hz (crop).", HelpName = "HZ" },
            new Option<double?>("--fmax") { Description = "Highest frequency used, Hz (crop).", HelpName = "HZ" },
            new Option<double?>("--lambda") { Description = "Regularisation parameter (dimensionless; default: chosen by generalised cross-validation).", HelpName = "LAMBDA" },
            new Option<int>(perDecadeName) { Description = "Gaussian basis functions per decade of tau.", DefaultValueFactory = _ => 10, HelpName = "N" });

        public DrtOptions Read(ParseResult parse) => new()
        {
            MinimumFrequency = parse.GetValue(FMin),
            MaximumFrequency = parse.GetValue(FMax),
            Lambda = parse.GetValue(Lambda),
            PointsPerDecade = parse.GetValue(PerDecade),
        };
    }

    public static Command Create(CliContext context)
    {
        var file = CommonOptions.SpectrumFile();
        var options = DrtCliOptions.Create("--points-per-decade");
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
              cathodesim drt data/cell.mpr --fmax 1e6 --fmin 0.1 --output out/eis
            """)
        {
            file, options.FMin, options.FMax, options.Lambda, options.PerDecade, output, json,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(file)!, options.Read(parse), parse.GetValue(output), parse.GetValue(json)));
        return command;
    }

    private static ExitCode Execute(CliContext context, string path, DrtOptions options, string? outputDirectory, bool json)
    {
        MeasuredSpectrum spectrum;
        DrtResult drt;
        try
        {
            spectrum = MeasurementReader.ReadSpectrum(path);
            var z = spectrum.Real.Select((re, i) => new Complex(re, spectrum.Imaginary[i])).ToArray();
            drt = Drt.Compute(spectrum.Frequency, z, options);
        }
        catch (MeasurementFileException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        catch (ArgumentException e)
        {
            context.Error.WriteLine($"error: {path}: {e.Message}");
            return ExitCode.BadInput;
        }
        foreach (string warning in spectrum.Warnings) context.Error.WriteLine($"warning: {warning}");

        string directory = Path.GetFullPath(outputDirectory ?? "out");
        string stem = Path.GetFileNameWithoutExtension(path);
        if (!OutputFiles.TryWrite(context, directory, () => Write(directory, stem, drt, Path.GetFileName(path)), out var files))
            return ExitCode.Failure;

        if (json)
        {
            var root = DrtReport.Json(drt, null);
            root["file"] = spectrum.Source;
            root["warnings"] = new JsonArray(spectrum.Warnings.Select(w => (JsonNode?)w).ToArray());
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

    /// <summary>Writes <c>&lt;stem&gt;_drt.csv</c> and <c>&lt;stem&gt;_drt.png</c>.</summary>
    internal static IReadOnlyList<string> Write(string directory, string stem, DrtResult drt, string title) =>
    [
        DrtWriter.WriteCsv(Path.Combine(directory, $"{stem}_drt.csv"), drt),
        DrtWriter.WritePlot(Path.Combine(directory, $"{stem}_drt.png"), drt, title),
    ];
}
