using CathodeSim.Fuzz;

// Long fuzz campaign: dotnet run -c Release --project tests/CathodeSim.Fuzz -- [executions per reader] [seed] [reader,...|all] [output dir] [seconds per reader]
//        dotnet run -c Release --project tests/CathodeSim.Fuzz -- repro <reader> <file>   (runs one input, prints the outcome)
// Exit code 0 when no reader crashed or hung, 1 otherwise.
if (args.Length == 3 && args[0] == "repro")
{
    var reader = FuzzTarget.All.Single(t => t.Name == args[1]);
    var clock = System.Diagnostics.Stopwatch.StartNew();
    try { reader.Run(args[2]); Console.WriteLine("accepted"); }
    catch (Exception e)
    {
        // The whole chain: the inner exceptions hold the stack inside the library that met the damage.
        for (Exception? x = e; x is not null; x = x.InnerException) Console.WriteLine(x);
    }
    Console.WriteLine($"{clock.Elapsed.TotalSeconds:F2} s, managed heap {GC.GetTotalMemory(false) >> 20} MiB");
    return 0;
}
int executions = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
int seed = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
var only = args.Length > 2 && args[2] != "all" ? args[2].Split(',').ToHashSet() : null;
string output = args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), "cathodesim-fuzz");
TimeSpan? budget = args.Length > 4 ? TimeSpan.FromSeconds(double.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture)) : null;
var reports = new List<FuzzReport>();
foreach (var target in FuzzTarget.All.Where(t => only is null || only.Contains(t.Name)))
{
    var report = FuzzRunner.Run(target, executions, seed, output, budget, progress: Console.WriteLine);
    Console.WriteLine(report);
    foreach (string f in report.Findings) Console.WriteLine("  " + f);
    reports.Add(report);
}
Console.WriteLine();
Console.WriteLine($"seed {seed}, findings under {output}");
foreach (var r in reports) Console.WriteLine(r);
return reports.Any(r => r.Crashes + r.Hangs > 0) ? 1 : 0;
