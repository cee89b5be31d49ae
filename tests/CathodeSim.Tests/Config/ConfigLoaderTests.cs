using CathodeSim.IO.Config;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Protocol;

namespace CathodeSim.Tests.Config;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly ConfigTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static ConfigException Fails(string path, params string[] overrides) =>
        Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, overrides));

    private static int Line(string fragment) => ConfigTestFiles.LineOf(ConfigTestFiles.Minimal, fragment);

    [Fact]
    public void MinimalConfigMapsToSi()
    {
        var loaded = ConfigLoader.Load(_files.WriteMinimal("ok.yaml"), []);
        var s = loaded.Setup;
        Assert.Equal("test", s.Name);
        Assert.Equal(298.15, s.Temperature, 12);
        var d = s.Design;
        Assert.Equal(0.785e-4, d.Area, 15);
        Assert.Equal(720000, d.NominalSpecificCapacity, 6);
        Assert.Equal(5.5e-6, d.Cathode.CathodeMass, 15);
        Assert.Equal(0.65, d.Cathode.ActiveMassFraction);
        Assert.Equal(0.15, d.Cathode.VoidFraction);
        Assert.Equal(0.8, d.Cathode.ContactCoverage);
        Assert.Equal(0.991, d.InitialStoichiometry);
        Assert.Equal(5e-4, d.FilmResistance, 15);
        Assert.Equal(0.0, d.JunctionResistance);
        Assert.Equal(new LognormalSizeDistribution(3e-6, 1.5), d.Cathode.ParticleSizes);
        Assert.Equal(new PercolationLaw(0.2, 2.0, 1e-4, 0.0, 0.11 * (1 - d.Cathode.VoidFraction)), d.Cathode.IonicTransport);
        Assert.Equal(new BruggemanLaw(1.5), d.Cathode.ElectronicTransport);
        Assert.Equal(80e-6, d.Separator.Mass, 15);
        Assert.Equal(0.87, d.Separator.RelativeDensity);
        Assert.Null(d.Separator.PelletConductivity);

        // Built-in library.
        Assert.Equal("NCM90", d.Active.Name);
        Assert.Equal(0.09746, d.Active.MolarMass, 12);
        Assert.Equal(4790, d.Active.Density, 9);
        Assert.IsType<MsmrOcp>(d.Active.OpenCircuitPotential);
        var table = Assert.IsType<LogTabulatedDiffusivity>(d.Active.Diffusivity);
        Assert.Equal([0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 1.0], table.Stoichiometry);
        Assert.Equal(3e-18, table.Values[^1], 1e-30);
        Assert.Equal(new ArrheniusFactor(12000, 298.15), d.Active.DiffusivityTemperature);
        Assert.Equal(0.5, d.Active.ExchangeCurrentDensity);
        Assert.Equal(new ArrheniusFactor(20000, 298.15), d.Active.ExchangeCurrentTemperature);
        var sigma = Assert.IsType<LogisticElectronicConductivity>(d.Active.ElectronicConductivity);
        Assert.Equal(1e-3, sigma.Lithiated, 1e-15);   // 1e-5 S/cm
        Assert.Equal(1.0, sigma.Delithiated, 12);
        Assert.Equal("Li3InCl6", d.CathodeElectrolyte.Name);
        Assert.Equal(0.149, d.CathodeElectrolyte.IonicConductivity, 12);
        Assert.Equal(new ArrheniusFactor(33000, 298.15), d.CathodeElectrolyte.IonicConductivityTemperature);
        Assert.Equal("Li6PS5Cl", d.SeparatorElectrolyte.Name);
        Assert.Equal(0.17, d.SeparatorElectrolyte.IonicConductivity, 12);
        Assert.Equal(new CounterElectrode("Li-In", 0.62, 85, new ArrheniusFactor(30000, 298.15)), d.CounterElectrode);

        Assert.Equal(2, s.Protocol.Count);
        Assert.Equal(new CurrentStep("Charge at 0.1C until 3.7 V", CurrentDirection.Charge, new CRateSetpoint(0.1), 3.7, null), s.Protocol[0]);
        Assert.Equal(new CathodeSim.Model.Simulation.NumericsOptions(), s.Numerics);
        Assert.Empty(s.ProfileTimes);
        Assert.Null(loaded.OutputDirectory);
        Assert.Equal(Path.GetFullPath(Path.Combine(_files.Root, "ok.yaml")), loaded.SourcePath);
    }

    [Fact]
    public void UnknownKeySuggestsClosest()
    {
        string path = _files.WriteMinimal("bad.yaml", "    mass: 5.5 mg", "    mas: 5.5 mg");
        var e = Fails(path);
        Assert.Contains($"bad.yaml:{Line("mass: 5.5 mg")}: cell.cathode.mas: unknown key; did you mean 'mass'?", e.Message);
        Assert.Equal(Line("mass: 5.5 mg"), e.Line);
        Assert.Equal("cell.cathode.mas", e.KeyPath);
        Assert.EndsWith("bad.yaml", e.File);
    }

    [Fact]
    public void UnknownTopLevelKeyListsNothingFarAway()
    {
        string path = _files.WriteMinimal("bad.yaml", "temperature: 25 degC", "temperature: 25 degC\nzzzzzzzzzzzz: 3");
        var e = Fails(path);
        Assert.Contains($"bad.yaml:{Line("temperature:") + 1}: zzzzzzzzzzzz: unknown key; expected one of:", e.Message);
    }

    [Fact]
    public void MissingValueIsReported()
    {
        string path = _files.WriteMinimal("bad.yaml", "    mass: 5.5 mg\n");
        var e = Fails(path);
        Assert.Contains("bad.yaml:", e.Message);
        Assert.Equal(Line("cathode:"), e.Line);
        Assert.Equal("cell.cathode.mass", e.KeyPath);
        Assert.Contains("missing required value; expected a mass such as '5.5 mg'", e.Message);
    }

    [Fact]
    public void BareNumberForMassGivesTheDocumentedMessage()
    {
        string path = _files.WriteMinimal("bad.yaml", "mass: 5.5 mg", "mass: 5.5");
        var e = Fails(path);
        Assert.EndsWith($"bad.yaml:{Line("mass: 5.5 mg")}: cell.cathode.mass: expected a mass such as '5.5 mg', got '5.5'", e.Message);
    }

    [Fact]
    public void WrongUnitIsReported()
    {
        string path = _files.WriteMinimal("bad.yaml", "mass: 5.5 mg", "mass: 5.5 mm");
        var e = Fails(path);
        Assert.Contains($"bad.yaml:{Line("mass: 5.5 mg")}: cell.cathode.mass: expected a mass such as '5.5 mg', got '5.5 mm'", e.Message);
    }

    [Theory]
    [InlineData("active_mass_fraction: 0.65", "active_mass_fraction: 1.2", "cell.cathode.active_mass_fraction", "between 0 and 1")]
    [InlineData("active_mass_fraction: 0.65", "active_mass_fraction: 0", "cell.cathode.active_mass_fraction", "between 0 and 1")]
    [InlineData("d50: 3 um", "d50: -3 um", "cell.cathode.particle_size.d50", "must be positive")]
    [InlineData("mass: 5.5 mg", "mass: 0 mg", "cell.cathode.mass", "must be positive")]
    [InlineData("area: 0.785 cm^2", "area: -1 cm^2", "cell.area", "must be positive")]
    [InlineData("void_fraction: 0.15", "void_fraction: 1.0", "cell.cathode.void_fraction", "at least 0 and below 1")]
    [InlineData("contact_coverage: 0.8", "contact_coverage: 0", "cell.cathode.contact_coverage", "greater than 0 and at most 1")]
    [InlineData("temperature: 25 degC", "temperature: -300 degC", "temperature", "must be above absolute zero (0 K), got '-300 degC' (= -26.85 K)")]
    [InlineData("temperature: 25 degC", "temperature: 0 K", "temperature", "above absolute zero (0 K)")]
    [InlineData("initial_stoichiometry: 0.991", "initial_stoichiometry: 1", "cell.cathode.initial_stoichiometry", "between 0 and 1")]
    [InlineData("relative_density: 0.87", "relative_density: 1.1", "cell.separator.relative_density", "at most 1")]
    [InlineData("geometric_std: 1.5", "geometric_std: 0.9", "cell.cathode.particle_size.geometric_std", "at least 1")]
    [InlineData("film_resistance: 5 ohm cm^2", "film_resistance: -1 ohm cm^2", "cell.cathode.film_resistance", "must not be negative")]
    [InlineData("film_resistance: 5 ohm cm^2", "film_resistance: 5 ohm", "cell.cathode.film_resistance", "expected an area-specific resistance such as '10 ohm cm^2'")]
    [InlineData("nominal_specific_capacity: 200 mAh/g", "nominal_specific_capacity: 200 mAh", "cell.nominal_specific_capacity", "expected a specific capacity such as '200 mAh/g'")]
    [InlineData("temperature: 25 degC", "temperature: 25", "temperature", "expected a temperature such as '25 degC', got '25'")]
    [InlineData("active_material: NCM90", "active_material: NCM9", "cell.cathode.active_material", "did you mean 'NCM90'?")]
    [InlineData("active_material: NCM90", "active_material: Li3InCl6", "cell.cathode.active_material", "is an electrolyte")]
    [InlineData("counter_electrode: Li-In", "counter_electrode: Li6PS5Cl", "cell.counter_electrode", "expected a counter electrode")]
    [InlineData("law: bruggeman, exponent: 1.5", "law: brugeman, exponent: 1.5", "cell.cathode.electronic_transport.law", "did you mean 'bruggeman'?")]
    [InlineData("law: bruggeman, exponent: 1.5", "law: tortuosity, exponent: 1.5", "cell.cathode.electronic_transport.exponent", "unknown key")]
    [InlineData("  - Discharge at 0.1C until 2.1 V", "  - Discharge at 0.1C", "protocol[1]", "no ending condition")]
    [InlineData("  - Discharge at 0.1C until 2.1 V", "  - Discharge at 0.1C until 2.1 V\n  - Dance for 1 h", "protocol[2]", "expected a step such as")]
    public void UnphysicalOrWrongValuesAreRejected(string find, string replace, string keyPath, string expected)
    {
        string path = _files.WriteMinimal("bad.yaml", find, replace);
        var e = Fails(path);
        Assert.Equal(keyPath, e.KeyPath);
        Assert.Contains(expected, e.Message);
        Assert.Contains("bad.yaml:", e.Message);
        Assert.NotNull(e.Line);
        string text = File.ReadAllText(path);
        string firstReplaced = replace.Split('\n')[^1].Trim().TrimStart('-', ' ');
        if (keyPath.StartsWith("protocol", StringComparison.Ordinal))
        {
            Assert.Equal(ConfigTestFiles.LineOf(text, firstReplaced), e.Line);
            Assert.Contains(firstReplaced, e.Message);
        }
        else
        {
            Assert.Equal(ConfigTestFiles.LineOf(text, replace.Split('\n')[0].Trim()), e.Line);
        }
    }

    [Theory]
    [InlineData("cathode_nodes: 2", "numerics.cathode_nodes", "at least 3")]
    [InlineData("radial_shells: 1", "numerics.radial_shells", "at least 3")]
    [InlineData("size_bins: 0", "numerics.size_bins", "at least 1")]
    [InlineData("size_bins: 2.5", "numerics.size_bins", "a whole number")]
    [InlineData("relative_tolerance: 1.5", "numerics.relative_tolerance", "between 0 and 1")]
    [InlineData("absolute_tolerance: 0", "numerics.absolute_tolerance", "between 0 and 1")]
    [InlineData("max_step: 600", "numerics.max_step", "expected a time such as '15 min'")]
    public void BadNumericsAreRejected(string setting, string keyPath, string expected)
    {
        string path = _files.WriteMinimal("bad.yaml", "temperature: 25 degC", $"temperature: 25 degC\nnumerics:\n  {setting}");
        var e = Fails(path);
        Assert.Equal(keyPath, e.KeyPath);
        Assert.Contains(expected, e.Message);
        Assert.Equal(Line("temperature:") + 2, e.Line);
    }

    [Fact]
    public void NumericsAndOutputAreRead()
    {
        string path = _files.WriteMinimal("ok.yaml", "temperature: 25 degC", """
            temperature: 25 degC
            numerics: {cathode_nodes: 10, radial_shells: 8, size_bins: 3, relative_tolerance: 1e-5, absolute_tolerance: 1e-7, max_step: 5 min, initial_step: 1 ms, voltage_event_tolerance: 0.5 mV}
            output: {directory: results/x, profile_times: [5 h, 1 h, 30 min]}
            """);
        var loaded = ConfigLoader.Load(path, []);
        Assert.Equal(new CathodeSim.Model.Simulation.NumericsOptions(10, 8, 3, 1e-5, 1e-7, 300, 1e-3, 5e-4), loaded.Setup.Numerics);
        Assert.Equal([1800.0, 3600.0, 18000.0], loaded.Setup.ProfileTimes);
        Assert.Equal("results/x", loaded.OutputDirectory);
    }

    [Fact]
    public void ValueWithSourceIsAcceptedAndKept()
    {
        string path = _files.WriteMinimal("ok.yaml", "film_resistance: 5 ohm cm^2",
            "film_resistance: {value: 7 ohm cm^2, source: \"fit to EIS, Table S3\"}");
        var loaded = ConfigLoader.Load(path, []);
        Assert.Equal(7e-4, loaded.Setup.Design.FilmResistance, 15);
        Assert.Contains("fit to EIS, Table S3", loaded.ResolvedYaml);
        Assert.Contains("Li et al. 2019", loaded.ResolvedYaml);
    }

    [Fact]
    public void ValueMapRejectsUnknownKeys()
    {
        string path = _files.WriteMinimal("bad.yaml", "film_resistance: 5 ohm cm^2",
            "film_resistance: {valeu: 7 ohm cm^2, source: x}");
        var e = Fails(path);
        Assert.Contains("cell.cathode.film_resistance.valeu: unknown key; did you mean 'value'?", e.Message);
    }

    [Fact]
    public void DieDiameterGivesArea()
    {
        string path = _files.WriteMinimal("ok.yaml", "area: 0.785 cm^2", "die_diameter: 10 mm");
        var loaded = ConfigLoader.Load(path, []);
        Assert.Equal(Math.PI * 0.01 * 0.01 / 4, loaded.Setup.Design.Area, 15);

        path = _files.WriteMinimal("both.yaml", "area: 0.785 cm^2", "area: 0.785 cm^2\n  die_diameter: 10 mm");
        Assert.Contains("either area or die_diameter", Fails(path).Message);

        path = _files.WriteMinimal("none.yaml", "  area: 0.785 cm^2\n");
        var e = Fails(path);
        Assert.Equal("cell.area", e.KeyPath);
        Assert.Contains("die_diameter", e.Message);
    }

    [Fact]
    public void NameDefaultsToFileName()
    {
        string path = _files.WriteMinimal("my-run.yaml", "name: test\n");
        var loaded = ConfigLoader.Load(path, []);
        Assert.Equal("my-run", loaded.Setup.Name);
        Assert.Contains("name: my-run", loaded.ResolvedYaml);
    }

    [Fact]
    public void YamlSyntaxErrorHasLine()
    {
        string path = _files.WriteMinimal("bad.yaml", "    mass: 5.5 mg", "    mass: [5.5 mg");
        var e = Fails(path);
        Assert.Contains("bad.yaml:", e.Message);
        Assert.NotNull(e.Line);
        Assert.Contains("invalid YAML", e.Message);
    }

    [Fact]
    public void DuplicateKeyIsRejected()
    {
        string path = _files.WriteMinimal("bad.yaml", "temperature: 25 degC", "temperature: 25 degC\ntemperature: 30 degC");
        var e = Fails(path);
        Assert.Contains("bad.yaml:", e.Message);
        Assert.Contains("uplicate", e.Message);
    }

    [Fact]
    public void MissingFileIsAConfigException()
    {
        var e = Fails(Path.Combine(_files.Root, "nope.yaml"));
        Assert.Contains("nope.yaml", e.Message);
    }

    [Fact]
    public void RepeatBlocksBecomeRepeatSteps()
    {
        string path = _files.WriteMinimal("ok.yaml", "  - Discharge at 0.1C until 2.1 V", """
              - Discharge at 0.1C until 2.1 V
              - repeat: 3
                steps:
                  - Charge at C/5 until 3.7 V
                  - Hold at 3.7 V until C/50
                  - Rest for 10 min
                  - Discharge at 0.2 mA/cm^2 until 2.1 V
            """);
        var loaded = ConfigLoader.Load(path, []);
        var repeat = Assert.IsType<RepeatStep>(loaded.Setup.Protocol[2]);
        Assert.Equal(3, repeat.Count);
        Assert.Equal(4, repeat.Steps.Count);
        Assert.IsType<VoltageHoldStep>(repeat.Steps[1]);

        path = _files.WriteMinimal("bad.yaml", "  - Discharge at 0.1C until 2.1 V", """
              - Discharge at 0.1C until 2.1 V
              - repeat: 0
                steps: [Rest for 1 h]
            """);
        var e = Fails(path);
        Assert.Equal("protocol[2].repeat", e.KeyPath);
        Assert.Contains("at least 1", e.Message);

        path = _files.WriteMinimal("bad2.yaml", "  - Discharge at 0.1C until 2.1 V", """
              - Discharge at 0.1C until 2.1 V
              - repeat: 2
                steps:
                  - Rest for 1 h
                  - Rest until 3 V
            """);
        e = Fails(path);
        Assert.Equal("protocol[2].steps[1]", e.KeyPath);
        Assert.Contains("'Rest until 3 V'", e.Message);
        Assert.Equal(ConfigTestFiles.LineOf(File.ReadAllText(path), "Rest until 3 V"), e.Line);
    }

    [Fact]
    public void ExtendsMergesMapsAndReplacesScalarsAndLists()
    {
        _files.Write("base/common.yaml", ConfigTestFiles.Minimal.Replace("name: test\n", ""));
        string child = _files.Write("variant.yaml", """
            # a variant
            extends: base/common.yaml
            cell:
              cathode:
                contact_coverage: 0.45
                particle_size: {d50: 10 um}
            protocol:
              - Charge at 0.05C until 3.7 V
            materials:
              NCM90:
                density: 5.0 g/cm^3
              Li3InCl6:
                ionic_conductivity: {value: 1.0 mS/cm, source: "our pellet"}
              MyLPSCl:
                kind: electrolyte
                density: 1.9 g/cm^3
                ionic_conductivity: 3 mS/cm
                activation_energy: 30 kJ/mol
            """);
        var loaded = ConfigLoader.Load(child, []);
        var s = loaded.Setup;
        Assert.Equal("variant", s.Name);
        Assert.Equal(0.45, s.Design.Cathode.ContactCoverage);
        Assert.Equal(new LognormalSizeDistribution(10e-6, 1.5), s.Design.Cathode.ParticleSizes); // merged map
        Assert.Equal(5.5e-6, s.Design.Cathode.CathodeMass, 15);                                  // inherited
        Assert.Single(s.Protocol);                                                                // list replaced
        Assert.Equal(5000, s.Design.Active.Density, 9);
        Assert.IsType<LogTabulatedDiffusivity>(s.Design.Active.Diffusivity);                      // rest of the library kept
        Assert.Equal(0.1, s.Design.CathodeElectrolyte.IonicConductivity, 12);
        Assert.Contains("our pellet", loaded.ResolvedYaml);
        Assert.Contains("[density changed at ", loaded.ResolvedYaml);
        Assert.Contains("MyLPSCl", loaded.ResolvedYaml);
        Assert.Contains("base/common.yaml", loaded.ResolvedYaml);
        Assert.DoesNotContain("extends:", loaded.ResolvedYaml.Split('\n').Where(l => !l.StartsWith('#')));

        // Errors in the base are reported against the base file.
        _files.Write("base/common.yaml", ConfigTestFiles.Minimal.Replace("name: test\n", "").Replace("mass: 80 mg", "mass: 80"));
        var e = Fails(child);
        Assert.Contains("common.yaml:", e.Message);
        Assert.Equal("cell.separator.mass", e.KeyPath);
        Assert.Contains("expected a mass", e.Message);
    }

    [Fact]
    public void ChangingAModelReplacesTheWholeMap()
    {
        string path = _files.WriteMinimal("ok.yaml", "temperature: 25 degC", """
            temperature: 25 degC
            materials:
              NCM90:
                diffusivity: {model: constant, value: 1e-15 m^2/s, activation_energy: 10 kJ/mol}
                ocp:
                  model: table
                  stoichiometry: [0.2, 0.6, 1.0]
                  potential: [4.3, 3.8, 2.5]
                  source: test
                electronic_conductivity: {model: constant, value: 1 mS/cm, activation_energy: 0 J/mol}
            """);
        var d = ConfigLoader.Load(path, []).Setup.Design.Active;
        Assert.Equal(new ConstantDiffusivity(1e-15), d.Diffusivity);
        Assert.Equal(10000, d.DiffusivityTemperature.ActivationEnergy);
        var ocp = Assert.IsType<TabulatedOcp>(d.OpenCircuitPotential);
        Assert.Equal([4.3, 3.8, 2.5], ocp.Potentials);
        Assert.Equal(new ConstantElectronicConductivity(0.1), d.ElectronicConductivity);
    }

    [Theory]
    [InlineData("stoichiometry: [0.2, 0.6, 1.0]", "stoichiometry: [0.2, 0.6, 0.5]", "increase strictly")]
    [InlineData("potential: [4.3, 3.8, 2.5]", "potential: [4.3, 3.8]", "expected 3 entries")]
    [InlineData("potential: [4.3, 3.8, 2.5]", "potential: [4.3, 3.8, 2.5 mA]", "expected a voltage")]
    public void BadTablesAreRejected(string find, string replace, string expected)
    {
        string text = ConfigTestFiles.Minimal + """

            materials:
              NCM90:
                ocp: {model: table, stoichiometry: [0.2, 0.6, 1.0], potential: [4.3, 3.8, 2.5]}
            """;
        string path = _files.Write("bad.yaml", text.Replace(find, replace));
        var e = Fails(path);
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("materials.NCM90.ocp", e.KeyPath);
        Assert.Equal(ConfigTestFiles.LineOf(text, "ocp:"), e.Line);
    }

    [Fact]
    public void HistogramNeedsUnits()
    {
        string ok = _files.WriteMinimal("ok.yaml", "{distribution: lognormal, d50: 3 um, geometric_std: 1.5}",
            "{distribution: histogram, diameters: [1, 2, 4], unit: um, volume_fractions: [1, 2, 1]}");
        var h = Assert.IsType<HistogramSizeDistribution>(ConfigLoader.Load(ok, []).Setup.Design.Cathode.ParticleSizes);
        Assert.Equal(4e-6, h.Diameters[2]);

        string mixed = _files.WriteMinimal("mixed.yaml", "{distribution: lognormal, d50: 3 um, geometric_std: 1.5}",
            "{distribution: histogram, diameters: [1 um, 2 um, 4 um], volume_fractions: [1, 2, 1]}");
        Assert.Equal(2e-6, Assert.IsType<HistogramSizeDistribution>(ConfigLoader.Load(mixed, []).Setup.Design.Cathode.ParticleSizes).Diameters[1], 1e-18);

        string bad = _files.WriteMinimal("bad.yaml", "{distribution: lognormal, d50: 3 um, geometric_std: 1.5}",
            "{distribution: histogram, diameters: [1, 2, 4], volume_fractions: [1, 2, 1]}");
        var e = Fails(bad);
        Assert.Equal("cell.cathode.particle_size.diameters[0]", e.KeyPath);
        Assert.Contains("expected a length such as '4 um'", e.Message);
        Assert.Contains("unit: um", e.Message);

        bad = _files.WriteMinimal("bad2.yaml", "{distribution: lognormal, d50: 3 um, geometric_std: 1.5}",
            "{distribution: histogram, diameters: [1, 2, 4], unit: mg, volume_fractions: [1, 2, 1]}");
        Assert.Contains("expected a unit of a length", Fails(bad).Message);
    }

    [Fact]
    public void MaterialWithoutKindOrWithMissingFieldsIsRejected()
    {
        string text = ConfigTestFiles.Minimal + "\nmaterials:\n  Foo:\n    density: 2 g/cm^3\n";
        var e = Fails(_files.Write("bad.yaml", text));
        Assert.Equal("materials.Foo.kind", e.KeyPath);
        Assert.Contains("active, electrolyte, counter_electrode", e.Message);
        Assert.Equal(ConfigTestFiles.LineOf(text, "Foo:"), e.Line);

        text = ConfigTestFiles.Minimal + "\nmaterials:\n  Foo:\n    kind: electrolyte\n    density: 2 g/cm^3\n    activation_energy: 30 kJ/mol\n";
        e = Fails(_files.Write("bad2.yaml", text));
        Assert.Equal("materials.Foo.ionic_conductivity", e.KeyPath);
        Assert.Contains("a conductivity such as '1.49 mS/cm'", e.Message);

        text = ConfigTestFiles.Minimal + "\nmaterials:\n  Foo:\n    kind: electrolite\n";
        e = Fails(_files.Write("bad3.yaml", text));
        Assert.Contains("did you mean 'electrolyte'?", e.Message);
    }

    [Fact]
    public void ExtendsCycleIsDetected()
    {
        _files.Write("a.yaml", "extends: b.yaml\n");
        string b = _files.Write("b.yaml", "extends: sub/c.yaml\n");
        _files.Write("sub/c.yaml", "temperature: 25 degC\nextends: ../a.yaml\n");
        var e = Fails(b);
        Assert.Contains("circular extends", e.Message);
        Assert.Contains("a.yaml:1: extends:", e.Message);
        Assert.Contains("b.yaml -> ", e.Message);
    }

    [Fact]
    public void ExtendsMissingFileIsReported()
    {
        string path = _files.Write("x.yaml", "\nextends: base/nothing.yaml\n");
        var e = Fails(path);
        Assert.Contains("x.yaml:2: extends:", e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void OverridesApplyWithUnits()
    {
        string path = _files.WriteMinimal("ok.yaml");
        var loaded = ConfigLoader.Load(path, [
            "cell.cathode.active_mass_fraction=0.7",
            "temperature=0 degC",
            "numerics.size_bins=1",
            "cell.cathode.particle_size.d50=5 um",
            "protocol=[Charge at 0.2C until 3.6 V, Rest for 1 h]",
            "materials.NCM90.exchange_current_density.value=1 A/m^2",
            "cell.separator.conductivity=1 mS/cm",
        ]);
        var s = loaded.Setup;
        Assert.Equal(0.7, s.Design.Cathode.ActiveMassFraction);
        Assert.Equal(273.15, s.Temperature, 12);
        Assert.Equal(1, s.Numerics.SizeBins);
        Assert.Equal(new LognormalSizeDistribution(5e-6, 1.5), s.Design.Cathode.ParticleSizes);
        Assert.Equal(2, s.Protocol.Count);
        Assert.IsType<RestStep>(s.Protocol[1]);
        Assert.Equal(1.0, s.Design.Active.ExchangeCurrentDensity);
        Assert.Equal(20000, s.Design.Active.ExchangeCurrentTemperature.ActivationEnergy);
        Assert.Equal(0.1, s.Design.Separator.PelletConductivity!.Value, 12);
        Assert.Contains("--set temperature=0 degC", loaded.ResolvedYaml);
        Assert.Contains("(assumed; calibrate) [value changed at --set materials.NCM90.exchange_current_density.value=1 A/m^2]", loaded.ResolvedYaml);

        var histogram = ConfigLoader.Load(path, ["cell.cathode.particle_size={distribution: histogram, diameters: [1, 2], unit: um, volume_fractions: [1, 1]}"]).Setup;
        Assert.Equal([1e-6, 2e-6], Assert.IsType<HistogramSizeDistribution>(histogram.Design.Cathode.ParticleSizes).Diameters);

        var indexed = ConfigLoader.Load(path, ["protocol[1]=Discharge at C/5 until 2.5 V"]).Setup;
        Assert.Equal(2.5, Assert.IsType<CurrentStep>(indexed.Protocol[1]).CutoffVoltage);
    }

    [Fact]
    public void OverrideWithUnknownPathMentionsSet()
    {
        string path = _files.WriteMinimal("ok.yaml");
        var e = Fails(path, "cell.cathode.mas=6 mg");
        Assert.Contains("--set", e.Message);
        Assert.Contains("cell.cathode.mas", e.Message);
        Assert.Contains("did you mean 'mass'?", e.Message);
        Assert.Null(e.Line);

        e = Fails(path, "numerics.sizebins=3");
        Assert.Contains("--set numerics.sizebins=3", e.Message);
        Assert.Contains("did you mean 'size_bins'?", e.Message);

        e = Fails(path, "temperature.value.x=3");
        Assert.Contains("--set", e.Message);
        Assert.Contains("not a map", e.Message);

        e = Fails(path, "protocol[5]=Rest for 1 h");
        Assert.Contains("out of range", e.Message);

        e = Fails(path, "no-equals-sign");
        Assert.Contains("--set", e.Message);
        Assert.Contains("path.to.key=value", e.Message);
    }

    [Fact]
    public void OverrideWithBadUnitMentionsSet()
    {
        string path = _files.WriteMinimal("ok.yaml");
        var e = Fails(path, "temperature=25");
        Assert.Equal("--set temperature=25: temperature: expected a temperature such as '25 degC', got '25'", e.Message);

        e = Fails(path, "cell.cathode.mass=5 mm");
        Assert.Contains("--set cell.cathode.mass=5 mm", e.Message);
        Assert.Contains("expected a mass", e.Message);

        e = Fails(path, "cell.cathode.active_mass_fraction=1.2");
        Assert.Contains("between 0 and 1", e.Message);
    }

    [Fact]
    public void ResolvedYamlLoadsToTheSameSetup()
    {
        string configs = ConfigTestFiles.RepositoryConfigs();
        var first = ConfigLoader.Load(Path.Combine(configs, "b-ncm-65.yaml"), ["numerics.size_bins=3"]);
        string again = _files.Write("resolved.yaml", first.ResolvedYaml);
        var second = ConfigLoader.Load(again, []);
        var a = first.Setup;
        var b = second.Setup;
        Assert.Equal(a.Name, b.Name);
        Assert.Equal(a.Temperature, b.Temperature);
        Assert.Equal(a.Numerics, b.Numerics);
        Assert.Equal(a.Protocol, b.Protocol);
        Assert.Equal(a.Design.Cathode, b.Design.Cathode);
        Assert.Equal(a.Design.Separator, b.Design.Separator);
        Assert.Equal(a.Design.Area, b.Design.Area);
        Assert.Equal(a.Design.CounterElectrode, b.Design.CounterElectrode);
        Assert.Equal(a.Design.CathodeElectrolyte, b.Design.CathodeElectrolyte);
        Assert.Equal(a.Design.Active.Density, b.Design.Active.Density);
        Assert.Equal(a.Design.Active.ElectronicConductivity, b.Design.Active.ElectronicConductivity);
        Assert.Equal(((LogTabulatedDiffusivity)a.Design.Active.Diffusivity).Values, ((LogTabulatedDiffusivity)b.Design.Active.Diffusivity).Values);
        Assert.Equal(first.OutputDirectory, second.OutputDirectory);
        Assert.Equal(first.ResolvedYaml.Split('\n').Where(l => !l.StartsWith('#')), second.ResolvedYaml.Split('\n').Where(l => !l.StartsWith('#')));
    }

    [Fact]
    public void BuiltinLibraryCarriesSourcesEverywhere()
    {
        string lib = ConfigLoader.BuiltinMaterialsYaml;
        foreach (string name in new[] { "NCM90", "Li3InCl6", "Li6PS5Cl", "Li-In" })
            Assert.Contains($"  {name}:", lib);
        // Every leaf value of the library has a source next to it: no plain "key: value-with-unit" outside model maps.
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(lib));
        var materials = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode)["materials"];
        foreach (var (_, material) in materials.Children)
        {
            foreach (var (key, value) in ((YamlDotNet.RepresentationModel.YamlMappingNode)material).Children)
            {
                string k = key.ToString();
                if (k is "kind" or "source") continue;
                var map = Assert.IsType<YamlDotNet.RepresentationModel.YamlMappingNode>(value);
                Assert.True(map.Children.ContainsKey(new YamlDotNet.RepresentationModel.YamlScalarNode("source")), $"{k} has no source");
            }
        }
    }
}
