using System.CommandLine;
using CathodeSim.Analysis.Capacity;
using CathodeSim.Cli.Reporting;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Output;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim cycles FILE`: per-cycle capacities, coulombic efficiency, retention, energy and mean voltages.</summary>
internal static class CyclesCommand
{
    public static Command Create(CliContext context)
    {
        var file = DqDvInput.File();
        var activeMass = DqDvInput.ActiveMass();
        var reference = new Option<int?>("--reference-cycle")
        {
            Description = "Cycle whose discharge capacity counts as 100 % retention (default: the first).",
            HelpName = "N",
        };
        var output = CommonOptions.Output();
        output.Description = "Directory for the files written (default: ./out).";
        var json = CommonOptions.Json();
        var timeUnit = CommonOptions.TimeUnit();
        var command = new Command("cycles", """
            Per-cycle statistics of a run (.h5) or a measured time series: charge and discharge capacity, coulombic
            efficiency, retention against a reference cycle, energy and mean voltages (per gram of active material with
            --active-mass or from a run file, else absolute). Print the table and write <stem>_cycles.csv and
            <stem>_cycles.png (capacity and retention against cycle).

            Example:
              cathodesim cycles out/b-ncm-65-cycling.h5 --active-mass 3.575 mg --reference-cycle 2 --output out/cycles
            """)
        {
            file, activeMass, reference, output, json, timeUnit,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(file)!, parse.GetValue(activeMass), parse.GetValue(reference),
            parse.GetValue(output), parse.GetValue(json), parse.GetValue(timeUnit)));
        return command;
    }

    private static ExitCode Execute(CliContext context, string path, string[]? massTokens, int? referenceCycle, string? outputDirectory, bool json, string? timeUnit)
    {
        CapacityInput input;
        CycleStatisticsResult result;
        try
        {
            input = DqDvInput.Load(path, timeUnit);
            double? mass = DqDvInput.ResolveActiveMass(massTokens, input);
            try
            {
                result = CycleStatistics.Compute(input.Series, mass, referenceCycle);
            }
            catch (ArgumentException e) when (referenceCycle is not null && e.Message.StartsWith("reference cycle", StringComparison.Ordinal))
            {
                throw new ArgumentException($"--reference-cycle: {e.Message}");
            }
            catch (ArgumentException e)
            {
                throw new MeasurementFileException(input.Display, null, e.Message);
            }
        }
        catch (Exception e) when (e is MeasurementFileException or ArgumentException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }

        foreach (string warning in input.Warnings) context.Error.WriteLine($"warning: {warning}");
        string directory = Path.GetFullPath(outputDirectory ?? "out");
        if (!OutputFiles.TryWrite(context, directory, staging => CycleStatisticsWriter.Write(staging, input.Stem, result, Path.GetFileName(input.Display)),
                out var files, includeArgumentErrors: true))
            return ExitCode.Failure;

        if (json) context.Out.WriteLine(CyclesReport.Json(input, result, files));
        else CyclesReport.Render(context.Human, input, result, files);
        return ExitCode.Success;
    }
}
