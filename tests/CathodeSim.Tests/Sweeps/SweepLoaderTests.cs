using System.Diagnostics;
using System.Globalization;
using CathodeSim.IO.Config;
using CathodeSim.IO.Sweeps;
using CathodeSim.Model.Protocol;
using CathodeSim.Tests.Config;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Sweeps;

public sealed class SweepLoaderTests : IDisposable
{
    private readonly SweepTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string[] Texts(SweepPlan plan, string path) =>
        plan.Cases.Select(c => c.Values.Single(v => v.Path == path).Text).ToArray();

    private static double Number(string text) =>
        double.Parse(text.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture);

    // ------------------------------------------------------------------ combining

    [Fact]
    public void GridIsTheCartesianProductWithTheFirstParameterSlowest()
    {
        var plan = _files.Load("""
            name: g
            parameters:
              cell.cathode.active_mass_fraction: {values: [0.6, 0.7]}
              temperature: {values: [25 degC, 0 degC, -20 degC]}
            """);
        Assert.Equal(SweepMode.Grid, plan.Mode);
        Assert.Equal(["cell.cathode.active_mass_fraction", "temperature"], plan.ParameterPaths);
        Assert.Equal(6, plan.Cases.Count);
        Assert.Equal([0, 1, 2, 3, 4, 5], plan.Cases.Select(c => c.Index));
        Assert.Equal(["0.6", "0.6", "0.6", "0.7", "0.7", "0.7"], Texts(plan, "cell.cathode.active_mass_fraction"));
        Assert.Equal(["25 degC", "0 degC", "-20 degC", "25 degC", "0 degC", "-20 degC"], Texts(plan, "temperature"));

        var c4 = plan.Cases[4];
        Assert.Equal(["cell.cathode.active_mass_fraction=0.7", "temperature=0 degC"], c4.Overrides);
        var setup = Assert.Single(c4.Setups);
        Assert.Equal(0.7, setup.Design.Cathode.ActiveMassFraction);
        Assert.Equal(273.15, setup.Temperature, 12);
        Assert.Equal(273.15, c4.Values[1].Value, 12);
        Assert.False(c4.Values[1].Linked);
        Assert.Equal("g_case00004_protocol", setup.Name);

        // Default protocol: the base config's, under the name "protocol".
        var protocol = Assert.Single(plan.Protocols);
        Assert.Equal("protocol", protocol.Name);
        Assert.Equal(["Charge at 0.1C until 3.7 V", "Discharge at 0.1C until 2.1 V"], protocol.Steps);
        Assert.Equal(2, setup.Protocol.Count);
        Assert.Equal(Path.Combine(_files.Root, "base.yaml"), plan.BaseConfigPath);
        Assert.Equal(Path.Combine(_files.Root, "sweep.yaml"), plan.SourcePath);
    }

    [Fact]
    public void NameDefaultsToTheFileName()
    {
        var plan = _files.Load("parameters:\n  temperature: [25 degC]\n");
        Assert.Equal("sweep", plan.Name);
        Assert.Equal("sweep_case00000_protocol", plan.Cases[0].Setups[0].Name);
    }

    [Fact]
    public void ZipPairsTheIthValues()
    {
        var plan = _files.Load("""
            mode: zip
            parameters:
              cell.cathode.active_mass_fraction: {from: 0.6, to: 0.8, count: 3}
              temperature: [25 degC, 0 degC, -20 degC]
            """);
        Assert.Equal(SweepMode.Zip, plan.Mode);
        Assert.Equal(3, plan.Cases.Count);
        Assert.Equal(["0.6", "0.7", "0.8"], Texts(plan, "cell.cathode.active_mass_fraction"));
        Assert.Equal(["25 degC", "0 degC", "-20 degC"], Texts(plan, "temperature"));
        Assert.Equal(253.15, plan.Cases[2].Setups[0].Temperature, 12);
    }

    // ------------------------------------------------------------------ ranges

