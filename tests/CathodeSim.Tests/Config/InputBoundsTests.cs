using System.Diagnostics;
using CathodeSim.IO.Config;
using CathodeSim.Tests.Cli;

namespace CathodeSim.Tests.Config;

/// <summary>
/// Hostile or mistyped inputs that would run away (memory, time) are refused while loading, quickly, with the key and
/// the limit named (<see cref="ConfigLimits"/>).
/// </summary>
public sealed class InputBoundsTests : IDisposable
{
    private readonly ConfigTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private ConfigException Refused(string path, params string[] overrides)
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, overrides));
        // Refused before any work: loading the minimal config takes milliseconds.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        return e;
    }

    /// <summary>Six levels of ten aliases: 10^6 nodes once expanded, from a dozen lines.</summary>
    private static string AliasBomb(int levels)
    {
        var sb = new System.Text.StringBuilder("bomb:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= levels; i++)
            sb.Append($"  l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");
        return sb.ToString();
    }

    [Fact]
    public void AliasBomb_IsRefusedBeforeItIsExpanded_NamingTheLimit()
    {
        string path = _files.Write("bomb.yaml", ConfigTestFiles.Minimal + "\n" + AliasBomb(6));
        var e = Refused(path);
        Assert.Equal(path, e.File);
        Assert.Contains("100,000", e.Problem);
        Assert.Contains("alias", e.Problem);
        Assert.Contains("ConfigLimits.MaxYamlNodes", e.Problem);
    }

    [Fact]
    public void AliasBomb_InACommandLineOverride_IsRefused()
    {
        string path = _files.WriteMinimal("ok.yaml");
        var e = Refused(path, "cell.cathode.source=" + "{a: &a [x, x, x, x, x, x, x, x, x, x], b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a], c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b], d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c], e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d], f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]}");
        Assert.Contains("100,000", e.Problem);
    }

    [Fact]
    public void FileLargerThanTheLimit_IsRefusedUnread()
    {
        var text = new System.Text.StringBuilder(ConfigTestFiles.Minimal).Append('\n');
        string comment = "# " + new string('x', 1000) + "\n";
        while (text.Length <= ConfigLimits.MaxYamlFileBytes) text.Append(comment);
        string path = _files.Write("huge.yaml", text.ToString());
        var e = Refused(path);
        Assert.Equal(path, e.File);
        Assert.Contains("10,485,760", e.Problem);
    }

    [Fact]
    public void DeepNesting_IsRefused()
    {
        string path = _files.Write("deep.yaml", ConfigTestFiles.Minimal + "\ndeep: " + new string('[', 500) + new string(']', 500) + "\n");
        var e = Refused(path);
        Assert.Contains("nest more than 64", e.Problem);
    }

    [Fact]
    public void HugeRepeat_IsRefused_NamingTheRepeatKey()
    {
        string path = _files.WriteMinimal("repeat.yaml", "  - Charge at 0.1C until 3.7 V\n  - Discharge at 0.1C until 2.1 V",
            "  - repeat: 1000000000\n    steps: [Charge at 0.1C until 3.7 V, Discharge at 0.1C until 2.1 V]");
        var e = Refused(path);
        Assert.Equal("protocol[0].repeat", e.KeyPath);
        Assert.Contains("100,000 steps", e.Problem);
    }

    [Fact]
    public void NestedRepeats_AreMultipliedOut()
    {
        // 1,000 x 1,000 x 1 step: each repeat alone is fine, together they are a million steps.
        string path = _files.WriteMinimal("nested.yaml", "  - Charge at 0.1C until 3.7 V\n  - Discharge at 0.1C until 2.1 V",
            "  - repeat: 1000\n    steps:\n      - repeat: 1000\n        steps: [Rest for 1 min]");
        var e = Refused(path);
        Assert.Equal("protocol[0].repeat", e.KeyPath);
    }

    [Fact]
    public void EndlessRest_IsRefused_NamingTheStep()
    {
        var e = Refused(_files.WriteMinimal("rest.yaml", "  - Discharge at 0.1C until 2.1 V", "  - Discharge at 0.1C until 2.1 V\n  - Rest for 1e12 h"));
        Assert.Equal("protocol[2]", e.KeyPath);
        Assert.Contains("10,000 h", e.Problem);
    }

    [Fact]
    public void RestNeedingTooManySolverSteps_IsRefused_SayingToRaiseMaxStep()
    {
        var e = Refused(_files.WriteMinimal("steps.yaml", "  - Discharge at 0.1C until 2.1 V",
            "  - Discharge at 0.1C until 2.1 V\n  - Rest for 10 h\nnumerics: {max_step: 1 ms}"));
        Assert.Equal("protocol[2]", e.KeyPath);
        Assert.Contains("numerics.max_step", e.Problem);
    }

    [Fact]
    public void VanishingCRate_WithoutATimeLimit_IsRefused()
    {
        var e = Refused(_files.WriteMinimal("rate.yaml", "Charge at 0.1C until 3.7 V", "Charge at 1e-9C until 3.7 V"));
        Assert.Equal("protocol[0]", e.KeyPath);
        Assert.Contains("C/10,000", e.Problem);
    }

    [Theory]
    [InlineData("1e-300 mAh/g")]
    [InlineData("0.5 mAh/g")]
    [InlineData("20000 mAh/g")]
    public void AbsurdNominalSpecificCapacity_IsRefused(string value)
    {
        var e = Refused(_files.WriteMinimal("nominal.yaml", "200 mAh/g", value));
        Assert.Equal("cell.nominal_specific_capacity", e.KeyPath);
        Assert.Contains("between 1 and 10,000 mAh/g", e.Problem);
    }

    [Theory]
    [InlineData("numerics.size_bins=1000000", "numerics.size_bins", "at most 100,")]
    [InlineData("numerics.cathode_nodes=5000", "numerics.cathode_nodes", "at most 1,000,")]
    [InlineData("numerics.radial_shells=5000", "numerics.radial_shells", "at most 1,000,")]
    public void OversizedGrid_IsRefused_NamingTheKey(string set, string key, string limit)
    {
        var e = Refused(_files.WriteMinimal("grid.yaml"), set);
        Assert.Equal(key, e.KeyPath);
        Assert.Contains(limit, e.Problem);
    }

    [Fact]
    public void GridWhoseProductIsTooLarge_IsRefused()
    {
        var e = Refused(_files.WriteMinimal("product.yaml"), "numerics={cathode_nodes: 1000, radial_shells: 1000, size_bins: 2}");
        Assert.Equal("numerics", e.KeyPath);
        Assert.Contains("2,000,000 particle unknowns", e.Problem);
    }

    [Fact]
    public void Cli_Run_WithAHugeRepeat_ExitsWithBadInput_NamingTheKey_WithoutAStackTrace()
    {
        string path = _files.WriteMinimal("repeat.yaml", "  - Charge at 0.1C until 3.7 V\n  - Discharge at 0.1C until 2.1 V",
            "  - repeat: 1000000000\n    steps: [Charge at 0.1C until 3.7 V, Discharge at 0.1C until 2.1 V]");
        var outcome = CliHarness.Run("run", path, "--output", Path.Combine(_files.Root, "out"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("protocol[0].repeat", outcome.Error);
        Assert.Contains("100,000", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
    }

    [Fact]
    public void Cli_Run_WithAnAliasBomb_ExitsWithBadInput()
    {
        string path = _files.Write("bomb.yaml", ConfigTestFiles.Minimal + "\n" + AliasBomb(9));
        var clock = Stopwatch.StartNew();
        var outcome = CliHarness.Run("run", path, "--output", Path.Combine(_files.Root, "out"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("bomb.yaml", outcome.Error);
        Assert.Contains("ConfigLimits.MaxYamlNodes", outcome.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}
