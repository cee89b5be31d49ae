using CathodeSim.IO.Config;
using CathodeSim.IO.Protocol;
using CathodeSim.IO.Sweeps;
using CathodeSim.Model.Degradation;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Protocol;

namespace CathodeSim.Tests.Config;

/// <summary>cell.degradation, per-step temperatures and repeat blocks with until_retention.</summary>
public sealed class ConfigDegradationTests : IDisposable
{
    private const string CounterLine = "  counter_electrode: Li-In";

    private const string Degradation = """
          counter_electrode: Li-In
          degradation:
            interphase:
              onset_potential: 4.1 V
              reference_potential: 4.6 V
              reference_resistance: 4.4 ohm cm^2
              reference_time: 1 h
              potential_scale: 0.1 V
              activation_energy: 50 kJ/mol
            contact:
              max_strain: 0.05
              strain_midpoint: 0.3
              strain_width: 0.05
              reversible_fraction: 0.3
              irreversible_rate: 0.02
              cushion_fraction: 0.39
              cushion_width: 0.01
              reference_radius: 1 um
              compliance: 1.0
        """;

    private readonly ConfigTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string WithDegradation(string? find = null, string? replaceWith = null)
    {
        string text = ConfigTestFiles.Minimal.Replace(CounterLine, Degradation.TrimEnd('\n'));
        if (find is null) return text;
        Assert.Contains(find, text);
        return text.Replace(find, replaceWith ?? "");
    }

    private static string WithProtocol(string protocol)
    {
        const string steps = "protocol:\n  - Charge at 0.1C until 3.7 V\n  - Discharge at 0.1C until 2.1 V";
        Assert.Contains(steps, ConfigTestFiles.Minimal);
        return ConfigTestFiles.Minimal.Replace(steps, "protocol:\n" + protocol.TrimEnd('\n'));
    }

    private static string Configs(params string[] parts) => Path.Combine([ConfigTestFiles.RepositoryConfigs(), .. parts]);

    private ConfigException Fails(string file, string text, params string[] overrides) =>
        Assert.Throws<ConfigException>(() => ConfigLoader.Load(_files.Write(file, text), overrides));

    private static void AssertInterphase(InterphaseGrowth? g, double referenceTemperature = 298.15)
    {
        Assert.NotNull(g);
        Assert.Equal(4.1, g.OnsetPotential, 12);
        Assert.Equal(4.6, g.ReferencePotential, 12);
        Assert.Equal(4.4e-4 / Math.Sqrt(3600), g.ReferenceRate, 1e-15);
        Assert.Equal(0.1, g.PotentialScale, 12);
        Assert.Equal(50000, g.Temperature.ActivationEnergy, 9);
        Assert.Equal(referenceTemperature, g.Temperature.ReferenceTemperature, 9);
    }

    private static void AssertContact(ContactLoss? c)
    {
        Assert.NotNull(c);
        Assert.Equal(new ContactLoss(0.05, 0.3, 0.05, 0.3, 0.02, 0.39, 0.01, c.ReferenceRadius, 1.0), c);
        Assert.Equal(1e-6, c.ReferenceRadius, 1e-18);
    }

    // ------------------------------------------------------------------ cell.degradation

    [Fact]
    public void DegradationSectionMapsToSi()
    {
        var design = ConfigLoader.Load(_files.Write("ok.yaml", WithDegradation()), []).Setup.Design;
        Assert.NotNull(design.Degradation);
        AssertInterphase(design.Degradation.Interphase);
        AssertContact(design.Degradation.Contact);

        // K_ref = R(t_ref) / sqrt(t_ref): the law gives back the reference resistance after the reference time.
        var g = design.Degradation.Interphase!;
        Assert.Equal(4.4e-4 * 4.4e-4 / 3600, g.Rate(4.6, 298.15), 1e-20);
        Assert.Equal(0, g.Rate(4.0, 298.15));
    }

