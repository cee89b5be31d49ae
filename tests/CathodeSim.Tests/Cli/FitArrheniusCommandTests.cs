using System.Globalization;
using System.Text;
using System.Text.Json;
using CathodeSim.Analysis.Fitting;
using CathodeSim.IO.Config;
using CathodeSim.Tests.Analysis;

namespace CathodeSim.Tests.Cli;

/// <summary>`cathodesim fit-arrhenius` end to end: numbers, JSON, the config fragment (loadable), the plot, and bad input.</summary>
public sealed class FitArrheniusCommandTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-arrhenius-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out => Path.Combine(_dir, "out");

    /// <summary>Li3InCl6-like data, -20..25 degC, as 'T (degC),sigma (mS/cm)'.</summary>
    private string WriteData(string name, ArrheniusForm form, double noise, int seed = 1, double[]? temperatures = null)
    {
        var text = new StringBuilder("# synthetic Li3InCl6 conductivity\nT (degC),sigma (mS/cm)\n");
        foreach (var m in SyntheticConductivity.Data(form, noise, seed, temperatures))
            text.Append(CultureInfo.InvariantCulture, $"{m.Temperature - 273.15:0.##},{m.Conductivity * 10:R}\n");
        return Write(name, text.ToString());
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement Json(CliHarness.Outcome outcome)
    {
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        return JsonDocument.Parse(outcome.Out).RootElement.Clone();
    }

    private static void AssertNoStackTrace(CliHarness.Outcome outcome)
    {
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.DoesNotContain("Exception", outcome.Error);
    }

    private string LoadableConfig(string fragmentPath, string extra = "")
    {
        string config = Path.Combine(_dir, "fitted.yaml");
        File.WriteAllText(config, $"extends: {RepositoryPaths.File("configs", "b-ncm-65.yaml")}\n{extra}{File.ReadAllText(fragmentPath)}");
        return config;
    }

    [Fact]
    public void Json_ReportsEaWithItsStandardError_AndWritesTheFragmentAndThePlot()
    {
        string data = WriteData("li3incl6.csv", ArrheniusForm.SigmaT, noise: 0.02);
        var root = Json(CliHarness.Run("fit-arrhenius", data, "--json", "--output", Out));

        double ea = root.GetProperty("activation_energy_kJ_per_mol").GetDouble();
        double eaError = root.GetProperty("activation_energy_standard_error_kJ_per_mol").GetDouble();
        Assert.True(eaError > 0);
        Assert.True(Math.Abs(ea - 33) < 3 * eaError && Math.Abs(ea - 33) < 0.05 * 33, $"Ea {ea} +/- {eaError}");
        Assert.Equal(ea * 1e3 / 96485.33212, root.GetProperty("activation_energy_eV").GetDouble(), 6);
        Assert.True(root.GetProperty("activation_energy_standard_error_eV").GetDouble() > 0);
        double sigma = root.GetProperty("reference_conductivity_mS_per_cm").GetDouble();
        double sigmaError = root.GetProperty("reference_conductivity_standard_error_mS_per_cm").GetDouble();
        Assert.True(Math.Abs(sigma - 1.49) < 3 * sigmaError, $"sigma {sigma} +/- {sigmaError}");
        Assert.Equal(298.15, root.GetProperty("reference_temperature_K").GetDouble(), 9);
        Assert.Equal(ea - 8.314462618e-3 * 298.15, root.GetProperty("model_activation_energy_kJ_per_mol").GetDouble(), 9);
        Assert.InRange(root.GetProperty("r_squared").GetDouble(), 0.99, 1);
        Assert.True(root.GetProperty("prefactor_S_K_per_cm").GetDouble() > 0);
        Assert.Equal(10, root.GetProperty("points").GetInt32());
        Assert.Equal("sigmaT", root.GetProperty("form").GetString());
        Assert.Equal(10, root.GetProperty("measurements").GetArrayLength());
        Assert.Equal(3, root.GetProperty("measurements")[0].GetProperty("line").GetInt32());
        Assert.Empty(root.GetProperty("warnings").EnumerateArray());

        string yaml = Path.Combine(Out, "li3incl6_arrhenius.yaml"), png = Path.Combine(Out, "li3incl6_arrhenius.png");
        Assert.Equal([yaml, png], root.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(PngSignature, File.ReadAllBytes(png)[..PngSignature.Length]);
        string fragment = File.ReadAllText(yaml);
        Assert.Contains("materials:\n  Li3InCl6:\n", fragment);
        Assert.Contains("fit-arrhenius of li3incl6.csv, sigmaT form, 10 points, R^2 = ", fragment);
        Assert.Contains("reference_temperature: 25 degC", fragment);
        Assert.Empty(Directory.GetFiles(Out, "*.tmp*"));
    }

    [Theory]
    [InlineData(ArrheniusForm.SigmaT, "sigmaT", "Li3InCl6", "25 degC")]
    [InlineData(ArrheniusForm.Plain, "plain", "Li3InCl6", "0 degC")]
    [InlineData(ArrheniusForm.SigmaT, "sigmaT", "Li6PS5Cl", "300 K")]
    public void TheFragment_PastedIntoAConfigExtendingBNcm65_Loads_WithTheFittedValues(ArrheniusForm form, string formName, string material, string reference)
    {
        string data = WriteData("sigma.csv", form, noise: 0.01, seed: 4);
        var root = Json(CliHarness.Run("fit-arrhenius", data, "--json", "--output", Out, "--form", formName, "--material", material,
            "--reference-temperature", reference));

        var loaded = ConfigLoader.Load(LoadableConfig(Path.Combine(Out, "sigma_arrhenius.yaml")), []);
        var design = loaded.Setup.Design;
        var electrolyte = material == "Li3InCl6" ? design.CathodeElectrolyte : design.SeparatorElectrolyte;
        Assert.Equal(material, electrolyte.Name);
        double sigma = root.GetProperty("reference_conductivity_mS_per_cm").GetDouble() / 10;   // S/m
        Assert.Equal(sigma, electrolyte.IonicConductivity, 1e-5 * sigma);
        double ea = root.GetProperty("model_activation_energy_kJ_per_mol").GetDouble() * 1e3;
        Assert.Equal(ea, electrolyte.IonicConductivityTemperature.ActivationEnergy, 1e-5 * ea);
        Assert.Equal(root.GetProperty("reference_temperature_K").GetDouble(), electrolyte.IonicConductivityTemperature.ReferenceTemperature, 6);
        Assert.Equal(material == "Li3InCl6" ? 2690 : 1860, electrolyte.Density, 9);   // the rest of the built-in material is kept

        // The model then reproduces the fitted conductivity across the data; for the sigma T form it is the tangent at T_ref,
        // off by (1/2)(T_ref/T - 1)^2 = 1.7 % at -20 degC.
        foreach (var m in root.GetProperty("measurements").EnumerateArray())
        {
            double t = m.GetProperty("temperature_K").GetDouble();
            double fitted = m.GetProperty("fitted_conductivity_mS_per_cm").GetDouble() / 10;
            Assert.True(Math.Abs(electrolyte.IonicConductivity * electrolyte.IonicConductivityTemperature.At(t) / fitted - 1) < (form == ArrheniusForm.Plain ? 1e-5 : 0.02));
        }
    }

    [Fact]
    public void ANewMaterial_GetsAFragmentThatLoadsOnceItsDensityIsGiven()
    {
        string data = WriteData("new.csv", ArrheniusForm.SigmaT, noise: 0.01);
        var outcome = CliHarness.Run("fit-arrhenius", data, "--output", Out, "--material", "Li2ZrCl6");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("not in the built-in library", outcome.Error);
        string yaml = Path.Combine(Out, "new_arrhenius.yaml");
        string fragment = File.ReadAllText(yaml);
        Assert.Contains("    kind: electrolyte\n", fragment);
        File.WriteAllText(yaml, fragment.Replace("    # density: ... g/cm^3", "    density: 2.5 g/cm^3 #"));
        var loaded = ConfigLoader.Load(LoadableConfig(yaml, "cell:\n  cathode:\n    electrolyte: Li2ZrCl6\n"), []);
        Assert.Equal("Li2ZrCl6", loaded.Setup.Design.CathodeElectrolyte.Name);
    }

    [Fact]
    public void Table_ShowsEaInKjPerMolAndEv_WithStandardErrors()
    {
        string data = WriteData("table.csv", ArrheniusForm.SigmaT, noise: 0.02);
        var outcome = CliHarness.Run("fit-arrhenius", data, "--output", Out);
        Assert.Equal(0, outcome.ExitCode);
        foreach (string text in new[] { "activation energy Ea", "kJ/mol", "eV", "standard error", "sigma at 25 degC", "mS/cm", "R^2", "points", "deviation (%)", "wrote" })
            Assert.Contains(text, outcome.Human);
        Assert.Equal("", outcome.Out);
        Assert.True(File.Exists(Path.Combine(Out, "table_arrhenius.png")));
    }

    [Fact]
    public void PlainForm_ExactData_RecoversEa()
    {
        string data = WriteData("exact.csv", ArrheniusForm.Plain, noise: 0);
        var root = Json(CliHarness.Run("fit-arrhenius", data, "--json", "--output", Out, "--form", "plain"));
        Assert.Equal(33.0, root.GetProperty("activation_energy_kJ_per_mol").GetDouble(), 6);
        Assert.Equal(root.GetProperty("activation_energy_kJ_per_mol").GetDouble(), root.GetProperty("model_activation_energy_kJ_per_mol").GetDouble());
        Assert.Equal(1.49, root.GetProperty("reference_conductivity_mS_per_cm").GetDouble(), 6);
        Assert.True(root.TryGetProperty("prefactor_S_per_cm", out _));
    }

    [Fact]
    public void HeaderlessFile_UsesTheUnitOptions()
    {
        string data = Write("bare.tsv", "298.15\t0.149\n273.15\t0.0503\n253.15\t0.0171\n");
        var root = Json(CliHarness.Run("fit-arrhenius", data, "--json", "--output", Out, "--temperature-unit", "K", "--conductivity-unit", "S/m"));
        Assert.Equal(3, root.GetProperty("points").GetInt32());
        Assert.InRange(root.GetProperty("reference_conductivity_mS_per_cm").GetDouble(), 1.4, 1.6);
    }

    [Fact]
    public void TwoPoints_Fit_WithAWarningAndNullStandardErrors()
    {
        string data = WriteData("two.csv", ArrheniusForm.SigmaT, noise: 0, temperatures: [263.15, 298.15]);
        var outcome = CliHarness.Run("fit-arrhenius", data, "--json", "--output", Out);
        var root = Json(outcome);
        Assert.Contains("warning: only 2 measurements", outcome.Error);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("activation_energy_standard_error_kJ_per_mol").ValueKind);
        Assert.Equal(33.0, root.GetProperty("activation_energy_kJ_per_mol").GetDouble(), 6);
        Assert.Single(root.GetProperty("warnings").EnumerateArray());
        Assert.Contains("no error estimate", File.ReadAllText(Path.Combine(Out, "two_arrhenius.yaml")));
    }

    [Theory]
    [InlineData("T (degC),sigma (mS/cm)\n25,1.49\n0,oops\n-20,0.17\n", "bad.csv:3:", "'oops' in column 'sigma (mS/cm)' is not a number")]
    [InlineData("T (degC),sigma (mS/cm)\n25,1.49\n0,0.5\n-20,-0.17\n", "bad.csv:4:", "not positive")]
    [InlineData("T (K),sigma (mS/cm)\n298.15,1.49\n-5,0.5\n", "bad.csv:3:", "above absolute zero")]
    [InlineData("T (degC),sigma (mS/cm)\n25,1.49\n", "bad.csv:", "expected at least 2")]
    [InlineData("T (degC),sigma (mS/cm)\n25,1.49\n25,1.5\n25,1.48\n", "bad.csv:", "same temperature")]
    [InlineData("25,1.49\n0,0.5\n", "bad.csv:1:", "--conductivity-unit")]
    public void BadFile_ExitCode2_MessageWithFileAndLine_NoStackTrace_NothingWritten(string text, string location, string expected)
    {
        string data = Write("bad.csv", text);
        var outcome = CliHarness.Run("fit-arrhenius", data, "--output", Out);
        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("error: ", outcome.Error);
        Assert.Contains(location, outcome.Error);
        Assert.Contains(expected, outcome.Error);
        AssertNoStackTrace(outcome);
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [InlineData("--form", "arrhenius", "arrhenius")]
    [InlineData("--reference-temperature", "25", "--reference-temperature")]
    [InlineData("--reference-temperature", "-300 degC", "absolute zero")]
    [InlineData("--material", "NCM90", "not an electrolyte")]
    [InlineData("--conductivity-unit", "ohm cm", "--conductivity-unit")]
    public void BadOption_ExitCode2(string option, string value, string expected)
    {
        string data = WriteData("ok.csv", ArrheniusForm.SigmaT, noise: 0.01);
        var outcome = CliHarness.Run("fit-arrhenius", data, "--output", Out, option, value);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(expected, outcome.Error);
        AssertNoStackTrace(outcome);
    }

    [Fact]
    public void MissingFile_ExitCode2()
    {
        var outcome = CliHarness.Run("fit-arrhenius", Path.Combine(_dir, "nope.csv"), "--output", Out);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("nope.csv", outcome.Error);
        Assert.Contains("not found", outcome.Error);
        AssertNoStackTrace(outcome);
    }

    [Fact]
    public void UnwritableOutput_ExitCode2_BeforeFitting()
    {
        string data = WriteData("ok.csv", ArrheniusForm.SigmaT, noise: 0.01);
        string blocker = Write("blocker", "not a directory");
        var outcome = CliHarness.Run("fit-arrhenius", data, "--output", blocker);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("is a file, not a directory", outcome.Error);
        Assert.Equal("not a directory", File.ReadAllText(blocker));
        AssertNoStackTrace(outcome);
    }

    [Fact]
    public void Help_ShowsOptionsAndAnExample()
    {
        var outcome = CliHarness.Run("fit-arrhenius", "--help");
        Assert.Equal(0, outcome.ExitCode);
        foreach (string text in new[] { "--form", "--reference-temperature", "--material", "--output", "--json", "--temperature-unit", "--conductivity-unit", "Example" })
            Assert.Contains(text, outcome.Out);
    }
}
