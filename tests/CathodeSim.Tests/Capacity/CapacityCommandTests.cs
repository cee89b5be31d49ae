using System.Globalization;
using System.Text;
using System.Text.Json;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Results;
using CathodeSim.Tests.Cli;

namespace CathodeSim.Tests.Capacity;

/// <summary>RunFileReader on a run written by the real engine, and `dqdv` / `cycles` end to end.</summary>
public sealed class CapacityCommandTests : IClassFixture<CapacityCommandTests.EngineRun>, IDisposable
{
    /// <summary>One `cathodesim run` shared by the tests of this class.</summary>
    public sealed class EngineRun : IDisposable
    {
        public EngineRun()
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("cathodesim-capacity-run-").FullName;
            var outcome = CliHarness.Run("run", RepositoryPaths.File("configs", "b-ncm-65.yaml"), "--set", "numerics.size_bins=1", "--output", Directory, "--json");
            Assert.True(outcome.ExitCode == 0, outcome.Error);
            H5 = Path.Combine(Directory, "b-ncm-65.h5");
            Json = JsonDocument.Parse(outcome.Out).RootElement.Clone();
        }

        public string Directory { get; }

        public string H5 { get; }

        public JsonElement Json { get; }

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }

    private readonly EngineRun _run;
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-capacity-").FullName;

    public CapacityCommandTests(EngineRun run) => _run = run;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out => Path.Combine(_dir, "out");

    private static void AssertNoStackTrace(CliHarness.Outcome outcome)
    {
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.DoesNotContain("Exception", outcome.Error);
    }

    [Fact]
    public void RunFileReader_ReadsTheEngineRun()
    {
        var run = RunFileReader.Read(_run.H5);
        var series = run.Series;
        Assert.Equal("b-ncm-65", run.RunName);
        Assert.True(run.ActiveMass > 0);
        Assert.True(series.Time.Length > 10);
        Assert.Equal(series.Time.Length, series.Current.Length);
        Assert.Equal(series.Time.Length, series.Voltage.Length);
        Assert.NotNull(series.Cycle);
        Assert.All(series.Cycle!, c => Assert.Equal(1, c));
        Assert.Contains(series.Current, i => i > 0);
        Assert.Contains(series.Current, i => i < 0);
        Assert.InRange(series.Voltage.Max(), 3.69, 3.71);
        Assert.Equal(series.Time.Length, RunFileReader.ReadSeries(_run.H5).Time.Length);
    }

    [Fact]
    public void Dqdv_OnTheRun_WritesFiles_AndFindsADischargePeakBetween2p9And3p6V()
    {
        var outcome = CliHarness.Run("dqdv", _run.H5, "--output", Out, "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(5.0, root.GetProperty("window_mV").GetDouble(), 9);
        Assert.Equal(11, root.GetProperty("smoothing_points").GetInt32());
        Assert.Equal(3, root.GetProperty("smoothing_order").GetInt32());
        Assert.Contains("Savitzky-Golay", root.GetProperty("method").GetString());
        var discharge = root.GetProperty("curves").EnumerateArray().Single(c => c.GetProperty("direction").GetString() == "discharge");
        var peaks = discharge.GetProperty("peaks").EnumerateArray().Select(p => p.GetProperty("voltage_V").GetDouble()).ToList();
        Assert.Contains(peaks, v => v is > 2.9 and < 3.6);
        Assert.True(File.Exists(Path.Combine(Out, "b-ncm-65_dqdv.csv")));
        Assert.True(File.Exists(Path.Combine(Out, "b-ncm-65_dqdv.png")));
        Assert.StartsWith("cycle,direction,voltage_V,", File.ReadLines(Path.Combine(Out, "b-ncm-65_dqdv.csv")).First());
        Assert.Contains("Savitzky-Golay", File.ReadAllText(Path.Combine(Out, "b-ncm-65_dqdv.csv.json")));

        var human = CliHarness.Run("dqdv", _run.H5, "--output", Out, "--active-mass", "3.575", "mg", "--window", "5", "mV", "--smoothing", "11");
        Assert.True(human.ExitCode == 0, human.Error);
        Assert.Contains("dQ/dV peaks", human.Human);
        Assert.Contains("3.575 mg", human.Human);
    }

    [Fact]
    public void Cycles_OnTheRun_MatchesTheRunSummary_AndWritesFiles()
    {
        var outcome = CliHarness.Run("cycles", _run.H5, "--output", Out, "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var cycle = JsonDocument.Parse(outcome.Out).RootElement.GetProperty("cycles")[0];
        Assert.Equal(_run.Json.GetProperty("discharge_capacity_mAh_per_g").GetDouble(), cycle.GetProperty("discharge_capacity_mAh_per_g").GetDouble(), 0.1);
        Assert.Equal(_run.Json.GetProperty("charge_capacity_mAh_per_g").GetDouble(), cycle.GetProperty("charge_capacity_mAh_per_g").GetDouble(), 0.1);
        Assert.Equal(100.0, cycle.GetProperty("retention_percent").GetDouble(), 9);
        Assert.True(File.Exists(Path.Combine(Out, "b-ncm-65_cycles.csv")));
        Assert.True(File.Exists(Path.Combine(Out, "b-ncm-65_cycles.png")));

        var human = CliHarness.Run("cycles", _run.H5, "--output", Out);
        Assert.True(human.ExitCode == 0, human.Error);
        Assert.Contains("per-cycle statistics", human.Human);
    }

    [Fact]
    public void Cycles_OnACsvSeries_WithoutMass_GivesAbsoluteUnits()
    {
        var text = new StringBuilder("# synthetic\ntime_s,current_A,voltage_V\n");
        var series = CapacityTestData.Cycles([3600, 3600], [3240, 2880], withCycleColumn: false);
        for (int i = 0; i < series.Count; i++)
            text.Append(CultureInfo.InvariantCulture, $"{series.Time[i]:R},{series.Current[i]:R},{series.Voltage[i]:R}\n");
        string path = Path.Combine(_dir, "cells.csv");
        File.WriteAllText(path, text.ToString());

        var outcome = CliHarness.Run("cycles", path, "--output", Out, "--json", "--reference-cycle", "1");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var cycles = JsonDocument.Parse(outcome.Out).RootElement.GetProperty("cycles");
        Assert.Equal(0.9, cycles[0].GetProperty("discharge_capacity_mAh").GetDouble(), 9);
        Assert.Equal(90.0, cycles[0].GetProperty("coulombic_efficiency_percent").GetDouble(), 9);
        Assert.Equal(100 * 2880.0 / 3240, cycles[1].GetProperty("retention_percent").GetDouble(), 9);
        Assert.True(File.Exists(Path.Combine(Out, "cells_cycles.png")));
    }

    [Fact]
    public void RunFileReader_RejectsOtherFiles()
    {
        string text = Path.Combine(_dir, "not.h5");
        File.WriteAllText(text, "hello");
        Assert.Throws<MeasurementFileException>(() => RunFileReader.Read(text));
        Assert.Throws<MeasurementFileException>(() => RunFileReader.Read(Path.Combine(_dir, "missing.h5")));
    }

    [Theory]
    [InlineData("dqdv")]
    [InlineData("cycles")]
    public void BadFiles_ExitWith2AndAMessage_WithoutStackTrace(string command)
    {
        string garbage = Path.Combine(_dir, "garbage.h5");
        File.WriteAllBytes(garbage, [1, 2, 3, 4, 5]);
        string csv = Path.Combine(_dir, "wrong.csv");
        File.WriteAllText(csv, "a,b\n1,2\n");
        string rest = Path.Combine(_dir, "rest.csv");
        File.WriteAllText(rest, "time_s,current_A,voltage_V\n0,0,3\n1,0,3\n2,0,3\n");
        foreach (var (path, expected) in new[] { (garbage, "HDF5"), (Path.Combine(_dir, "missing.h5"), "not found"), (csv, "wrong.csv"), (rest, "no current") })
        {
            var outcome = CliHarness.Run(command, path, "--output", Out);
            Assert.Equal(2, outcome.ExitCode);
            Assert.Contains(expected, outcome.Error);
            AssertNoStackTrace(outcome);
        }
        var badMass = CliHarness.Run(command, _run.H5, "--active-mass", "3.575", "--output", Out);
        Assert.Equal(2, badMass.ExitCode);
        Assert.Contains("--active-mass", badMass.Error);
        AssertNoStackTrace(badMass);
    }

    [Fact]
    public void BadOptions_ExitWith2()
    {
        foreach (var args in new[] { new[] { "--window", "5", "mA" }, ["--smoothing", "10"], ["--smoothing", "5", "--order", "4"] })
        {
            var outcome = CliHarness.Run(["dqdv", _run.H5, "--output", Out, .. args]);
            Assert.Equal(2, outcome.ExitCode);
            AssertNoStackTrace(outcome);
        }
        var reference = CliHarness.Run("cycles", _run.H5, "--reference-cycle", "5", "--output", Out);
        Assert.Equal(2, reference.ExitCode);
        Assert.Contains("--reference-cycle", reference.Error);
    }

    [Fact]
    public void Help_ShowsAnExample()
    {
        foreach (var command in new[] { "dqdv", "cycles" })
        {
            var outcome = CliHarness.Run(command, "--help");
            Assert.Equal(0, outcome.ExitCode);
            Assert.Contains("Example:", outcome.Out);
        }
    }
}