    [Fact]
    public void AbsentSectionGivesNull()
    {
        Assert.Null(ConfigLoader.Load(_files.WriteMinimal("ok.yaml"), []).Setup.Design.Degradation);
        Assert.Null(ConfigLoader.Load(_files.Write("off.yaml", WithDegradation()), ["cell.degradation=~"]).Setup.Design.Degradation);
    }

    [Fact]
    public void EitherLawMayBeLeftOut()
    {
        string contactLine = "    contact:";
        string text = WithDegradation();
        string onlyInterphase = text[..text.IndexOf(contactLine, StringComparison.Ordinal)] + text[text.IndexOf("temperature: 25 degC", StringComparison.Ordinal)..];
        var d = ConfigLoader.Load(_files.Write("i.yaml", onlyInterphase), []).Setup.Design.Degradation;
        Assert.NotNull(d);
        AssertInterphase(d.Interphase);
        Assert.Null(d.Contact);

        d = ConfigLoader.Load(_files.Write("c.yaml", WithDegradation()), ["cell.degradation.interphase=~"]).Setup.Design.Degradation;
        Assert.NotNull(d);
        Assert.Null(d.Interphase);
        AssertContact(d.Contact);

        d = ConfigLoader.Load(_files.Write("empty.yaml", WithDegradation()), ["cell.degradation.interphase=~", "cell.degradation.contact=~"]).Setup.Design.Degradation;
        Assert.Equal(DegradationModel.None, d);
    }

    [Fact]
    public void ValuesAndMapsMayCarrySources()
    {
        string text = WithDegradation("      onset_potential: 4.1 V", """
                  source: "Kochetkov et al. 2022"
                  onset_potential:
                    value: 4.1 V
                    source: "Kochetkov et al. 2022"
                  reference_temperature: {value: 30 degC, source: "assumed"}
            """.TrimEnd('\n'));
        text = text.Replace("      max_strain: 0.05", "      max_strain: {value: 5 %, source: \"Kondrakov et al. 2017\"}");
        text = text.Replace("  degradation:", "  degradation:\n    source: [\"ageing laws\", \"assumed; calibrate\"]");
        var loaded = ConfigLoader.Load(_files.Write("src.yaml", text), []);
        var d = loaded.Setup.Design.Degradation!;
        AssertInterphase(d.Interphase, 303.15);
        AssertContact(d.Contact);
        Assert.Contains("Kondrakov et al. 2017", loaded.ResolvedYaml);
    }

    [Fact]
    public void ResolvedYamlLoadsToTheSameDegradation()
    {
        var loaded = ConfigLoader.Load(_files.Write("ok.yaml", WithDegradation()), []);
        var again = ConfigLoader.Load(_files.Write("resolved.yaml", loaded.ResolvedYaml), []);
        Assert.Equal(loaded.Setup.Design.Degradation, again.Setup.Design.Degradation);
    }

