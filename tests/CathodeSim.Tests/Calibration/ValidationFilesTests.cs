using CathodeSim.Analysis.Calibration;
using CathodeSim.Analysis.Validation;
using CathodeSim.IO.Config;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Output;
using CathodeSim.IO.Validation;

namespace CathodeSim.Tests.Calibration;

public sealed class ValidationFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-validation-files-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Repo(params string[] parts) => RepositoryPaths.File(parts).Replace('\\', '/');

    [Fact]
    public void MeasuredTable_ShippedSeedTables_HaveTenRowsPerCathode()
    {
        var rows = MeasuredResistanceTable.Read(Repo("validation", "eis_fits_tables_S2_S4.csv"));
        Assert.Equal(30, rows.Count);
        Assert.All(new[] { "m-NCM", "s-NCM", "B-NCM" }, c => Assert.Equal(10, rows.Count(r => r.Cathode == c)));
        var last = rows.Single(r => r.Cathode == "B-NCM" && r.State.Cycle == 50);
        Assert.Equal(128.7, last.CathodeInterface);
        Assert.Equal(128.7, last["R_cathode_SE"]);
    }

    [Fact]
    public void MeasuredTable_MalformedLine_NamesFileAndLine()
    {
        string path = Write("t.csv", "# c\n" + MeasuredResistanceTable.Header + "\nB-NCM,1,charge,3.2,45,14,2\nB-NCM,one,charge,3.2,45,14,2\n");
        var e = Assert.Throws<MeasurementFileException>(() => MeasuredResistanceTable.Read(path));
        Assert.Equal(4, e.Line);
        Assert.Contains("cycle (1 or more)", e.Message);
    }

    [Fact]
    public void ReportedResults_ShippedFile_HasTheFirstDischargeCapacity()
    {
        var results = ReportedResults.Read(Repo("validation", "reported_results.csv"));
        Assert.Equal(216.4, results["cap_opt"].Value);
        Assert.Equal(0.65, results["ratio_opt"].Value);
    }

    [Fact]
    public void ShippedCases_AllLoad_WithTheirFitPredictSplit()
    {
        var cases = ValidationCaseReader.ReadDirectory(Repo("validation", "cases"));
        Assert.True(cases.Count >= 8);
        Assert.Contains(cases, c => c is SeparatorResistanceCase);
        Assert.Contains(cases, c => c is RetentionTrendCase);
        Assert.Contains(cases, c => c is RatioOptimumCase);
        var bncm = cases.OfType<EisTableCase>().Single(c => c.Cathode == "B-NCM" && c.Rows.Count == 10);
        var first = bncm.Rows.First(r => r.State.Cycle == 1);
        var fifty = bncm.Rows.Single(r => r.State.Cycle == 50);
        Assert.Equal(DataRole.Fitted, bncm.RoleOf(first, "R_cathode_SE"));
        Assert.Equal(DataRole.Predicted, bncm.RoleOf(first, "R_anode_SE"));
        Assert.Equal(DataRole.Predicted, bncm.RoleOf(fifty, "R_cathode_SE"));
        // s-NCM and m-NCM: nothing fitted, only microstructure changed (and stated).
        foreach (var other in cases.OfType<EisTableCase>().Where(c => c.Cathode != "B-NCM"))
        {
            Assert.Empty(other.FittedCycles);
            Assert.All(other.Setup.Overrides, o => Assert.StartsWith("cell.cathode.", o));
        }
        Assert.Contains(cases, c => c.Setup.Quick);
    }

    [Theory]
    [InlineData("kind: eis_tabel\n", "did you mean 'eis_table'")]
    [InlineData("kind: metric\nconfig: nowhere.yaml\n", "'nowhere.yaml' not found")]
    [InlineData("kind: metric\nconfig: CONFIG\nmetric: capacity\n", "unknown result 'capacity'")]
    [InlineData("kind: metric\nconfig: CONFIG\nmetric: discharge_capacity_mAh_per_g\nmeasured: {file: RESULTS, id: cap_max}\nrelative_tolerance: 0.03\nrole: fitted\n", "no result 'cap_max'")]
    [InlineData("kind: metric\nconfig: CONFIG\nmetric: discharge_capacity_mAh_per_g\nmeasured: {file: RESULTS, id: cap_opt}\nrelative_tolerance: 0.03\nrole: guessed\n", "expected fitted or predicted")]
    [InlineData("kind: metric\nconfig: CONFIG\nset: [cell.cathode.mass=-1 mg]\n", "does not load")]
    public void BadCaseFiles_AreRejected_WithFileLineAndWhatIsExpected(string body, string message)
    {
        string path = Write("case.yaml", "name: test\n" + body.Replace("CONFIG", Repo("configs", "b-ncm-65.yaml")).Replace("RESULTS", Repo("validation", "reported_results.csv")));
        var e = Assert.Throws<ConfigException>(() => ValidationCaseReader.Read(path));
        Assert.Contains(message, e.Message);
        Assert.Contains("case.yaml:", e.Message);
    }

    [Fact]
    public void ShippedCalibration_Loads_WithSevenParametersAndTwentyOneMeasuredValues()
    {
        var d = CalibrationReader.Read(Repo("configs", "calibration", "b-ncm-65.yaml"), []);
        Assert.Equal(7, d.Keys.Count);
        Assert.Equal(ParameterScale.Log, d.Keys[0].Parameter.Scale);
        Assert.Equal(1.1, d.Keys[0].Parameter.Initial, 12);            // 1.1 A/m^2 in SI
        Assert.Equal(0.2, d.Keys[1].Parameter.Initial, 12);            // 2.0 mS/cm = 0.2 S/m
        Assert.Equal("mS/cm", d.Keys[1].Unit);
        Assert.Equal("cell.separator.conductivity=1.7 mS/cm", d.Keys[1].Override(0.17));
        var eis = d.Data.OfType<EisResistanceData>().Single();
        Assert.Equal(18, eis.Rows.Count * eis.Quantities.Count);
        // The pressed composite's coordination number, bounded by German 2014's range.
        Assert.Equal("cell.cathode.electrolyte_contacts.coordination_number", d.Keys[6].Key);
        Assert.Equal(6.5, d.Keys[6].Parameter.Lower, 12);
        Assert.Equal(13, d.Keys[6].Parameter.Upper, 12);
        // The first discharge capacity and the 50-cycle retentions at 30 and 35 wt% Li3InCl6.
        Assert.Equal(3, d.Data.OfType<MetricData>().Count());
    }

    [Theory]
    [InlineData("{key: cell.cathode.nonsense, initial: 0.5, bounds: [0.1, 1]}", "does not accept")]
    [InlineData("{key: cell.separator.conductivity, initial: 1.7 mS/cm, bounds: [0.5 mS/cm, 5 ohm]}", "not in the dimension of initial")]
    [InlineData("{key: cell.separator.conductivity, initial: 9 mS/cm, bounds: [0.5 mS/cm, 5 mS/cm]}", "outside its bounds")]
    [InlineData("{key: cell.separator.conductivity, initial: 1.7 mS/cm, bounds: [0.5 mS/cm, 5 mS/cm], scale: cubic}", "expected linear or log")]
    public void BadCalibrationParameters_AreRejectedBeforeAnythingRuns(string parameter, string message)
    {
        string path = Write("cal.yaml", $"config: {Repo("configs", "b-ncm-65.yaml")}\nparameters:\n  - {parameter}\ndata:\n"
            + $"  - {{kind: metric, metric: discharge_capacity_mAh_per_g, measured: {{file: {Repo("validation", "reported_results.csv")}, id: cap_opt}}, relative_uncertainty: 0.01}}\n");
        var e = Assert.Throws<ConfigException>(() => CalibrationReader.Read(path, []));
        Assert.Contains(message, e.Message);
        Assert.Contains("cal.yaml:", e.Message);
    }

    [Fact]
    public void CalibratedConfig_RoundTrip_LoadsWithTheFittedValuesAndTheirSources()
    {
        string path = Write("cal.yaml", $"config: {Repo("configs", "b-ncm-65.yaml")}\nset: [numerics.size_bins=2]\nparameters:\n"
            + "  - {key: cell.separator.conductivity, initial: 1.7 mS/cm, bounds: [0.5 mS/cm, 5 mS/cm], scale: log}\n"
            + "  - {key: materials.NCM90.exchange_current_density.value, initial: 0.5 A/m^2, bounds: [0.01 A/m^2, 10 A/m^2], scale: log}\n"
            + $"data:\n  - {{kind: metric, metric: discharge_capacity_mAh_per_g, measured: {{file: {Repo("validation", "reported_results.csv")}, id: cap_opt}}, relative_uncertainty: 0.01}}\n"
            + $"  - {{kind: metric, metric: mean_discharge_voltage_V, measured: {{value: 3.5, unit: V, source: test}}, relative_uncertainty: 0.01}}\n");
        var d = CalibrationReader.Read(path, []);
        var estimates = new[]
        {
            new ParameterEstimate(d.Keys[0].Parameter, 0.2345, 0.01, false),
            new ParameterEstimate(d.Keys[1].Parameter, 1.25, 0.1, false),
        };
        var result = new CalibrationResult(estimates, new double[2, 2], [new Observation("a", 1, 1), new Observation("b", 1, 1)], [1, 1], [1, 1], 0, 1, 0, 1, 3, "Converged", []);
        string written = CalibratedConfigWriter.Write(Path.Combine(_dir, "sub", "calibrated.yaml"), d, result, DateTimeOffset.UnixEpoch);
        var loaded = ConfigLoader.Load(written, []);
        Assert.Equal(0.2345, loaded.Setup.Design.Separator.PelletConductivity!.Value, 9);
        Assert.Equal(1.25, loaded.Setup.Design.Active.ExchangeCurrentDensity, 9);
        Assert.Equal(2, loaded.Setup.Numerics.SizeBins);
        string text = File.ReadAllText(written);
        Assert.Contains("fitted by cathodesim fit", text);
        Assert.Contains("2.345 mS/cm", text);
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(_dir, "sub")), f => f.Contains(".check"));
    }
}