    [Fact]
    public void RangeByCountIncludesBothEnds()
    {
        var plan = _files.Load("parameters:\n  cell.cathode.active_mass_fraction: {from: 0.60, to: 0.80, count: 9}\n");
        Assert.Equal(["0.6", "0.625", "0.65", "0.675", "0.7", "0.725", "0.75", "0.775", "0.8"], Texts(plan, "cell.cathode.active_mass_fraction"));
        Assert.Equal(0.675, plan.Cases[3].Setups[0].Design.Cathode.ActiveMassFraction);
    }

    [Fact]
    public void RangeByStepIncludesTheEndWithinRounding()
    {
        var plan = _files.Load("parameters:\n  cell.cathode.void_fraction: {from: 0.05, to: 0.25, step: 0.05}\n");
        Assert.Equal(["0.05", "0.1", "0.15", "0.2", "0.25"], Texts(plan, "cell.cathode.void_fraction"));

        // 0.1 + 0.1 + ... does not land exactly on 0.7; the end is still included.
        plan = _files.Load("parameters:\n  cell.cathode.active_mass_fraction: {from: 0.1, to: 0.7, step: 0.1}\n");
        Assert.Equal(["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"], Texts(plan, "cell.cathode.active_mass_fraction"));

        // An end between steps is not reached.
        plan = _files.Load("parameters:\n  cell.cathode.void_fraction: {from: 0.05, to: 0.22, step: 0.05}\n");
        Assert.Equal(["0.05", "0.1", "0.15", "0.2"], Texts(plan, "cell.cathode.void_fraction"));
    }

    [Fact]
    public void DescendingRangeByCount()
    {
        var plan = _files.Load("parameters:\n  cell.cathode.void_fraction: {from: 0.3, to: 0.1, count: 3}\n");
        Assert.Equal(["0.3", "0.2", "0.1"], Texts(plan, "cell.cathode.void_fraction"));
    }

    [Fact]
    public void LogRangeKeepsTheUnitOfFrom()
    {
        var plan = _files.Load("parameters:\n  cell.cathode.particle_size.d50: {from: 1 um, to: 10 um, count: 5, scale: log}\n");
        var texts = Texts(plan, "cell.cathode.particle_size.d50");
        Assert.Equal("1 um", texts[0]);
        Assert.Equal("10 um", texts[^1]);
        Assert.All(texts, t => Assert.EndsWith(" um", t));
        for (int i = 0; i < 5; i++)
        {
            double expected = Math.Pow(10, i / 4.0);
            Assert.Equal(expected, Number(texts[i]), 12);
            Assert.Equal(expected * 1e-6, plan.Cases[i].Values[0].Value, 1e-18);
        }
        var d50 = plan.Cases.Select(c => ((CathodeSim.Model.Microstructure.LognormalSizeDistribution)c.Setups[0].Design.Cathode.ParticleSizes).MedianDiameter).ToArray();
        Assert.Equal(1e-6, d50[0], 1e-18);
        Assert.Equal(1e-5, d50[^1], 1e-18);
    }

    [Fact]
    public void EndsInOtherUnitsAreConverted()
    {
        var plan = _files.Load("parameters:\n  cell.cathode.particle_size.d50: {from: 1 um, to: 0.01 mm, count: 2}\n");
        Assert.Equal(["1 um", "10 um"], Texts(plan, "cell.cathode.particle_size.d50"));
    }

    [Fact]
    public void TemperatureRangeInDegreesCelsiusRoundTrips()
    {
        string[] expected = ["-20 degC", "-15 degC", "-10 degC", "-5 degC", "0 degC", "5 degC", "10 degC", "15 degC", "20 degC", "25 degC"];
        var plan = _files.Load("parameters:\n  temperature: {from: -20 degC, to: 25 degC, step: 5 degC}\n");
        Assert.Equal(expected, Texts(plan, "temperature"));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(253.15 + 5 * i, plan.Cases[i].Setups[0].Temperature, 9);
            Assert.Equal(plan.Cases[i].Setups[0].Temperature, plan.Cases[i].Values[0].Value);
        }