    public static TheoryData<string, string, string, string> BadValues() => new()
    {
        // find, replacement, key path, message fragment
        { "onset_potential: 4.1 V", "onset_potential: -4.1 V", "cell.degradation.interphase.onset_potential", "must be positive" },
        { "onset_potential: 4.1 V", "onset_potential: 4.1 mAh", "cell.degradation.interphase.onset_potential", "voltage" },
        { "reference_potential: 4.6 V", "reference_potential: 0 V", "cell.degradation.interphase.reference_potential", "must be positive" },
        { "reference_potential: 4.6 V", "reference_potential: 4.0 V", "cell.degradation.interphase.reference_potential", "must be above onset_potential" },
        { "reference_resistance: 4.4 ohm cm^2", "reference_resistance: 0 ohm cm^2", "cell.degradation.interphase.reference_resistance", "must be positive" },
        { "reference_resistance: 4.4 ohm cm^2", "reference_resistance: 4.4 ohm", "cell.degradation.interphase.reference_resistance", "area-specific resistance" },
        { "reference_time: 1 h", "reference_time: 0 h", "cell.degradation.interphase.reference_time", "must be positive" },
        { "potential_scale: 0.1 V", "potential_scale: 0 V", "cell.degradation.interphase.potential_scale", "must be positive" },
        { "activation_energy: 50 kJ/mol", "activation_energy: -5 kJ/mol", "cell.degradation.interphase.activation_energy", "must not be negative" },
        { "activation_energy: 50 kJ/mol", "activation_energy: 50 kJ/mol\n      reference_temperature: -300 degC", "cell.degradation.interphase.reference_temperature", "absolute zero" },
        { "max_strain: 0.05", "max_strain: 0", "cell.degradation.contact.max_strain", "must be above 0 and below 0.5" },
        { "max_strain: 0.05", "max_strain: 0.5", "cell.degradation.contact.max_strain", "must be above 0 and below 0.5" },
        { "max_strain: 0.05", "max_strain: 5", "cell.degradation.contact.max_strain", "must be above 0 and below 0.5" },
        { "strain_midpoint: 0.3", "strain_midpoint: 1.3", "cell.degradation.contact.strain_midpoint", "between 0 and 1" },
        { "strain_width: 0.05", "strain_width: 0", "cell.degradation.contact.strain_width", "must be positive" },
        { "reversible_fraction: 0.3", "reversible_fraction: -0.1", "cell.degradation.contact.reversible_fraction", "between 0 and 1" },
        { "reversible_fraction: 0.3", "reversible_fraction: 1.5", "cell.degradation.contact.reversible_fraction", "between 0 and 1" },
        { "irreversible_rate: 0.02", "irreversible_rate: -0.02", "cell.degradation.contact.irreversible_rate", "must not be negative" },
        { "cushion_fraction: 0.39", "cushion_fraction: 2", "cell.degradation.contact.cushion_fraction", "between 0 and 1" },
        { "cushion_width: 0.01", "cushion_width: 0", "cell.degradation.contact.cushion_width", "must be positive" },
        { "reference_radius: 1 um", "reference_radius: 0 um", "cell.degradation.contact.reference_radius", "must be positive" },
        { "reference_radius: 1 um", "reference_radius: 1", "cell.degradation.contact.reference_radius", "length" },
        { "compliance: 1.0", "compliance: 0", "cell.degradation.contact.compliance", "must be positive" },
        { "compliance: 1.0", "compliance: soft", "cell.degradation.contact.compliance", "soft" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void EachBadValueNamesFileLineAndKey(string find, string replacement, string keyPath, string fragment)
    {
        string text = WithDegradation(find, replacement);
        var e = Fails("bad.yaml", text);
        int line = ConfigTestFiles.LineOf(text, replacement.Split('\n')[^1].Trim());
        Assert.Equal(keyPath, e.KeyPath);
        Assert.Equal(line, e.Line);
        Assert.EndsWith("bad.yaml", e.File);
        Assert.Contains($"bad.yaml:{line}: {keyPath}: ", e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void LawsMustBeMaps()
    {
        string text = WithDegradation();
        int contact = text.IndexOf("    contact:", StringComparison.Ordinal);
        text = text[..contact] + "    contact: 3\n" + text[text.IndexOf("temperature: 25 degC", StringComparison.Ordinal)..];
        var e = Fails("bad.yaml", text);
        Assert.Equal("cell.degradation.contact", e.KeyPath);
        Assert.Equal(ConfigTestFiles.LineOf(text, "contact: 3"), e.Line);
        Assert.Contains("expected a map", e.Message);
    }

    [Theory]
    [InlineData("    interphase:", "    interfase:", "cell.degradation.interfase", "did you mean 'interphase'?")]
    [InlineData("      max_strain: 0.05", "      max_strian: 0.05", "cell.degradation.contact.max_strian", "did you mean 'max_strain'?")]
    [InlineData("      reference_time: 1 h", "      reference_tim: 1 h", "cell.degradation.interphase.reference_tim", "did you mean 'reference_time'?")]
    [InlineData("  degradation:", "  degradaton:", "cell.degradaton", "did you mean 'degradation'?")]
    public void UnknownKeysSuggestTheClosest(string find, string replacement, string keyPath, string suggestion)
    {
        string text = WithDegradation(find, replacement);
        var e = Fails("bad.yaml", text);
        Assert.Equal(keyPath, e.KeyPath);
        Assert.Equal(ConfigTestFiles.LineOf(text, replacement.Trim()), e.Line);
        Assert.Contains(suggestion, e.Message);
    }

    [Theory]
    [InlineData("      reference_time: 1 h\n", "cell.degradation.interphase.reference_time", "    interphase:")]
    [InlineData("      compliance: 1.0\n", "cell.degradation.contact.compliance", "    contact:")]
    public void MissingValuesPointAtTheirMap(string remove, string keyPath, string mapLine)
    {
        string text = WithDegradation(remove, "");
        var e = Fails("bad.yaml", text);
        Assert.Equal(keyPath, e.KeyPath);
        Assert.Equal(ConfigTestFiles.LineOf(text, mapLine), e.Line);
        Assert.Contains("missing required value", e.Message);
    }

    // ------------------------------------------------------------------ per-step temperature

    [Fact]
    public void StepMapCarriesTemperature()
    {
        string text = WithProtocol("""
              - Charge at 0.1C until 3.7 V
              - {step: "Discharge at 0.1C until 2.1 V", temperature: 0 degC}
              - step: Rest for 1 h
                temperature: {value: 253.15 K, source: "climate chamber"}
              - step: Rest for 10 min
            """);
        var protocol = ConfigLoader.Load(_files.Write("ok.yaml", text), []).Setup.Protocol;
        Assert.Equal(4, protocol.Count);
        Assert.Null(protocol[0].Temperature);
        var discharge = Assert.IsType<CurrentStep>(protocol[1]);
        Assert.Equal(273.15, discharge.Temperature!.Value, 12);
        Assert.Equal(StepTextParser.Parse("Discharge at 0.1C until 2.1 V") with { Temperature = discharge.Temperature, Description = discharge.Description }, discharge);
        Assert.StartsWith("Discharge at 0.1C until 2.1 V", discharge.Description);
        Assert.Contains("0 degC", discharge.Description);
        Assert.Equal(253.15, protocol[2].Temperature!.Value, 12);
        Assert.IsType<RestStep>(protocol[2]);
        Assert.Equal(new RestStep("Rest for 10 min", 600), protocol[3]);
    }

    [Fact]
    public void StepTemperatureInsideRepeatBlocks()
    {
        string text = WithProtocol("""
              - repeat: 2
                steps:
                  - step: Charge at 0.1C until 3.7 V
                    temperature: 25 degC
                  - {step: Discharge at 0.1C until 2.1 V, temperature: -10 degC}
            """);
        var repeat = Assert.IsType<RepeatStep>(Assert.Single(ConfigLoader.Load(_files.Write("ok.yaml", text), []).Setup.Protocol));
        Assert.Null(repeat.Temperature);
        Assert.Equal(298.15, repeat.Steps[0].Temperature!.Value, 12);
        Assert.Equal(263.15, repeat.Steps[1].Temperature!.Value, 12);
        Assert.Equal(CurrentDirection.Discharge, Assert.IsType<CurrentStep>(repeat.Steps[1]).Direction);
    }

    [Theory]
    [InlineData("  - {step: Discharge at 0.1C until 2.1 V, temperature: -300 degC}", "protocol[1].temperature", "absolute zero")]
    [InlineData("  - {step: Discharge at 0.1C until 2.1 V, temperature: 2 V}", "protocol[1].temperature", "temperature")]
    [InlineData("  - {step: Discharge at 0.1C untill 2.1 V, temperature: 0 degC}", "protocol[1].step", "Discharge at 0.1C untill 2.1 V")]
    [InlineData("  - {stpe: Discharge at 0.1C until 2.1 V, temperature: 0 degC}", "protocol[1].stpe", "did you mean 'step'?")]
    [InlineData("  - {step: Discharge at 0.1C until 2.1 V, temprature: 0 degC}", "protocol[1].temprature", "did you mean 'temperature'?")]
    [InlineData("  - {temperature: 0 degC}", "protocol[1].step", "missing required value")]
    [InlineData("  - {step: [Rest for 1 h], temperature: 0 degC}", "protocol[1].step", "expected a step sentence")]
    [InlineData("  - {step: Rest for 1 h, until_retention: 80 %}", "protocol[1].until_retention", "repeat block")]
    public void BadStepMapsNameFileLineAndKey(string item, string keyPath, string fragment)
    {
        string text = WithProtocol("  - Charge at 0.1C until 3.7 V\n" + item);
        var e = Fails("bad.yaml", text);
        Assert.Equal(keyPath, e.KeyPath);
        Assert.Equal(ConfigTestFiles.LineOf(text, item.Trim()), e.Line);
        Assert.Contains($"bad.yaml:{e.Line}: {keyPath}: ", e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void BadStepInsideRepeatNamesItsPath()
    {
        string text = WithProtocol("""
              - repeat: 2
                steps:
                  - Charge at 0.1C until 3.7 V
                  - {step: Discharge at 0.1C until 2.1 V, temperature: 0 mV}
            """);
        var e = Fails("bad.yaml", text);
        Assert.Equal("protocol[0].steps[1].temperature", e.KeyPath);
        Assert.Equal(ConfigTestFiles.LineOf(text, "temperature: 0 mV"), e.Line);
    }

    // ------------------------------------------------------------------ until_retention

    [Theory]
    [InlineData("80 %", 0.8)]
    [InlineData("0.8", 0.8)]
    [InlineData("100 %", 1.0)]
    [InlineData("{value: 70 %, source: \"end of life\"}", 0.7)]
    public void UntilRetentionSetsTheLimit(string value, double expected)
    {
        string text = WithProtocol($"""
              - repeat: 100
                until_retention: {value}
                steps: [Charge at 0.1C until 3.7 V, Discharge at 0.1C until 2.1 V]
            """);
        var repeat = Assert.IsType<RepeatStep>(Assert.Single(ConfigLoader.Load(_files.Write("ok.yaml", text), []).Setup.Protocol));
        Assert.Equal(100, repeat.Count);
        Assert.Equal(expected, repeat.RetentionLimit!.Value, 12);
        Assert.Equal(2, repeat.Steps.Count);
        Assert.Contains("retention", repeat.Description);
    }

    [Fact]
    public void RepeatWithoutRetentionHasNoLimit()
    {
        string text = WithProtocol("  - {repeat: 3, steps: [Charge at 0.1C until 3.7 V, Discharge at 0.1C until 2.1 V]}");
        var repeat = Assert.IsType<RepeatStep>(Assert.Single(ConfigLoader.Load(_files.Write("ok.yaml", text), []).Setup.Protocol));
        Assert.Null(repeat.RetentionLimit);
        Assert.Equal("Repeat 3 times", repeat.Description);
    }

    [Theory]
    [InlineData("80", "must be above 0 and at most 1")]
    [InlineData("0", "must be above 0 and at most 1")]
    [InlineData("120 %", "must be above 0 and at most 1")]
    [InlineData("-5 %", "must be above 0 and at most 1")]
    [InlineData("80 mAh", "plain number")]
    public void BadRetentionNamesFileLineAndKey(string value, string fragment)
    {
        string text = WithProtocol($"""
              - repeat: 100
                until_retention: {value}
                steps: [Charge at 0.1C until 3.7 V, Discharge at 0.1C until 2.1 V]
            """);
        var e = Fails("bad.yaml", text);
        Assert.Equal("protocol[0].until_retention", e.KeyPath);
        Assert.Equal(ConfigTestFiles.LineOf(text, "until_retention:"), e.Line);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void MisspeltRetentionKeySuggestsTheClosest()
    {
        string text = WithProtocol("  - {repeat: 3, until_retension: 80 %, steps: [Rest for 1 h]}");
        var e = Fails("bad.yaml", text);
        Assert.Equal("protocol[0].until_retension", e.KeyPath);
        Assert.Contains("did you mean 'until_retention'?", e.Message);
    }

    // ------------------------------------------------------------------ shipped configs and sweep

    [Fact]
    public void ShippedCyclingConfigLoads()
    {
        var loaded = ConfigLoader.Load(Configs("b-ncm-65-cycling.yaml"), []);
        var s = loaded.Setup;
        Assert.Equal("b-ncm-65-cycling", s.Name);
        var d = s.Design.Degradation;
        Assert.NotNull(d);
        // The shipped values are calibrated (see the config's sources), not the test fixture's.
        Assert.NotNull(d.Interphase);
        Assert.Equal(440e-4 / Math.Sqrt(3600), d.Interphase.ReferenceRate, 1e-15);
        Assert.Equal(4.1, d.Interphase.OnsetPotential, 12);
        Assert.NotNull(d.Contact);
        Assert.Equal(new ContactLoss(0.05, 0.3, 0.05, 0.3, 0.008, 0.39, 0.012, d.Contact.ReferenceRadius, 1.0), d.Contact);
        Assert.Equal(3, s.Numerics.SizeBins);
        var repeat = Assert.IsType<RepeatStep>(Assert.Single(s.Protocol));
        Assert.Equal(50, repeat.Count);
        Assert.Null(repeat.RetentionLimit);
        Assert.Equal(
            [new CurrentStep("Charge at 0.1C until 3.7 V", CurrentDirection.Charge, new CRateSetpoint(0.1), 3.7, null),
             new CurrentStep("Discharge at 0.1C until 2.1 V", CurrentDirection.Discharge, new CRateSetpoint(0.1), 2.1, null)],
            repeat.Steps);
        Assert.Contains("Kondrakov et al. 2017", loaded.ResolvedYaml);
        Assert.Contains("Kochetkov et al. 2022", loaded.ResolvedYaml);

        // Everything but the ageing laws is the b-ncm-65 cell.
        var b = ConfigLoader.Load(Configs("b-ncm-65.yaml"), []).Setup;
        Assert.Null(b.Design.Degradation);
        Assert.Equal(b.Design with { Degradation = d, Active = s.Design.Active }, s.Design);
    }

    [Fact]
    public void ShippedHundredCycleConfigLoads()
    {
        var s = ConfigLoader.Load(Configs("b-ncm-65-cycling-100.yaml"), []).Setup;
        var fifty = ConfigLoader.Load(Configs("b-ncm-65-cycling.yaml"), []).Setup;
        Assert.Equal("b-ncm-65-cycling-100", s.Name);
        Assert.Equal(100, Assert.IsType<RepeatStep>(Assert.Single(s.Protocol)).Count);
        Assert.Equal(fifty.Design.Degradation, s.Design.Degradation);
        Assert.Equal(fifty.Numerics, s.Numerics);
    }

    [Fact]
    public void ShippedRetentionSweepLoads()
    {
        var plan = SweepLoader.Load(Configs("sweeps", "retention-vs-electrolyte.yaml"), []);
        Assert.Equal("retention-vs-electrolyte", plan.Name);
        Assert.Equal(Configs("b-ncm-65-cycling.yaml"), plan.BaseConfigPath);
        Assert.Equal(3, plan.Cases.Count);
        var protocol = Assert.Single(plan.Protocols);
        Assert.Contains("repeat: 50", Assert.Single(protocol.Steps));
        Assert.Equal([0.70, 0.65, 0.60], plan.Cases.Select(c => c.Setups[0].Design.Cathode.ActiveMassFraction));
        Assert.All(plan.Cases, c =>
        {
            var setup = Assert.Single(c.Setups);
            Assert.NotNull(setup.Design.Degradation);
            Assert.Equal(5.5e-6, setup.Design.Cathode.CathodeMass, 15);
            Assert.Equal(50, Assert.IsType<RepeatStep>(Assert.Single(setup.Protocol)).Count);
        });
    }
}
