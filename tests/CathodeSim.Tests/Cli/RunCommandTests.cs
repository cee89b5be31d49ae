using System.Text.Json;

namespace CathodeSim.Tests.Cli;

/// <summary>`cathodesim run` end to end: outputs, JSON, overrides, and bad input (message, exit code 2, no stack trace).</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Config(string name) => RepositoryPaths.File("configs", name);

    private string WriteConfig(string body)
    {
        string path = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(path, $"extends: {Config("b-ncm-65.yaml")}\n{body}");
        return path;
    }

    private static void AssertNoStackTrace(CliHarness.Outcome outcome)
    {
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.DoesNotContain("Exception", outcome.Error);
    }

    [Fact]
    public void Run_WithJson_PrintsSummaryNumbersWithUnitsInKeys_AndWritesAllFiles()
    {
        var outcome = CliHarness.Run("run", Config("b-ncm-65.yaml"), "--json", "--output", _dir, "--set", "numerics.size_bins=2");
        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Out);
        var root = json.RootElement;
        double discharge = root.GetProperty("discharge_capacity_mAh_per_g").GetDouble();
        double charge = root.GetProperty("charge_capacity_mAh_per_g").GetDouble();
        Assert.InRange(discharge, 150, 260);
        Assert.InRange(root.GetProperty("coulombic_efficiency_percent").GetDouble(), 100 * discharge / charge - 1e-9, 100 * discharge / charge + 1e-9);
        Assert.True(root.GetProperty("solver").GetProperty("completed").GetBoolean());
        foreach (var file in new[] { "b-ncm-65.h5", "b-ncm-65_timeseries.csv", "b-ncm-65_steps.csv", "b-ncm-65_voltage.png" })
            Assert.True(File.Exists(Path.Combine(_dir, file)), file);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Run_WithAStepThatEndsAtOnce_ShowsTheWarningInTextAndJson()
    {
        // The pristine cell is full of lithium: a discharge cannot start, so the step ends within its first time step.
        string[] args = ["run", Config("b-ncm-65.yaml"), "--output", _dir, "--set", "numerics.size_bins=1", "--set", "protocol=[Discharge at 1C until 2.5 V]"];
        var text = CliHarness.Run(args);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("warning: step 'Discharge at 1C until 2.5 V' ended within its first time step", text.Human);
        Assert.Contains("(ended_at_once)", text.Human);
        Assert.True(text.Human.IndexOf("warning:", StringComparison.Ordinal) > text.Human.IndexOf("discharge (mAh/g)", StringComparison.Ordinal), "after the table");

        var json = CliHarness.Run([.. args, "--json"]);
        Assert.Equal(0, json.ExitCode);
        var root = JsonDocument.Parse(json.Out).RootElement;
        var warning = Assert.Single(root.GetProperty("warnings").EnumerateArray());
        Assert.Equal(0, warning.GetProperty("step_index").GetInt32());
        Assert.Equal("Discharge at 1C until 2.5 V", warning.GetProperty("step").GetString());
        Assert.Equal("ended_at_once", warning.GetProperty("reason").GetString());
        Assert.Contains("first time step", warning.GetProperty("message").GetString());
        // The step's own end stays the StepEnd name.
        // A nearly full cell cannot take 1C at all: not even the first nanosecond has a solution.
        Assert.Equal("CurrentNotCarried", root.GetProperty("steps")[0].GetProperty("end").GetString());
    }

    [Fact]
    public void Run_WithJson_AlwaysHasAWarningsArray()
    {
        var outcome = CliHarness.Run("run", Config("b-ncm-65.yaml"), "--json", "--output", _dir, "--set", "numerics.size_bins=1",
            "--set", "protocol=[Charge at 0.1C for 10 min]");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(outcome.Out).RootElement.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public void Run_WithoutJson_PrintsASummaryTable()
    {
        var outcome = CliHarness.Run("run", Config("b-ncm-65.yaml"), "--output", _dir, "--set", "numerics.size_bins=1");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("discharge (mAh/g)", outcome.Human);
        Assert.Contains("wrote", outcome.Human);
    }

    [Fact]
    public void Set_ChangesTheResult_LikeEditingTheFile()
    {
        double Discharge(params string[] extra)
        {
            var outcome = CliHarness.Run(["run", Config("b-ncm-65.yaml"), "--json", "--output", _dir, "--set", "numerics.size_bins=1", .. extra]);
            Assert.Equal(0, outcome.ExitCode);
            return JsonDocument.Parse(outcome.Out).RootElement.GetProperty("discharge_capacity_mAh_per_g").GetDouble();
        }
        double warm = Discharge(), cold = Discharge("--set", "temperature=-20 degC");
        Assert.True(cold < warm, $"cold {cold}, warm {warm}");
    }

    [Theory]
    [InlineData("cell:\n  cathode:\n    mas: 5 mg\n", "did you mean 'mass'")]
    [InlineData("cell:\n  cathode:\n    active_mass_fraction: 1.2\n", "active_mass_fraction")]
    [InlineData("cell:\n  cathode:\n    void_fraction: 1.0\n", "void_fraction")]
    [InlineData("cell:\n  cathode:\n    mass: 5.5 m\n", "mass")]
    [InlineData("cell:\n  cathode:\n    mass: -5.5 mg\n", "mass")]
    [InlineData("temperature: -300 degC\n", "absolute zero")]
    [InlineData("protocol:\n  - Charge at 0.1C\n", "Charge at 0.1C")]
    public void BadConfig_IsRejectedWithFileLineAndKey_ExitCode2_NoStackTrace(string body, string expected)
    {
        string path = WriteConfig(body);
        var outcome = CliHarness.Run("run", path, "--output", _dir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("bad.yaml:", outcome.Error);
        Assert.Contains(expected, outcome.Error);
        AssertNoStackTrace(outcome);
        Assert.Empty(Directory.GetFiles(_dir, "*.h5"));
    }

    [Fact]
    public void MissingConfigFile_ExitCode2()
    {
        var outcome = CliHarness.Run("run", Path.Combine(_dir, "nope.yaml"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("nope.yaml", outcome.Error);
        AssertNoStackTrace(outcome);
    }

    [Fact]
    public void BadOverride_NamesTheSetAndTheExpectedUnit_ExitCode2()
    {
        var outcome = CliHarness.Run("run", Config("b-ncm-65.yaml"), "--set", "cell.cathode.mass=5.5", "--output", _dir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--set", outcome.Error);
        Assert.Contains("mass", outcome.Error);
        AssertNoStackTrace(outcome);
    }

    [Fact]
    public void UnknownOption_ExitCode2()
    {
        var outcome = CliHarness.Run("run", Config("b-ncm-65.yaml"), "--outptu", _dir);
        Assert.Equal(2, outcome.ExitCode);
    }

    [Fact]
    public void Help_ShowsOptionsAndAnExample()
    {
        var outcome = CliHarness.Run("run", "--help");
        Assert.Equal(0, outcome.ExitCode);
        foreach (var text in new[] { "--output", "--json", "--set", "Example" }) Assert.Contains(text, outcome.Out);
    }

    [Fact]
    public void UnwritableOutput_ExitCode2_BeforeRunning_AndTheExistingFileIsKept()
    {
        string blocker = Path.Combine(_dir, "blocker");
        File.WriteAllText(blocker, "not a directory");
        var outcome = CliHarness.Run("run", Config("b-ncm-65.yaml"), "--output", blocker, "--set", "numerics.size_bins=1");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("is a file, not a directory", outcome.Error);
        Assert.Equal("not a directory", File.ReadAllText(blocker));
        AssertNoStackTrace(outcome);
    }
}
