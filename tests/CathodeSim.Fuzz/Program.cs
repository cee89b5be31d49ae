using CathodeSim.Fuzz;

// Long fuzz campaign: dotnet run -c Release --project tests/CathodeSim.Fuzz -- [executions per reader] [seed] [reader,...] [output dir]
// Exit code 0 when no reader crashed or hung, 1 otherwise.
int executions = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
int seed = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
var only = args.Length > 2 && args[2] != "all" ? args[2].Split(',').ToHashSet() : null;
string output = args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), "cathodesim-fuzz");
var reports = new List<FuzzReport>();
foreach (var target in FuzzTarget.All.Where(t => only is null || only.Contains(t.Name)))
{
    var report = FuzzRunner.Run(target, executions, seed, output, progress: Console.WriteLine);
    Console.WriteLine(report);
    foreach (string f in report.Findings) Console.WriteLine("  " + f);
    reports.Add(report);
}
Console.WriteLine();
Console.WriteLine($"seed {seed}, findings under {output}");
foreach (var r in reports) Console.WriteLine(r);
return reports.Any(r => r.Crashes + r.Hangs > 0) ? 1 : 0;
