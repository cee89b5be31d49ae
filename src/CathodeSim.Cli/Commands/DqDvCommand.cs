using System.CommandLine;
using CathodeSim.Analysis.Capacity;
using CathodeSim.Cli.Reporting;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Output;
using CathodeSim.IO.Units;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim dqdv FILE`: differential capacity dQ/dV per cycle and direction, with its peaks.</summary>
internal static class DqDvCommand
{
    public static Command Create(CliContext context)
    {
        var file = DqDvInput.File();
        var activeMass = DqDvInput.ActiveMass();
        var window = new Option<string[]>("--window")
        {
            Description = "Voltage window dV: the bin width over which capacity is averaged and the grid spacing of dQ/dV.",
            DefaultValueFactory = _ => ["5 mV"],
            HelpName = "VOLTAGE",
            Arity = new ArgumentArity(1, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var smoothing = new Option<int>("--smoothing")
        {
            Description = "Savitzky-Golay window in grid points (odd; 1: no smoothing). Peak positions are kept; larger windows flatten narrow peaks.",
            DefaultValueFactory = _ => 11,
            HelpName = "POINTS",
        };
        var order = new Option<int>("--order")
        {
            Description = "Savitzky-Golay polynomial order (below the window).",
            DefaultValueFactory = _ => 3,
        };
        var prominence = new Option<double>("--prominence")
        {
            Description = "Smallest peak prominence as a share of each curve's largest |dQ/dV|.",
            DefaultValueFactory = _ => 0.05,
            HelpName = "SHARE",
        };
        var output = CommonOptions.Output();
        output.Description = "Directory for the files written (default: ./out).";
        var json = CommonOptions.Json();
        var timeUnit = CommonOptions.TimeUnit();
        var command = new Command("dqdv", """
            Differential capacity dQ/dV against voltage for every cycle and direction of a run (.h5) or a measured time
            series: capacity binned over voltage windows dV, resampled on a uniform grid, differentiated and smoothed with a
            Savitzky-Golay filter; print the peaks (voltage, height, prominence) and write <stem>_dqdv.csv and
            <stem>_dqdv.png. Discharge dQ/dV is negative.

            Example:
              cathodesim dqdv out/b-ncm-65.h5 --active-mass 3.575 mg --window 5 mV --smoothing 11 --output out/dqdv
            """)
        {
            file, activeMass, window, smoothing, order, prominence, output, json, timeUnit,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(file)!, parse.GetValue(activeMass), parse.GetValue(window)!,
            parse.GetValue(smoothing), parse.GetValue(order), parse.GetValue(prominence), parse.GetValue(output), parse.GetValue(json), parse.GetValue(timeUnit)));
        return command;
    }

    private static ExitCode Execute(CliContext context, string path, string[]? massTokens, string[] windowTokens, int smoothing, int order,
        double prominence, string? outputDirectory, bool json, string? timeUnit)
    {
        CapacityInput input;
        DqDvResult result;
        try
        {
            double window = DqDvInput.Quantity("--window", windowTokens, QuantityKind.Voltage);
            if (!(window > 0) || window > 1) throw new ArgumentException($"--window: '{string.Join(' ', windowTokens)}' must be a voltage above 0 and at most 1 V, e.g. 5 mV");
            if (smoothing != 1)
            {
                try { SavitzkyGolay.Validate(smoothing, order); }
                catch (ArgumentException e) { throw new ArgumentException($"--smoothing/--order: {e.Message}"); }
            }
            if (!(prominence >= 0 && prominence < 1)) throw new ArgumentException($"--prominence: {prominence} must be a share in [0, 1), e.g. 0.05");
            input = DqDvInput.Load(path, timeUnit);
            double? mass = DqDvInput.ResolveActiveMass(massTokens, input);
            try
            {
                result = DqDvAnalyzer.Analyze(input.Series, new DqDvOptions(window, smoothing, order, prominence, mass));
            }
            catch (ArgumentException e)
            {
                throw new MeasurementFileException(input.Display, null, e.Message);
            }
            if (result.Curves.Count == 0)
                throw new MeasurementFileException(input.Display, null, "no charge or discharge spans 3 voltage windows; nothing to differentiate (try a smaller --window)");
        }
        catch (Exception e) when (e is MeasurementFileException or ArgumentException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }

        foreach (string warning in input.Warnings.Concat(result.Warnings)) context.Error.WriteLine($"warning: {warning}");
        string directory = Path.GetFullPath(outputDirectory ?? "out");
        if (!OutputFiles.TryWrite(context, directory, staging => DqDvWriter.Write(staging, input.Stem, result, Path.GetFileName(input.Display)),
                out var files, includeArgumentErrors: true))
            return ExitCode.Failure;

        if (json) context.Out.WriteLine(DqDvReport.Json(input, result, files));
        else DqDvReport.Render(context.Human, input, result, files);
        return ExitCode.Success;
    }
}
