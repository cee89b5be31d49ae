using System.Diagnostics;

namespace CathodeSim.Benchmarks;

/// <summary>
/// DischargeBenchmark's case (0.1C discharge of the default cell, Nx = Nr = 20, single thread) timed by a Stopwatch
/// loop, for A/B comparisons on a shared machine where BenchmarkDotNet's short job scatters by 2x: many samples of many
/// runs each, and both the median of the sample medians and the median of the sample minima (the run least disturbed by
/// neighbours) per K. Also prints the solver's accepted steps and Newton iterations, which do not depend on the machine.
/// Usage: -- discharge [samples] [seconds per sample]
/// </summary>
internal static class DischargeHarness
{
    public static void Run(string[] args)
    {
        int samples = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 7;
        double seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1.5;
        foreach (int bins in new[] { 1, 5 })
        {
            var bench = new DischargeBenchmark { SizeBins = bins };
            bench.Setup();
            var first = bench.Discharge01C();
            for (int i = 0; i < 30; i++) bench.Discharge01C();
            var medians = new List<double>();
            var minima = new List<double>();
            var times = new List<double>();
            for (int s = 0; s < samples; s++)
            {
                times.Clear();
                var total = Stopwatch.StartNew();
                while (total.Elapsed.TotalSeconds < seconds)
                {
                    long start = Stopwatch.GetTimestamp();
                    bench.Discharge01C();
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                times.Sort();
                medians.Add(times[times.Count / 2]);
                minima.Add(times[0]);
            }
            medians.Sort();
            minima.Sort();
            var d = first.Diagnostics;
            Console.WriteLine($"K = {bins}: median of sample medians {medians[samples / 2]:F3} ms, median of sample minima {minima[samples / 2]:F3} ms " +
                $"({samples} samples of {seconds} s); {d.AcceptedSteps} accepted steps, {d.RejectedSteps} rejected, {d.NewtonIterations} Newton iterations");
        }
    }
}
