
namespace CathodeSim.Tests.Cli;

/// <summary>
/// The README's exit-code contract where it was broken (issue: hostile inputs): an unusable --output is bad input found
/// before any work, and Ctrl+C / SIGTERM (the cancellation token) gives 130 with nothing written, also in commands that
/// never looked at it (eis, fit-eis and cycles ran on and wrote their files; eis-tables ended with exit 1).
/// </summary>
public sealed class ExitCodeContractTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-exit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Config => RepositoryPaths.File("configs", "b-ncm-65.yaml");

    [Fact]
    public void EmptyOutputPath_ExitsTwo_BeforeRunning()
    {
        var outcome = CliHarness.Run("run", Config, "--output", "");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--output: empty path", outcome.Error);
        Assert.DoesNotContain("solver:", outcome.Human);
    }

    [Fact]
    public void OutputBelowAFile_ExitsTwo_BeforeRunning_NamingTheFile()
    {
        string file = Path.Combine(_dir, "plain.txt");
        File.WriteAllText(file, "x");
        var outcome = CliHarness.Run("run", Config, "--output", Path.Combine(file, "out"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("is a file, not a directory", outcome.Error);
        Assert.DoesNotContain("solver:", outcome.Human);
    }

    public static TheoryData<string[]> CancelledCommands => new()
    {
        { ["run", "CONFIG"] },
        { ["eis", "CONFIG", "--at", "charge to 3.70 V"] },
        { ["eis-tables", "--table", "TABLE", "--configs", "CONFIGS", "--cathode", "B-NCM"] },
        { ["fit-eis", "SPECTRUM", "--circuit", "R0-p(R1,CPE1)-p(R2,CPE2)"] },
    };

    [Theory]
    [MemberData(nameof(CancelledCommands))]
    public void Cancelled_ExitsOneThirty_AndWritesNothing(string[] command)
    {
        string spectrum = Path.Combine(_dir, "spectrum.csv");
        var f = Enumerable.Range(0, 30).Select(i => 1e5 * Math.Pow(1e-6, i / 29.0)).ToArray();
        var z = CathodeSim.Analysis.Impedance.Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)").Impedance([10, 50, 1e-6, 0.9, 100, 1e-3, 0.8], f);
        File.WriteAllLines(spectrum, ["frequency_Hz,z_real_ohm,z_imag_ohm", .. f.Select((x, i) => FormattableString.Invariant($"{x},{z[i].Real},{z[i].Imaginary}"))]);
        string output = Path.Combine(_dir, "out");
        string[] args = [.. command.Select(a => a switch
        {
            "CONFIG" => Config,
            "SPECTRUM" => spectrum,
            "TABLE" => RepositoryPaths.File("validation", "eis_fits_tables_S2_S4.csv"),
            "CONFIGS" => RepositoryPaths.File("configs"),
            _ => a,
        }), "--output", output];
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var outcome = CliHarness.RunCancellable(cancelled.Token, args);
        Assert.Equal(130, outcome.ExitCode);
        Assert.Contains("cancel", outcome.Error, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), $"{command[0]} wrote files after the cancellation");
    }
}