        // The end in K and the step in K (a difference, not an absolute temperature) give the same texts.
        plan = _files.Load("parameters:\n  temperature: {from: -20 degC, to: 298.15 K, step: 5 K}\n");
        Assert.Equal(expected, Texts(plan, "temperature"));
    }

    // ------------------------------------------------------------------ sampling

    private const string Sampled = """
        mode: {0}
        samples: 20
        seed: {1}
        parameters:
          cell.cathode.active_mass_fraction: {{from: 0.6, to: 0.8}}
          cell.cathode.particle_size.d50: {{from: 1 um, to: 10 um, scale: log}}
          temperature: {{from: -20 degC, to: 25 degC}}
        """;

    [Theory]
    [InlineData("random", SweepMode.Random)]
    [InlineData("lhs", SweepMode.LatinHypercube)]
    public void SamplingIsDeterministicForASeedAndStaysInBounds(string mode, SweepMode expected)
    {
        string text = string.Format(CultureInfo.InvariantCulture, Sampled, mode, 7);
        var a = _files.Load(text);
        var b = _files.Load(text);
        var c = _files.Load(string.Format(CultureInfo.InvariantCulture, Sampled, mode, 8));
        Assert.Equal(expected, a.Mode);
        Assert.Equal(20, a.Cases.Count);
        Assert.Equal(a.Cases.SelectMany(x => x.Overrides), b.Cases.SelectMany(x => x.Overrides));
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.NotEqual(a.Cases.SelectMany(x => x.Overrides), c.Cases.SelectMany(x => x.Overrides));

        Assert.All(Texts(a, "cell.cathode.active_mass_fraction").Select(Number), v => Assert.InRange(v, 0.6, 0.8));
        Assert.All(Texts(a, "cell.cathode.particle_size.d50"), t => Assert.EndsWith(" um", t));
        Assert.All(Texts(a, "cell.cathode.particle_size.d50").Select(Number), v => Assert.InRange(v, 1, 10));
        Assert.All(Texts(a, "temperature"), t => Assert.EndsWith(" degC", t));
        Assert.All(Texts(a, "temperature").Select(Number), v => Assert.InRange(v, -20, 25));
        Assert.All(a.Cases, x => Assert.InRange(x.Setups[0].Temperature, 253.15 - 1e-9, 298.15 + 1e-9));
    }

    [Fact]
    public void SeedDefaultsToOne()
    {
        string withSeed = string.Format(CultureInfo.InvariantCulture, Sampled, "random", 1);
        string without = withSeed.Replace("seed: 1\n", "");
        Assert.DoesNotContain("seed", without);
        Assert.Equal(_files.Load(withSeed).Cases.SelectMany(x => x.Overrides), _files.Load(without).Cases.SelectMany(x => x.Overrides));
    }

    [Fact]
    public void LatinHypercubeHitsEveryStratumOncePerParameter()
    {
        const int n = 20;
        var plan = _files.Load(string.Format(CultureInfo.InvariantCulture, Sampled, "lhs", 3));
        var fraction = Texts(plan, "cell.cathode.active_mass_fraction").Select(t => (Number(t) - 0.6) / 0.2);
        var d50 = Texts(plan, "cell.cathode.particle_size.d50").Select(t => Math.Log10(Number(t))); // log strata
        var temperature = Texts(plan, "temperature").Select(t => (Number(t) + 20) / 45);
        foreach (var unit in new[] { fraction, d50, temperature })
        {
            var strata = unit.Select(u => Math.Min(n - 1, (int)Math.Floor(u * n))).OrderBy(s => s).ToArray();
            Assert.Equal(Enumerable.Range(0, n), strata);
        }
    }

    // ------------------------------------------------------------------ linked, protocols, overrides

    [Fact]
    public void LinkedParameterFollowsTheSweptOne()
    {
        var plan = _files.Load("""
            parameters:
              cell.cathode.active_mass_fraction: {from: 0.60, to: 0.80, step: 0.05}
            linked:
              cell.cathode.mass: {follows: cell.cathode.active_mass_fraction, scale: 3.575, inverse: true, unit: mg}
              cell.cathode.void_fraction: {follows: cell.cathode.active_mass_fraction, scale: -0.5, offset: 0.5}
            """);
        Assert.Equal(["cell.cathode.mass", "cell.cathode.void_fraction"], plan.LinkedPaths);
        Assert.Equal(5, plan.Cases.Count);
        foreach (var c in plan.Cases)
        {
            double x = c.Values[0].Value;
            var mass = c.Values.Single(v => v.Path == "cell.cathode.mass");
            Assert.True(mass.Linked);
            Assert.EndsWith(" mg", mass.Text);
            Assert.Equal(3.575 / x, Number(mass.Text), 12);
            Assert.Equal(3.575e-6 / x, c.Setups[0].Design.Cathode.CathodeMass, 15);
            Assert.Equal(3.575e-6, c.Setups[0].Design.Cathode.CathodeMass * c.Setups[0].Design.Cathode.ActiveMassFraction, 15);
            Assert.Equal(0.5 - 0.5 * x, c.Setups[0].Design.Cathode.VoidFraction, 12);
            Assert.Contains($"cell.cathode.mass={mass.Text}", c.Overrides);
        }
        Assert.Equal("5.5 mg", plan.Cases[1].Values[1].Text);
    }

    [Fact]
    public void EveryCaseRunsEveryProtocol()
    {
        var plan = _files.Load("""
            name: rate
            parameters:
              cell.cathode.active_mass_fraction: [0.6, 0.7]
            protocols:
              0.1C: [Charge at 0.1C until 3.7 V, Discharge at 0.1C until 2.1 V]
              C/2 fast: [Charge at 0.5C until 3.7 V, Rest for 10 min, Discharge at 0.5C until 2.1 V]
            """);
        Assert.Equal(["0.1C", "C/2 fast"], plan.Protocols.Select(p => p.Name));
        Assert.Equal(["Charge at 0.5C until 3.7 V", "Rest for 10 min", "Discharge at 0.5C until 2.1 V"], plan.Protocols[1].Steps);
        foreach (var c in plan.Cases)
        {
            Assert.Equal(2, c.Setups.Count);
            Assert.Equal($"rate_case{c.Index:D5}_0.1C", c.Setups[0].Name);
            Assert.Equal($"rate_case{c.Index:D5}_C_2_fast", c.Setups[1].Name);
            Assert.Equal(2, c.Setups[0].Protocol.Count);
            Assert.Equal(3, c.Setups[1].Protocol.Count);
            var discharge = Assert.IsType<CurrentStep>(c.Setups[1].Protocol[2]);
            Assert.Equal(new CRateSetpoint(0.5), discharge.Current);
            Assert.IsType<RestStep>(c.Setups[1].Protocol[1]);
            Assert.Equal(c.Setups[0].Design, c.Setups[1].Design);
        }
    }

    [Fact]
    public void SetAndExtraOverridesApplyToEveryCaseInOrder()
    {
        var plan = _files.Load("""
            set: [numerics.size_bins=3, temperature=10 degC]
            parameters:
              cell.cathode.active_mass_fraction: [0.6, 0.7]
            """, "numerics.size_bins=2", "cell.cathode.mass=6 mg");
        foreach (var c in plan.Cases)
        {
            Assert.Equal(["numerics.size_bins=3", "temperature=10 degC", "numerics.size_bins=2", "cell.cathode.mass=6 mg"], c.Overrides.Take(4));
            Assert.Equal(2, c.Setups[0].Numerics.SizeBins);
            Assert.Equal(283.15, c.Setups[0].Temperature, 12);
            Assert.Equal(6e-6, c.Setups[0].Design.Cathode.CathodeMass, 15);
        }
        Assert.Contains("#   --set numerics.size_bins=2", plan.ResolvedDefinitionYaml);
        Assert.Contains("#   --set cell.cathode.mass=6 mg", plan.ResolvedDefinitionYaml);
        Assert.Contains("set: [numerics.size_bins=3, temperature=10 degC]", plan.ResolvedDefinitionYaml);
    }

    [Fact]
    public void SweptValueWinsOverSet()
    {
        var plan = _files.Load("set: [temperature=10 degC]\nparameters:\n  temperature: [0 degC]\n");
        Assert.Equal(273.15, plan.Cases[0].Setups[0].Temperature, 12);
    }

    [Fact]
    public void NonNumericValuesPassThroughWithNaNValue()
    {
        var plan = _files.Load("parameters:\n  cell.cathode.active_material: [NCM90]\n");
        var value = Assert.Single(plan.Cases[0].Values);
        Assert.Equal("NCM90", value.Text);
        Assert.True(double.IsNaN(value.Value));
        Assert.Equal("NCM90", plan.Cases[0].Setups[0].Design.Active.Name);
    }

    // ------------------------------------------------------------------ fingerprint

    [Fact]
    public void FingerprintIsStableAndChangesWithAnyValue()
    {
        const string text = "parameters:\n  cell.cathode.active_mass_fraction: {from: 0.6, to: 0.8, count: 3}\n";
        var a = _files.Load(text);
        var b = _files.Load(text);
        Assert.Matches("^[0-9a-f]{64}$", a.Fingerprint);
        Assert.Equal(a.Fingerprint, b.Fingerprint);

        Assert.NotEqual(a.Fingerprint, _files.Load(text.Replace("0.8", "0.75")).Fingerprint);
        Assert.NotEqual(a.Fingerprint, _files.Load(text, "temperature=0 degC").Fingerprint);
        Assert.NotEqual(a.Fingerprint, _files.Load(text + "protocols:\n  slow: [Discharge at 0.05C until 2.1 V]\n").Fingerprint);

        // The base config's content counts too.
        File.WriteAllText(Path.Combine(_files.Root, "base.yaml"), ConfigTestFiles.Minimal.Replace("film_resistance: 5 ohm cm^2", "film_resistance: 6 ohm cm^2"));
        Assert.NotEqual(a.Fingerprint, _files.Load(text).Fingerprint);
    }

    [Fact]
    public void FingerprintDoesNotDependOnWhereTheFilesAre()
    {
        // The child changes a value of a sourced map, so the resolved tree's source names the child file by path.
        static SweepPlan LoadIn(SweepTestFiles files)
        {
            File.WriteAllText(Path.Combine(files.Root, "lib.yaml"),
                ConfigTestFiles.Minimal.Replace("mass: 5.5 mg", "mass: {value: 5.5 mg, source: seed}"));
            File.WriteAllText(Path.Combine(files.Root, "child.yaml"), "extends: lib.yaml\ncell:\n  cathode:\n    mass: {value: 6 mg}\n");
            return files.Load("base: child.yaml\nparameters:\n  temperature: [0 degC, 10 degC]\n");
        }
        using var other = new SweepTestFiles();
        var a = LoadIn(_files);
        var b = LoadIn(other);
        Assert.NotEqual(a.BaseConfigPath, b.BaseConfigPath);
        Assert.Equal(6e-6, a.Cases[0].Setups[0].Design.Cathode.CathodeMass, 15);
        Assert.Equal(a.Fingerprint, b.Fingerprint);
    }

    // ------------------------------------------------------------------ errors: file, line, key, case

    [Fact]
    public void UnknownKeySuggestsTheClosest()
    {
        var e = _files.Fails("parameters:\n  temperature: [0 degC]\nprotocls:\n  a: [Rest for 1 h]\n", "protocls:");
        Assert.EndsWith("protocls: unknown key; did you mean 'protocols'?", e.Message);

        e = _files.Fails("parameters:\n  temperature: {valus: [0 degC]}\n", "temperature:");
        Assert.Contains("parameters.temperature.valus: unknown key; did you mean 'values'?", e.Message);

        e = _files.Fails("parameters:\n  x: {from: 1, to: 2, count: 2}\nlinked:\n  temperature: {folows: x}\n", "temperature: {folows");
        Assert.Contains("linked.temperature.folows: unknown key; did you mean 'follows'?", e.Message);
    }

    [Fact]
    public void UnknownParameterPathIsRejected()
    {
        var e = _files.Fails("parameters:\n  temperature: [0 degC]\n  cell.cathode.mas: {from: 5 mg, to: 6 mg, count: 2}\n", "cell.cathode.mas:");
        Assert.Equal("parameters.cell.cathode.mas", e.KeyPath);
        Assert.Contains("not a config path (cell.cathode.mas: unknown key; did you mean 'mass'?)", e.Message);

        e = _files.Fails("parameters:\n  cell.cathod.mass: [5 mg]\n", "cell.cathod.mass:");
        Assert.Contains("did you mean 'cathode'?", e.Message);

        e = _files.Fails("parameters:\n  temperature.value: [5 degC]\n", "temperature.value:");
        Assert.Contains("not a config path", e.Message);
    }

    [Theory]
    [InlineData("{from: 0.6, to: 0.8, count: 0}", "count: must be at least 1")]
    [InlineData("{from: 0.6, to: 0.8, step: 0}", "step: must be positive")]
    [InlineData("{from: 0.6, to: 0.8, step: -0.1}", "step: must be positive")]
    [InlineData("{from: 0.8, to: 0.6, step: 0.1}", "to: empty range: to (0.6) is below from (0.8) and the step is positive")]
    [InlineData("{from: 0.6, to: 0.8, count: 3, step: 0.1}", "step: give either count or step, not both")]
    [InlineData("{from: 0.6, to: 0.8}", "count: missing required value; expected count or step")]
    [InlineData("{to: 0.8, count: 3}", "from: missing required value")]
    [InlineData("{from: 0.6, to: 8 um, count: 3}", "to: expected a plain number like from, got '8 um', which is a length")]
    [InlineData("{from: 0.6, to: 0.8, step: 0.1, scale: log}", "step: a log range takes count, not step")]
    [InlineData("{from: 0, to: 0.8, count: 3, scale: log}", "scale: a log range needs from and to above zero")]
    [InlineData("{from: 0.6, to: 0.8, count: 3, scale: logarithmic}", "scale: expected linear or log")]
    [InlineData("{values: []}", "values: empty list")]
    [InlineData("{values: [0.6], from: 0.6}", "from: give either values or a range")]
    [InlineData("{from: 0.6 zz, to: 0.8, count: 3}", "from: cannot read unit 'zz'")]
    public void BadRangesAreRejected(string spec, string message)
    {
        var e = _files.Fails($"parameters:\n  cell.cathode.active_mass_fraction: {spec}\n", "active_mass_fraction:");
        Assert.Contains($"parameters.cell.cathode.active_mass_fraction.{message}", e.Message);
    }

    [Fact]
    public void LogRangeInDegreesCelsiusIsRejected()
    {
        var e = _files.Fails("parameters:\n  temperature: {from: 1 degC, to: 25 degC, count: 3, scale: log}\n", "temperature:");
        Assert.Contains("write the range in K", e.Message);
    }

    [Fact]
    public void ValueOutsideThePhysicalRangeNamesTheCase()
    {
        var e = _files.Fails("parameters:\n  cell.cathode.active_mass_fraction: {from: 0.8, to: 1.2, step: 0.1}\n", "active_mass_fraction:");
        Assert.Equal("parameters.cell.cathode.active_mass_fraction", e.KeyPath);
        // 0.8, 0.9 are fine; 1 (case 2) is the first value out of range.
        Assert.Contains("case 2 (cell.cathode.active_mass_fraction=1): --set cell.cathode.active_mass_fraction=1: cell.cathode.active_mass_fraction: must be between 0 and 1 (exclusive), got '1'", e.Message);
    }

    [Fact]
    public void LinkedValueLeavingThePhysicalRangeNamesTheCase()
    {
        const string text = """
            parameters:
              temperature: [25 degC, 0 degC]
              cell.cathode.active_mass_fraction: {from: 0.6, to: 0.8, step: 0.1}
            linked:
              cell.cathode.mass: {follows: cell.cathode.active_mass_fraction, scale: -40, offset: 30, unit: mg}
            """;
        var e = _files.Fails(text, "cell.cathode.mass:");
        Assert.Equal("linked.cell.cathode.mass", e.KeyPath);
        // 30 - 40 x <= 0 first for x = 0.8, in case 2.
        Assert.Contains("case 2 (temperature=25 degC, cell.cathode.active_mass_fraction=0.8): --set cell.cathode.mass=-2 mg: cell.cathode.mass: must be positive", e.Message);
    }

    [Fact]
    public void LinkedMustFollowASweptParameter()
    {
        var e = _files.Fails("parameters:\n  temperature: [0 degC]\nlinked:\n  cell.cathode.mass: {follows: temprature, unit: mg}\n", "follows: temprature");
        Assert.Contains("'temprature' is not a swept parameter (linked parameters follow swept ones); did you mean 'temperature'?", e.Message);

        e = _files.Fails("parameters:\n  temperature: [0 degC]\nlinked:\n  temperature: {follows: temperature}\n", "  temperature: {follows");
        Assert.Contains("already a swept parameter", e.Message);
    }

    [Fact]
    public void ZipWithListsOfDifferentLengthsNamesTheLengths()
    {
        var e = _files.Fails("""
            mode: zip
            parameters:
              cell.cathode.active_mass_fraction: {from: 0.6, to: 0.8, count: 3}
              temperature: [25 degC, 0 degC]
            """, "parameters:");
        Assert.Contains("mode zip needs lists of the same length, got cell.cathode.active_mass_fraction: 3, temperature: 2", e.Message);
    }

    [Theory]
    [InlineData("samples: 5\nparameters:\n  temperature: [0 degC]\n", "samples:", "samples: only used by mode random or lhs (this sweep's mode is grid)")]
    [InlineData("mode: zip\nseed: 5\nparameters:\n  temperature: [0 degC]\n", "seed:", "seed: only used by mode random or lhs")]
    [InlineData("mode: random\nparameters:\n  temperature: {from: 0 degC, to: 5 degC}\n", "mode:", "samples: missing required value")]
    [InlineData("mode: lhs\nsamples: 4\nparameters:\n  temperature: [0 degC, 5 degC]\n", "temperature:", "mode lhs samples inside ranges")]
    [InlineData("mode: random\nsamples: 4\nparameters:\n  temperature: {from: 0 degC, to: 5 degC, count: 3}\n", "count: 3", "count: not used by mode random")]
    [InlineData("mode: gird\nparameters:\n  temperature: [0 degC]\n", "mode:", "unknown mode 'gird'; did you mean 'grid'?")]
    [InlineData("parameters: {}\n", "parameters:", "expected at least one parameter")]
    [InlineData("name: a/b\nparameters:\n  temperature: [0 degC]\n", "name:", "may not contain")]
    [InlineData("set: [numerics.size_bin=3]\nparameters:\n  temperature: [0 degC]\n", "set:", "set[0]: --set numerics.size_bin=3: numerics.size_bin: unknown key; did you mean 'size_bins'?")]
    [InlineData("parameters:\n  temperature: [0 degC]\nprotocols:\n  a: [Dance at 1C]\n", "Dance", "protocols.a[0]: step 'Dance at 1C': unknown step")]
    [InlineData("parameters:\n  protocol[0]: [Rest for 1 h]\nprotocols:\n  a: [Rest for 2 h]\n", "protocol[0]:", "the sweep's protocols replace the base config's protocol")]
    [InlineData("parameters:\n  temperature: [0 degC, 25]\n", "temperature:", "case 1 (temperature=25): --set temperature=25: temperature: expected a temperature such as '25 degC', got '25'")]
    public void BadSweepFilesAreRejected(string text, string lineFragment, string message)
    {
        var e = _files.Fails(text, lineFragment);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void MissingOrAbsentBaseIsRejected()
    {
        string path = Path.Combine(_files.Root, "nobase.yaml");
        File.WriteAllText(path, "parameters:\n  temperature: [0 degC]\n");
        var e = Assert.Throws<ConfigException>(() => SweepLoader.Load(path, []));
        Assert.Equal(path, e.File);
        Assert.Contains("base: missing required value", e.Message);

        e = _files.Fails("base: nothere.yaml\nparameters:\n  temperature: [0 degC]\n", "base:");
        Assert.Contains("base configuration 'nothere.yaml' not found", e.Message);
    }

    [Fact]
    public void BadExtraOverrideKeepsItsOwnMessage()
    {
        string path = _files.Write("parameters:\n  temperature: [0 degC]\n");
        var e = Assert.Throws<ConfigException>(() => SweepLoader.Load(path, ["numerics.size_bin=3"]));
        Assert.Equal("--set numerics.size_bin=3", e.File);
        Assert.Contains("did you mean 'size_bins'?", e.Message);
    }

    // ------------------------------------------------------------------ shipped files, size

    [Theory]
    [InlineData("ncm-fraction.yaml", 9, 1)]
    [InlineData("particle-size.yaml", 7, 1)]
    [InlineData("temperature.yaml", 10, 1)]
    [InlineData("ncm-fraction-vs-rate.yaml", 5, 4)]
    public void ShippedSweepsLoad(string file, int cases, int protocols)
    {
        var plan = SweepLoader.Load(RepositoryPaths.File("configs", "sweeps", file), []);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), plan.Name);
        Assert.Equal(cases, plan.Cases.Count);
        Assert.Equal(protocols, plan.Protocols.Count);
        Assert.Equal(RepositoryPaths.File("configs", "b-ncm-65.yaml"), plan.BaseConfigPath);
        Assert.All(plan.Cases, c => Assert.Equal(protocols, c.Setups.Count));
        Assert.Equal(cases * protocols, plan.Cases.SelectMany(c => c.Setups).Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void ShippedSweepsHaveTheDocumentedValues()
    {
        var fraction = SweepLoader.Load(RepositoryPaths.File("configs", "sweeps", "ncm-fraction.yaml"), []);
        Assert.Equal(["0.6", "0.625", "0.65", "0.675", "0.7", "0.725", "0.75", "0.775", "0.8"], Texts(fraction, "cell.cathode.active_mass_fraction"));
        Assert.All(fraction.Cases, c => Assert.Equal(5.5e-6, c.Setups[0].Design.Cathode.CathodeMass, 15));

        var temperature = SweepLoader.Load(RepositoryPaths.File("configs", "sweeps", "temperature.yaml"), []);
        Assert.Equal("-20 degC", Texts(temperature, "temperature")[0]);
        Assert.Equal("25 degC", Texts(temperature, "temperature")[^1]);

        var rate = SweepLoader.Load(RepositoryPaths.File("configs", "sweeps", "ncm-fraction-vs-rate.yaml"), []);
        Assert.Equal(["0.1C", "0.2C", "0.5C", "1C"], rate.Protocols.Select(p => p.Name));
        Assert.Equal(["0.6", "0.65", "0.7", "0.75", "0.8"], Texts(rate, "cell.cathode.active_mass_fraction"));
    }

    [Fact]
    public void ThousandCaseGrid_ExpandsToEveryDistinctCombination()
    {
        string path = _files.Write("""
            parameters:
              cell.cathode.active_mass_fraction: {from: 0.50, to: 0.80, count: 10}
              cell.cathode.particle_size.d50: {from: 1 um, to: 10 um, count: 10, scale: log}
              temperature: {from: -20 degC, to: 25 degC, count: 10}
            protocols:
              slow: [Charge at 0.1C until 3.7 V, Discharge at 0.1C until 2.1 V]
              fast: [Charge at 1C until 3.7 V, Discharge at 1C until 2.1 V]
            """);
        // Load time is measured by the SweepBenchmark, not asserted here.
        var plan = SweepLoader.Load(path, []);
        Assert.Equal(1000, plan.Cases.Count);
        Assert.Equal(1000, plan.Cases.Select(c => string.Join("|", c.Values.Select(v => v.Text))).Distinct().Count());
        Assert.All(plan.Cases, c => Assert.Equal(2, c.Setups.Count));
    }
}
