using System.CommandLine;
using CathodeSim.Analysis.Gitt;
using CathodeSim.Cli.Reporting;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Output;
using CathodeSim.IO.Units;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim gitt-analyze FILE`: Weppner-Huggins analysis of a measured GITT record.</summary>
internal static class GittAnalyzeCommand
{
    /// <summary>Theoretical capacity used with --active-mass when --theoretical-capacity is not given (NCM90, one Li per formula unit).</summary>
    private const string DefaultTheoreticalCapacity = "275 mAh/g";

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "Measured time series: " + MeasurementReader.SupportedFormats + "." };
        var output = CommonOptions.Output();
        output.Description = "Directory for the files written (default: ./out).";
        var json = CommonOptions.Json();
        var radius = GittOptions.Quantity("--particle-radius", "Diffusion length R of the particles (sphere radius; for a size distribution its Sauter radius), e.g. 2 um. Required.", "LENGTH");
        radius.Required = true;
        var mass = GittOptions.Quantity("--active-mass", "Mass of active material, for the stoichiometry of each pulse, e.g. 3.6 mg.", "MASS");
        var initial = new Option<double?>("--initial-stoichiometry") { Description = "x in Li_xMO2 at the start of the record (default 1 with --active-mass).", HelpName = "X" };
        var capacity = GittOptions.Quantity("--theoretical-capacity", $"Capacity of x = 0..1 per gram of active material (default {DefaultTheoreticalCapacity}).", "CAPACITY");
        var threshold = new Option<double>("--current-threshold") { Description = "Share of the pulse current above which a point belongs to a pulse.", DefaultValueFactory = _ => 0.2, HelpName = "FRACTION" };
        var gap = GittOptions.Quantity("--max-gap", "Two pulse points further apart than this belong to different pulses even without a rest point between them (rest points missing).", "TIME", "60 s");
        var invert = new Option<bool>("--invert-current") { Description = "The file records current positive on discharge (the analysis also infers the convention from the voltage)." };
        var limit = GittOptions.ShortTimeLimit();
        var timeUnit = CommonOptions.TimeUnit();
        var command = new Command("gitt-analyze", """
            Analyse a measured GITT record: detect the pulses and rests from the current (tolerant of noise, either sign
            convention and missing rest points), then per pulse the IR drop, the quasi-equilibrium voltage at the end of
            the following rest, dE_s, dE_t, the Weppner-Huggins diffusivity D = 4 R^2/(9 pi tau) (dE_s/dE_t)^2 and the
            sqrt(t)-slope variant, with flags where tau is not << R^2/D or the signal is too small. Writes
            <stem>_gitt.csv, <stem>_gitt_voltage.png and <stem>_gitt_diffusivity.png.

            Example:
              cathodesim gitt-analyze examples/data/gitt-b-ncm-65.csv --particle-radius 2 um --active-mass 3.6 mg --initial-stoichiometry 0.99 --theoretical-capacity 275 mAh/g
            """)
        {
            file, output, json, radius, mass, initial, capacity, threshold, gap, invert, limit, timeUnit,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(file)!, parse.GetValue(output), parse.GetValue(json), parse.GetValue(radius),
            parse.GetValue(mass), parse.GetValue(initial), parse.GetValue(capacity), parse.GetValue(threshold), parse.GetValue(gap), parse.GetValue(invert), parse.GetValue(limit), parse.GetValue(timeUnit)));
        return command;
    }

    private static ExitCode Execute(CliContext context, string path, string? outputDirectory, bool json, string[]? radiusText, string[]? massText,
        double? initial, string[]? capacityText, double threshold, string[]? gapText, bool invert, double shortTimeLimit, string? timeUnit)
    {
        MeasuredSeries measured;
        GittAnalysisResult analysis;
        try
        {
            double radius = GittOptions.Parse("--particle-radius", radiusText, QuantityKind.Length)
                ?? throw new ArgumentException("--particle-radius is required, e.g. --particle-radius 2 um");
            double? mass = GittOptions.Parse("--active-mass", massText, QuantityKind.Mass);
            double? capacity = GittOptions.Parse("--theoretical-capacity", capacityText, QuantityKind.SpecificCharge);
            double? gap = GittOptions.Parse("--max-gap", gapText, QuantityKind.Time);
            if (initial is { } x0 && !(x0 >= 0 && x0 <= 1)) throw new ArgumentException($"--initial-stoichiometry: {x0} is not between 0 and 1");
            if (!(threshold > 0 && threshold < 1)) throw new ArgumentException($"--current-threshold: {threshold} is not between 0 and 1");
            if (!(shortTimeLimit > 0)) throw new ArgumentException("--short-time-limit must be > 0");
            if (mass is null && (initial is not null || capacity is not null))
                throw new ArgumentException("--initial-stoichiometry and --theoretical-capacity need --active-mass (the stoichiometry comes from the charge per mass)");
            double? theoretical = mass * (capacity ?? UnitParser.ToSi(DefaultTheoreticalCapacity, QuantityKind.SpecificCharge));
            measured = MeasurementReader.ReadSeries(path, new SeriesReadOptions { InvertCurrent = invert, TimeUnit = timeUnit });
            var series = new GittSeries(measured.Time, measured.Current, measured.Voltage);
            var options = new GittAnalysisOptions(radius, mass is null ? null : initial ?? 1.0, theoretical,
                new PulseDetectionOptions(RelativeThreshold: threshold, MaximumGap: gap), MaxDimensionlessTime: shortTimeLimit);
            try
            {
                analysis = GittAnalyzer.Analyze(series, options);
            }
            catch (ArgumentException e)
            {
                throw new MeasurementFileException(measured.Source, null, e.Message);
            }
            if (analysis.Pulses.Count == 0)
                throw new MeasurementFileException(measured.Source, null,
                    $"no current pulses found (|I| above {threshold:P0} of the pulse current, separated by rests); expected a GITT record of pulses and rests");
        }
        catch (Exception e) when (e is MeasurementFileException or ArgumentException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }

        string directory = Path.GetFullPath(outputDirectory ?? "out");
        string stem = Path.GetFileNameWithoutExtension(path);
        if (string.IsNullOrWhiteSpace(stem) || stem.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) stem = "series";
        if (!OutputFiles.TryWrite(context, directory, staging =>
            [
                GittWriter.WriteCsv(Path.Combine(staging, $"{stem}_gitt.csv"), analysis),
                GittWriter.WriteVoltagePlot(Path.Combine(staging, $"{stem}_gitt_voltage.png"),
                    new GittSeries(measured.Time, measured.Current, measured.Voltage), analysis, $"{Path.GetFileName(path)}: GITT"),
                GittWriter.WriteDiffusivityPlot(Path.Combine(staging, $"{stem}_gitt_diffusivity.png"), analysis,
                    $"{Path.GetFileName(path)}: GITT diffusivity, R = {analysis.ParticleRadius * 1e6:0.###} um"),
            ], out var files))
            return ExitCode.Failure;

        var source = new GittReport.Source(measured.Source, "measured", null, null);
        if (json) context.Out.WriteLine(GittReport.Json(source, analysis, files));
        else GittReport.Render(context.Human, source, analysis, files);
        foreach (string warning in measured.Warnings.Concat(analysis.Warnings)) context.Error.WriteLine($"warning: {warning}");
        return ExitCode.Success;
    }
}
