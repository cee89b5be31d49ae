using System.CommandLine;
using System.Globalization;

namespace CathodeSim.Cli.Commands;

/// <summary>
/// `cathodesim compare-runs A.csv B.csv`: checks that two runs' time series agree (same points, voltage and charge
/// within a relative tolerance), e.g. the GPU back end against the CPU one.
/// </summary>
internal static class CompareRunsCommand
{
    public static Command Create(CliContext context)
    {
        var first = new Argument<string>("first") { Description = "Time-series CSV of the reference run (<name>_timeseries.csv)." };
        var second = new Argument<string>("second") { Description = "Time-series CSV of the run to check." };
        var tolerance = new Option<double>("--tolerance") { Description = "Largest relative difference allowed.", DefaultValueFactory = _ => 1e-10 };
        var command = new Command("compare-runs", """
            Compare two runs' time series point by point (voltage and charge, relative to the largest magnitude of each);
            exit code 0 when they agree within --tolerance, 4 (outside tolerance) when they differ, 2 for unreadable files.

            Example:
              cathodesim compare-runs out/cpu/b-ncm-65_timeseries.csv out/gpu/b-ncm-65_timeseries.csv --tolerance 1e-10
            """)
        {
            first, second, tolerance,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(first)!, parse.GetValue(second)!, parse.GetValue(tolerance)));
        return command;
    }

    private static ExitCode Execute(CliContext context, string a, string b, double tolerance)
    {
        double[][] left, right;
        try
        {
            left = Read(a);
            right = Read(b);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        if (left.Length != right.Length)
        {
            context.Out.WriteLine($"DIFFERENT: {left.Length} points in {a}, {right.Length} in {b}");
            return ExitCode.OutsideTolerance;
        }
        // Columns: time_s, voltage_V, current_A, charge_C.
        double worst = 0;
        foreach (int column in new[] { 0, 1, 3 })
        {
            double scale = left.Max(r => Math.Abs(r[column])) + 1e-300;
            for (int i = 0; i < left.Length; i++) worst = Math.Max(worst, Math.Abs(left[i][column] - right[i][column]) / scale);
        }
        bool same = worst <= tolerance;
        context.Out.WriteLine($"{(same ? "SAME" : "DIFFERENT")}: {left.Length} points, largest relative difference {worst:E3} (tolerance {tolerance:E1})");
        return same ? ExitCode.Success : ExitCode.OutsideTolerance;
    }

    private static double[][] Read(string path)
    {
        var rows = new List<double[]>();
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (line == 1) continue;
            var fields = text.Split(',');
            if (fields.Length < 4) throw new FormatException($"{path}:{line}: expected time_s,voltage_V,current_A,charge_C,...");
            rows.Add(fields.Take(4).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray());
        }
        return rows.ToArray();
    }
}
