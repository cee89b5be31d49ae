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

    // ------------------------------------------------------------- physical ranges (PhysicalRanges)

    [Theory]
    [InlineData("temperature=1e9 K", "temperature", "between 173.15 and 523.15 K")]
    [InlineData("temperature=1e9 degC", "temperature", "between 173.15 and 523.15 K")]
    [InlineData("temperature=-200 degC", "temperature", "between 173.15 and 523.15 K")]
    [InlineData("cell.cathode.mass=1e30 mg", "cell.cathode.mass", "between 0.001 and 1e5 mg")]
    [InlineData("cell.cathode.mass=1e-12 mg", "cell.cathode.mass", "between 0.001 and 1e5 mg")]
    [InlineData("cell.separator.mass=1e9 kg", "cell.separator.mass", "between 0.001 and 1e5 mg")]
    [InlineData("cell.area=1e9 m^2", "cell.area", "between 1e-4 and 10,000 cm^2")]
    [InlineData("cell.cathode.particle_size.d50=1e-20 m", "cell.cathode.particle_size.d50", "between 0.001 and 1,000 um")]
    [InlineData("cell.cathode.particle_size.d50=1 km", "cell.cathode.particle_size.d50", "between 0.001 and 1,000 um")]
    [InlineData("cell.cathode.electrolyte_particle_size=1 m", "cell.cathode.electrolyte_particle_size", "between 0.001 and 1,000 um")]
    [InlineData("cell.cathode.particle_size.geometric_std=1e9", "cell.cathode.particle_size.geometric_std", "between 1 and 10 (")]
    [InlineData("cell.cathode.film_resistance=1e12 ohm cm^2", "cell.cathode.film_resistance", "between 0 and 1e6 ohm cm^2")]
    [InlineData("materials.Li3InCl6.ionic_conductivity=1e9 S/cm", "materials.Li3InCl6.ionic_conductivity", "between 1e-12 and 1e6 S/cm")]
    [InlineData("materials.Li3InCl6.ionic_conductivity=1e-30 S/cm", "materials.Li3InCl6.ionic_conductivity", "between 1e-12 and 1e6 S/cm")]
    [InlineData("materials.Li3InCl6.activation_energy=1e9 J/mol", "materials.Li3InCl6.activation_energy", "between 0 and 500 kJ/mol")]
    [InlineData("materials.Li3InCl6.density=1e6 g/cm^3", "materials.Li3InCl6.density", "between 0.1 and 30 g/cm^3")]
    [InlineData("materials.Li3InCl6.reference_temperature=1e6 K", "materials.Li3InCl6.reference_temperature", "between 173.15 and 523.15 K")]
    [InlineData("materials.NCM90.diffusivity={model: constant, value: 1e-40 m^2/s, activation_energy: 0 J/mol}", "materials.NCM90.diffusivity.value", "between 1e-22 and 1e-6 m^2/s")]
    [InlineData("materials.NCM90.exchange_current_density={value: 1e12 A/m^2, activation_energy: 0 J/mol}", "materials.NCM90.exchange_current_density.value", "between 1e-8 and 1e6 A/m^2")]
    [InlineData("materials.NCM90.molar_mass=1e9 g/mol", "materials.NCM90.molar_mass", "between 1 and 10,000 g/mol")]
    [InlineData("materials.Li-In.potential=1e9 V", "materials.Li-In.potential", "between -10 and 10 V")]
    public void AbsurdPhysicalValue_IsRefused_NamingTheKeyAndTheRange(string set, string key, string range)
    {
        var e = Refused(_files.WriteMinimal("physical.yaml"), set);
        Assert.Equal(key, e.KeyPath);
        Assert.Contains(range, e.Problem);
        Assert.Contains("PhysicalRanges", e.Problem);
    }

    [Fact]
    public void AbsurdDieDiameter_IsRefused()
    {
        var e = Refused(_files.WriteMinimal("die.yaml", "area: 0.785 cm^2", "die_diameter: 10 km"));
        Assert.Equal("cell.die_diameter", e.KeyPath);
        Assert.Contains("between 0.1 and 1,000 mm", e.Problem);
    }

    [Theory]
    [InlineData("Charge at 0.1C until 1e9 V", "between -10 and 10 V")]
    [InlineData("Hold at -1e9 V for 1 h", "between -10 and 10 V")]
    public void AbsurdStepVoltage_IsRefused(string step, string range)
    {
        var e = Refused(_files.WriteMinimal("volt.yaml", "Charge at 0.1C until 3.7 V", step));
        Assert.Equal("protocol[0]", e.KeyPath);
        Assert.Contains(range, e.Problem);
    }

    // ------------------------------------------------------------- currents as C-rates of the cell

    [Theory]
    [InlineData("Discharge at 1e-30 mA until 2.1 V", "a current of 1E-30 mA")]
    [InlineData("Discharge at 1e-30 mA/cm^2 until 2.1 V", "a current density of 1E-30 mA/cm^2")]
    [InlineData("Discharge at 1e-6 mA until 0.5 mAh", "a current of 1E-06 mA")]
    public void VanishingAbsoluteCurrent_WithoutATimeLimit_IsRefused_AsACRate(string step, string current)
    {
        var e = Refused(_files.WriteMinimal("abs.yaml", "Charge at 0.1C until 3.7 V", step));
        Assert.Equal("protocol[0]", e.KeyPath);
        Assert.Contains(current, e.Problem);
        Assert.Contains("1C = 0.715 mA", e.Problem);
        Assert.Contains("ConfigLimits.MinCRate", e.Problem);
    }

    [Fact]
    public void TinyAbsoluteCurrent_WithATimeLimit_IsAccepted()
    {
        ConfigLoader.Load(_files.WriteMinimal("abs-ok.yaml", "Charge at 0.1C until 3.7 V", "Discharge at 1e-6 mA for 1 h or until 2.1 V"), []);
    }

    [Fact]
    public void HoldEndingBelowTheMinimumCRate_WithoutATimeLimit_IsRefused()
    {
        var e = Refused(_files.WriteMinimal("hold.yaml", "Discharge at 0.1C until 2.1 V", "Hold at 3.7 V until 1e-30 mA"));
        Assert.Equal("protocol[1]", e.KeyPath);
        Assert.Contains("ConfigLimits.MinCRate", e.Problem);
    }

    [Theory]
    [InlineData("Charge at 5 A until 3.7 V")]
    [InlineData("Charge at 2000C until 3.7 V")]
    [InlineData("Charge at 1e6 mA/cm^2 for 1 s")]
    public void CurrentAboveTheMaximumCRate_IsRefused(string step)
    {
        var e = Refused(_files.WriteMinimal("fast.yaml", "Charge at 0.1C until 3.7 V", step));
        Assert.Equal("protocol[0]", e.KeyPath);
        Assert.Contains("at most 1,000C", e.Problem);
        Assert.Contains("ConfigLimits.MaxCRate", e.Problem);
    }

    // ------------------------------------------------------------- law: microstructure (MicrostructureLimits)

    [Theory]
    [InlineData("{law: microstructure, voxel_size: 1 nm}", "cell.cathode.ionic_transport.voxel_size", "at most 134,217,728 (512^3)")]
    [InlineData("{law: microstructure, box: 1 mm, voxel_size: 10 um}", "cell.cathode.ionic_transport.box", "at most 1,000,000")]
    [InlineData("{law: microstructure, seeds: 100000}", "cell.cathode.ionic_transport.seeds", "at most 100,")]
    [InlineData("{law: microstructure, composition_points: 100000}", "cell.cathode.ionic_transport.composition_points", "at most 100,")]
    public void OversizedMicrostructureLaw_IsRefused_NamingTheKey(string law, string key, string limit)
    {
        var e = Refused(_files.WriteMinimal("micro.yaml"), "cell.cathode.electrolyte_particle_size=3 um", "cell.cathode.ionic_transport=" + law);
        Assert.Equal(key, e.KeyPath);
        Assert.Contains(limit, e.Problem);
        Assert.Contains("MicrostructureLimits", e.Problem);
    }

    [Fact]
    public void MicrostructureBoxBelowSixLargestRadii_IsRefusedAtLoad_NotAfterTheFirstStructures()
    {
        // b-ncm-65's NCM size classes reach 2.1 um radius: a 12 um box is below 6 radii, as the packing generator requires.
        var e = Refused(_files.WriteMinimal("micro.yaml"), "cell.cathode.electrolyte_particle_size=3 um",
            "cell.cathode.particle_size={distribution: lognormal, d50: 2 um, geometric_std: 1.6}",
            "cell.cathode.ionic_transport={law: microstructure, box: 12 um, voxel_size: 1 um}");
        Assert.Equal("cell.cathode.ionic_transport.box", e.KeyPath);
        Assert.Contains("6 times the largest particle radius", e.Problem);
    }

    [Theory]
    [InlineData("--voxels", "100000", "voxels:")]
    [InlineData("--box-edge", "2 mm", "voxels:")]
    [InlineData("--box-edge", "1e9 m", "voxels:")]
    public void Cli_Microstructure_Oversized_ExitsWithBadInput_BeforeGenerating(string option, string value, string start)
    {
        var clock = Stopwatch.StartNew();
        var outcome = CliHarness.Run("microstructure", Path.Combine(ConfigTestFiles.RepositoryConfigs(), "b-ncm-65.yaml"), option, value,
            "--output", Path.Combine(_files.Root, "out"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("error: " + start, outcome.Error);
        Assert.Contains("134,217,728", outcome.Error);
        Assert.Contains("MicrostructureLimits.MaxVoxels", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Cli_Run_WithAVanishingAbsoluteCurrent_ExitsWithBadInput_NamingTheStep()
    {
        var outcome = CliHarness.Run("run", Path.Combine(ConfigTestFiles.RepositoryConfigs(), "b-ncm-65.yaml"),
            "--set", "protocol=[Discharge at 1e-30 mA until 2.1 V]", "--output", Path.Combine(_files.Root, "out"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("protocol[0]", outcome.Error);
        Assert.Contains("C/10,000", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
    }

    [Fact]
    public void EveryShippedConfig_AndCalibratedOrGittVariant_StillLoads()
    {
        string root = ConfigTestFiles.RepositoryConfigs();
        var files = Directory.GetFiles(root, "*.yaml")
            .Concat(Directory.GetFiles(Path.Combine(root, "calibrated"), "*.yaml"))
            .Concat(Directory.GetFiles(Path.Combine(root, "gitt"), "*.yaml")).ToList();
        Assert.True(files.Count >= 6, string.Join(", ", files));
        foreach (string f in files) ConfigLoader.Load(f, []);
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
