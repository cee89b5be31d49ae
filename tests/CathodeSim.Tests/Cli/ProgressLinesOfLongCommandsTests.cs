using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CathodeSim.Tests.Cli;

/// <summary>
/// Issue 18 part 6: every long command, not only run and sweep, shows it is alive where stderr is a log: plain lines
/// "command: status, N.N s elapsed" on stderr at the progress interval, and stdout left to the JSON document.
/// </summary>
public sealed class ProgressLinesOfLongCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-progress-lines-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Repo(params string[] parts) => RepositoryPaths.File(parts).Replace('\\', '/');

    private string[] Arguments(string command)
    {
        string config = Repo("configs", "b-ncm-65.yaml"), output = Path.Combine(_dir, command);
        switch (command)
        {
            case "gitt":
                return ["gitt", Repo("configs", "gitt", "b-ncm-65.yaml"), "--set", "numerics.size_bins=1", "--pulse-duration", "30 min",
                    "--rest", "2 h", "--output", output];
            case "optimize-ratio":
                return ["optimize-ratio", config, "--set", "numerics.size_bins=1", "--from", "0.6", "--to", "0.7", "--points", "3",
                    "--tolerance", "0.05", "--jobs", "1", "--output", output];
            case "microstructure":
                return ["microstructure", config, "--box-edge", "14 um", "--voxels", "28", "--set", "cell.cathode.mass=1.5 mg", "--output", output];
            case "validate":
                string cases = Path.Combine(_dir, "cases");
                Directory.CreateDirectory(cases);
                File.WriteAllText(Path.Combine(cases, "capacity.yaml"), $"""
                    name: first discharge
                    kind: metric
                    config: {config}
                    set: [numerics.size_bins=1]
                    metric: discharge_capacity_mAh_per_g
                    measured: {"{"}value: 216.4, unit: mAh/g, source: test{"}"}
                    relative_tolerance: 0.5
                    role: predicted
                    """);
                return ["validate", cases, "--output", output];
            case "fit":
                string calibration = Path.Combine(_dir, "cal.yaml");
                string measured = 3.5.ToString("R", CultureInfo.InvariantCulture);
                File.WriteAllText(calibration, $"name: progress\nconfig: {config}\nset: [numerics.size_bins=1]\nparameters:\n"
                    + "  - {key: cell.separator.conductivity, initial: 2.5 mS/cm, bounds: [0.2 mS/cm, 10 mS/cm], scale: log}\ndata:\n"
                    + $"  - {{kind: metric, label: mean voltage at 1C, metric: mean_discharge_voltage_V, measured: {{value: {measured}, unit: V, source: test}}, "
                    + "relative_uncertainty: 0.01, protocol: [Charge at 0.1C until 3.7 V, Discharge at 1C until 2.1 V]}\n");
                return ["fit", calibration, "--output", output];
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command, "no arguments for this command");
        }
    }

    [Theory]
    [InlineData("gitt")]
    [InlineData("optimize-ratio")]
    [InlineData("microstructure")]
    [InlineData("validate")]
    [InlineData("fit")]
    public void LongCommand_WithStderrNotATerminal_WritesProgressLinesOnStderr_AndOnlyJsonOnStdout(string command)
    {
        var outcome = CliHarness.RunWith(CancellationToken.None, TimeSpan.FromMilliseconds(10), null, [.. Arguments(command), "--json"]);
        Assert.True(outcome.ExitCode is 0 or 4, $"exit {outcome.ExitCode}: {outcome.Error}");
        var line = new Regex($@"^{Regex.Escape(command)}: .+, \d+\.\d s elapsed\r?$", RegexOptions.Multiline);
        Assert.True(line.IsMatch(outcome.Error), $"no '{command}: ..., N s elapsed' line on stderr:\n{outcome.Error}");
        Assert.DoesNotContain($"{command}:", outcome.Out);
        using var _ = JsonDocument.Parse(outcome.Out);   // stdout is the JSON document alone
    }

    [Theory]
    [InlineData("gitt")]
    [InlineData("microstructure")]
    public void LongCommand_WithoutAProgressInterval_WritesNoProgressLines(string command)
    {
        var outcome = CliHarness.Run([.. Arguments(command), "--json"]);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.DoesNotMatch(new Regex($@"^{Regex.Escape(command)}: .+ s elapsed", RegexOptions.Multiline), outcome.Error);
    }
}
