namespace CathodeSim.Tests.Cli;

/// <summary>One CLI convention: parse errors in the user's words, exit codes as the README states them.</summary>
public sealed class CliConventionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-conventions-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("optimize-ratio", "--tolerance", "tight", "expected a number")]
    [InlineData("optimize-ratio", "--points", "3.5", "expected a whole number")]
    [InlineData("sweep", "--jobs", "many", "expected a whole number")]
    public void BadNumber_IsNamedInTheUsersWords_NotAsADotNetType(string command, string option, string value, string expected)
    {
        var outcome = CliHarness.Run(command, RepositoryPaths.File("configs", "b-ncm-65.yaml"), option, value);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(expected, outcome.Error);
        Assert.Contains(option, outcome.Error);
        Assert.DoesNotContain("System.", outcome.Error);
    }

    [Fact]
    public void CompareRuns_Exit0WhenSame_4WhenDifferent_2WhenUnreadable()
    {
        string a = Path.Combine(_dir, "a.csv"), b = Path.Combine(_dir, "b.csv");
        File.WriteAllText(a, "time_s,voltage_V,current_A,charge_C\n0,3.5,0.001,0\n10,3.6,0.001,0.01\n");
        File.WriteAllText(b, "time_s,voltage_V,current_A,charge_C\n0,3.5,0.001,0\n10,3.7,0.001,0.01\n");
        Assert.Equal(0, CliHarness.Run("compare-runs", a, a).ExitCode);
        var different = CliHarness.Run("compare-runs", a, b);
        Assert.Equal(4, different.ExitCode);
        Assert.Contains("DIFFERENT", different.Out);
        Assert.Equal(2, CliHarness.Run("compare-runs", a, Path.Combine(_dir, "missing.csv")).ExitCode);
    }
}
