using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CathodeSim.Cli;
using PureHDF;

namespace CathodeSim.Tests.Cli;

/// <summary>
/// Issue 18 part 6: long commands show they are alive where stderr is a log (plain progress lines, stdout untouched), and
/// an interrupted `run` writes what it has done, marked partial, and exits 130.
/// </summary>
public sealed partial class ProgressAndInterruptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-progress-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Config(string name) => RepositoryPaths.File("configs", name);

    /// <summary>Cancels the run (as Ctrl+C would) once a progress line says the run has reached <paramref name="step"/>.</summary>
    private sealed partial class CancelAtStep(CancellationTokenSource cancellation, int step) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && StepLine().Match(value) is { Success: true } m && int.Parse(m.Groups[1].Value) >= step) cancellation.Cancel();
        }

        [GeneratedRegex(@"^run: step (\d+)/")]
        private static partial Regex StepLine();
    }

    [Fact]
    public void Run_WithStderrNotATerminal_WritesProgressLinesOnStderr_AndKeepsJsonOnStdoutClean()
    {
        var outcome = CliHarness.RunWith(CancellationToken.None, TimeSpan.FromMilliseconds(20), null,
            "run", Config("b-ncm-65.yaml"), "--json", "--output", _dir, "--set", "numerics.size_bins=2");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Matches(new Regex(@"^run: step \d+/\d+ \(.+\), t = \d+\.\d\d h, V = \d\.\d{3} V, \d+\.\d s elapsed\r?$", RegexOptions.Multiline), outcome.Error);
        Assert.DoesNotContain("run:", outcome.Out);
        using var json = JsonDocument.Parse(outcome.Out);   // stdout is only the JSON document
        Assert.False(json.RootElement.GetProperty("partial").GetBoolean());
    }

    [Fact]
    public void Run_WithoutAProgressInterval_WritesNoProgressLines()
    {
        var outcome = CliHarness.Run("run", Config("b-ncm-65.yaml"), "--json", "--output", _dir, "--set", "numerics.size_bins=2");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.DoesNotContain("run: step", outcome.Error);
    }

    [Fact]
    public void Sweep_WithStderrNotATerminal_WritesCaseCountsRateAndEta()
    {
        string sweep = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(sweep, $"name: s\nbase: {Config("b-ncm-65.yaml").Replace('\\', '/')}\nset: [numerics.size_bins=2]\n"
            + "parameters:\n  cell.cathode.active_mass_fraction: {from: 0.6, to: 0.8, count: 6}\n");
        var outcome = CliHarness.RunWith(CancellationToken.None, TimeSpan.FromMilliseconds(20), null,
            "sweep", sweep, "--json", "--jobs", "1", "--output", Path.Combine(_dir, "out"));
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Matches(new Regex(@"^sweep: \d+/6 cases, 0 failed, \d+\.\d cases/s(, ETA \d+ s)?, \d+\.\d s elapsed\r?$", RegexOptions.Multiline), outcome.Error);
        using var _ = JsonDocument.Parse(outcome.Out);
    }

    [Theory]
    [InlineData(null, 5.0)]
    [InlineData("", 5.0)]
    [InlineData("0.5", 0.5)]
    [InlineData("2", 2.0)]
    [InlineData("soon", 5.0)]
    public void ProgressInterval_FromTheEnvironmentVariable(string? text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), CliContext.ProgressIntervalFrom(text));

    [Fact]
    public void ProgressInterval_ZeroSwitchesTheLinesOff() => Assert.Null(CliContext.ProgressIntervalFrom("0"));

    private static readonly string[] FineMesh = ["--set", "numerics.size_bins=5", "--set", "numerics.cathode_nodes=40", "--set", "numerics.radial_shells=40"];

    [Fact]
    public void Run_InterruptedMidway_WritesWhatIsDone_MarkedPartial_AndExits130()
    {
        // The 100-cycle run on a fine mesh takes tens of seconds, so the cancellation (when a progress line shows step 2)
        // comes during it even when a loaded thread pool holds the progress timer up for a while. (At the default mesh
        // with two bins it now takes about a second, and once the first line came only as the run ended.)
        string partial = Path.Combine(_dir, "partial"), reference = Path.Combine(_dir, "reference");
        using var cancellation = new CancellationTokenSource();
        var outcome = CliHarness.RunWith(cancellation.Token, TimeSpan.FromMilliseconds(5), new CancelAtStep(cancellation, 2),
            ["run", Config("b-ncm-65-cycling-100.yaml"), "--output", partial, "--json", .. FineMesh]);

        Assert.True(outcome.ExitCode == 130, outcome.Error);
        Assert.Contains("interrupted", outcome.Error);
        Assert.DoesNotContain("nothing was written", outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.True(root.GetProperty("partial").GetBoolean());
        Assert.Contains("interrupted during step", root.GetProperty("interrupted").GetString());
        Assert.False(root.GetProperty("solver").GetProperty("completed").GetBoolean());
        var steps = root.GetProperty("steps");
        int done = steps.GetArrayLength();
        Assert.Equal("Interrupted", steps[done - 1].GetProperty("end").GetString());
        Assert.InRange(done, 2, 199);

        string name = Path.GetFileNameWithoutExtension(Directory.GetFiles(partial, "*.h5").Single());
        foreach (var file in new[] { $"{name}_timeseries.csv", $"{name}_steps.csv", $"{name}_voltage.png" })
            Assert.True(File.Exists(Path.Combine(partial, file)), file);
        Assert.Contains(",Interrupted", File.ReadAllLines(Path.Combine(partial, $"{name}_steps.csv"))[^1]);
        double partialEnd, referenceEnd;
        using (var h5 = H5File.OpenRead(Path.Combine(partial, $"{name}.h5")))
        {
            Assert.Equal(1, h5.Attribute("partial").Read<int>());
            Assert.Contains("interrupted during step", h5.Attribute("interrupted").Read<string>());
            Assert.Equal(0, h5.Attribute("solver_completed").Read<int>());
            Assert.Equal("", h5.Attribute("solver_failure_message").Read<string>());
            partialEnd = h5.Dataset("timeseries/time_s").Read<double[]>()[^1];
        }

        // The same run carried through the cycles the interrupted one had begun (the full 100 would take minutes): the
        // full run ends no earlier than this one, which ends after the interrupted run's last time point.
        int cycles = (done + 1) / 2;
        var finished = CliHarness.Run(["run", Config("b-ncm-65-cycling-100.yaml"), "--output", reference, "--json", .. FineMesh,
            "--set", $"protocol=[{{repeat: {cycles}, steps: [Charge at 0.1C until 3.7 V, Discharge at 0.1C until 2.1 V]}}]"]);
        Assert.True(finished.ExitCode == 0, finished.Error);
        using (var h5 = H5File.OpenRead(Path.Combine(reference, $"{name}.h5")))
        {
            Assert.Equal(0, h5.Attribute("partial").Read<int>());
            Assert.Equal("", h5.Attribute("interrupted").Read<string>());
            referenceEnd = h5.Dataset("timeseries/time_s").Read<double[]>()[^1];
        }
        Assert.True(partialEnd > 0 && partialEnd < referenceEnd, $"partial run ends at {partialEnd} s, the completed cycles at {referenceEnd} s");
    }

    [Fact]
    public async Task Run_AsAProcessWithStderrToALog_PrintsProgress_AndSigtermWritesThePartialRun()
    {
        if (OperatingSystem.IsWindows()) return;   // SIGTERM: POSIX only
        // The 100-cycle config runs for minutes: it is stopped by SIGTERM (a scheduler's time limit) once a progress line
        // (interval 0.1 s through the environment variable, since stderr is a pipe) has shown step 3.
        var start = CliProcess.StartInfo("run", Config("b-ncm-65-cycling-100.yaml"), "--output", _dir, "--json", "--set", "numerics.size_bins=2");
        start.Environment["CATHODESIM_PROGRESS_INTERVAL"] = "0.1";
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var error = new StringBuilder();
        bool signalled = false;
        while (process.StandardError.ReadLine() is { } line)
        {
            error.AppendLine(line);
            if (!signalled && Regex.Match(line, @"^run: step (\d+)/") is { Success: true } m && int.Parse(m.Groups[1].Value) >= 3)
            {
                System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
                signalled = true;
            }
        }
        process.WaitForExit();
        Assert.True(signalled, $"no progress line reached step 3:\n{error}");
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}:\n{error}");
        var root = JsonDocument.Parse(await stdout).RootElement;   // stdout is the JSON document only
        Assert.True(root.GetProperty("partial").GetBoolean());
        using var h5 = H5File.OpenRead(Directory.GetFiles(_dir, "*.h5").Single());
        Assert.Equal(1, h5.Attribute("partial").Read<int>());
    }

    [Fact]
    public void Run_InterruptedMidway_TextOutputSaysPartial()
    {
        using var cancellation = new CancellationTokenSource();
        var outcome = CliHarness.RunWith(cancellation.Token, TimeSpan.FromMilliseconds(5), new CancelAtStep(cancellation, 2),
            "run", Config("b-ncm-65-cycling-100.yaml"), "--output", _dir, "--set", "numerics.size_bins=2");
        Assert.Equal(130, outcome.ExitCode);
        Assert.Contains("partial:", outcome.Human);
        Assert.Contains("wrote", outcome.Human);
    }
}
