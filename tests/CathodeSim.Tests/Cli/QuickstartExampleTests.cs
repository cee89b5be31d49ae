using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CathodeSim.IO.Config;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Tests.Cli;

/// <summary>
/// Runs examples/csharp/Quickstart (the example of docs/api.md) as a user would and checks what it prints and writes,
/// so that the documented library API cannot drift from the code.
/// </summary>
public sealed class QuickstartExampleTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("cathodesim-quickstart-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    /// <summary>The example's dll, built with the solution (and by this project's reference) in the same configuration as the tests.</summary>
    private static string Dll
    {
        get
        {
            string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;   // bin/<configuration>/net10.0/
            return RepositoryPaths.File("examples", "csharp", "Quickstart", "bin", configuration, "net10.0", "Quickstart.dll");
        }
    }

    private static double Number(string output, string pattern)
    {
        var match = Regex.Match(output, pattern, RegexOptions.Multiline);
        Assert.True(match.Success, $"'{pattern}' not in the quickstart's output:\n{output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Quickstart_RunsTheShippedConfig_SweepsAndFits_AsDocumented()
    {
        Assert.True(File.Exists(Dll), $"{Dll} is missing: build the solution");
        var start = new ProcessStartInfo("dotnet", ["exec", Dll, RepositoryPaths.Root, _output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _output,
        };
        using var process = Process.Start(start)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        string output;
        try
        {
            output = await process.StandardOutput.ReadToEndAsync(limit.Token);
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the quickstart ran longer than 3 minutes");
        }
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{await stderr}\n{output}");

        // The run: complete, two steps of the shipped protocol, and the same discharge capacity as the library gives
        // for the same config (the quickstart's override is the config's own temperature).
        Assert.Matches(@"^run: b-ncm-65 completed=True points=\d+ steps=2 warnings=0$", output.Split('\n')[0].TrimEnd());
        Assert.Matches(@"step 0: charge 'Charge at 0\.1C until 3\.7 V' ended on Voltage at 3\.700 V", output);
        Assert.Matches(@"step 1: discharge 'Discharge at 0\.1C until 2\.1 V' ended on Voltage at 2\.100 V", output);
        double capacity = Number(output, @"^metric discharge_capacity_mAh_per_g=([0-9.]+)");
        var config = ConfigLoader.Load(RepositoryPaths.File("configs", "b-ncm-65.yaml"), []);
        var cycle = CathodeSim.Analysis.Cycling.CycleSummarizer.Summarize(new Simulator().Run(config.Setup))[0];
        Assert.Equal(cycle.DischargeCapacity, capacity, 0.001);
        Assert.Equal(cycle.DischargeCapacity, Number(output, @"^cycle 1: charge [0-9.]+ mAh/g, discharge ([0-9.]+) mAh/g"), 0.05);
        Assert.InRange(Number(output, @"^metric coulombic_efficiency_percent=([0-9.]+)"), 80, 100);

        // The run study: the same capacity as the direct run, and the files of `cathodesim run`, where the example was told to put them.
        Assert.Equal(cycle.DischargeCapacity, Number(output, @"^run study: Completed, discharge ([0-9.]+) mAh/g"), 0.05);
        foreach (string file in new[] { "b-ncm-65.h5", "b-ncm-65_timeseries.csv", "b-ncm-65_steps.csv", "b-ncm-65_voltage.png" })
            Assert.True(File.Exists(Path.Combine(_output, file)) && new FileInfo(Path.Combine(_output, file)).Length > 0, $"{file} was not written:\n{output}");

        // The in-process sweep: the three cases in order, none failed or warned, each with a plausible capacity.
        var cases = Regex.Matches(output, @"^sweep case (\d) \(cell\.cathode\.active_mass_fraction=(0\.\d+)\): discharge_capacity_mAh_per_g=([0-9.]+) warnings=none\s*$",
            RegexOptions.Multiline);
        Assert.Equal(["0", "1", "2"], cases.Select(m => m.Groups[1].Value));
        Assert.Equal(["0.6", "0.65", "0.7"], cases.Select(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)));
        Assert.All(cases, m => Assert.InRange(double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), 100, 280));

        // The fit gives back the circuit the synthetic spectrum was written from: R0 = 20 ohm, R1 = 100 ohm, C1 = 1 uF.
        Assert.Contains("spectrum: 13 points from spectrum.z", output);
        Assert.Equal(20, Number(output, @"^fit R0=([0-9.eE+-]+) "), 0.2);
        Assert.Equal(100, Number(output, @"^fit R1=([0-9.eE+-]+) "), 1.0);
        Assert.Equal(1e-6, Number(output, @"^fit C1=([0-9.eE+-]+) "), 2e-8);
        Assert.Contains("fit converged=True", output);
    }
}
