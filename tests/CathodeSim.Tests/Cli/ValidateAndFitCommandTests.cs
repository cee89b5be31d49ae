using System.Globalization;
using System.Text.Json;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.IO.Config;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Tests.Cli;

public sealed class ValidateAndFitCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-validate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Repo(params string[] parts) => RepositoryPaths.File(parts).Replace('\\', '/');

    private string CaseFolder(double measured, double tolerance)
    {
        string folder = Path.Combine(_dir, "cases");
        Directory.CreateDirectory(folder);
        string config = Repo("configs", "b-ncm-65.yaml"), table = Repo("validation", "eis_fits_tables_S2_S4.csv");
        string value = measured.ToString(CultureInfo.InvariantCulture), tol = tolerance.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(folder, "capacity.yaml"), $$"""
            name: first discharge
            kind: metric
            quick: true
            config: {{config}}
            set: [numerics.size_bins=2]
            metric: discharge_capacity_mAh_per_g
            measured: {value: {{value}}, unit: mAh/g, source: test}
            relative_tolerance: {{tol}}
            role: predicted
            """);
        File.WriteAllText(Path.Combine(folder, "separator.yaml"), $$"""
            name: separator
            kind: separator_resistance
            config: {{config}}
            table: {{table}}
            rows: {cycle: 1, step: charge, voltage: 3.20}
            relative_tolerance: 0.5
            """);
        return folder;
    }

    [Fact]
    public void Validate_CaseWithinTolerance_ExitsZero_AndWritesReportCsvAndPlot()
    {
        string output = Path.Combine(_dir, "out");
        var outcome = CliHarness.Run("validate", CaseFolder(216.4, 0.05), "--output", output, "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error + outcome.Out);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(2, root.GetProperty("count").GetInt32());
        string report = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("## first discharge", report);
        Assert.Contains("| predicted |", report);
        Assert.True(File.Exists(Path.Combine(output, "validation.csv")));
        Assert.True(File.Exists(Path.Combine(output, "plots", "capacity.png")));
    }

    [Fact]
    public void Validate_Quick_RunsOnlyTheQuickCases()
    {
        var outcome = CliHarness.Run("validate", CaseFolder(216.4, 0.05), "--quick", "--output", Path.Combine(_dir, "out"), "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Equal(1, JsonDocument.Parse(outcome.Out).RootElement.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Validate_CaseOutsideTolerance_ExitsFour_AndTheReportSaysByHowMuch()
    {
        string output = Path.Combine(_dir, "out");
        var outcome = CliHarness.Run("validate", CaseFolder(100, 0.03), "--quick", "--output", output);
        Assert.Equal(4, outcome.ExitCode);
        string report = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("**outside tolerance**", report);
        Assert.Contains("**missed**", report);
        Assert.Matches(@"\+1\d\d\.\d %", report);   // 200-300 mAh/g (about 210) against 100 mAh/g
    }

    [Fact]
    public void Validate_BadCaseFile_ExitsTwo_NamesFileAndLine_AndWritesNothing()
    {
        string folder = CaseFolder(216.4, 0.05);
        File.WriteAllText(Path.Combine(folder, "bad.yaml"), "name: bad\nkind: metric\nconfig: missing.yaml\n");
        string output = Path.Combine(_dir, "out");
        var outcome = CliHarness.Run("validate", folder, "--output", output);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("bad.yaml:3", outcome.Error);
        Assert.False(Directory.Exists(output));
    }

    private static double MeanDischargeVoltage(string rate, double separatorConductivitySiemensPerMetre)
    {
        var setup = ConfigLoader.Load(Repo("configs", "b-ncm-65.yaml"),
            ["numerics.size_bins=2", $"cell.separator.conductivity={separatorConductivitySiemensPerMetre.ToString("R", CultureInfo.InvariantCulture)} S/m",
             $"protocol=[Charge at 0.1C until 3.7 V, Discharge at {rate} until 2.1 V]"]).Setup;
        var result = new Simulator().Run(setup);
        return CaseMetrics.From(setup, result)[CaseMetrics.IndexOf("mean_discharge_voltage_V")];
    }

    [Fact]
    public void Fit_SyntheticData_RecoversTheSeparatorConductivityThatMadeThem_AndWritesAConfigThatRuns()
    {
        // Measured values made by the model itself at 0.10 S/m (1.0 mS/cm); the fit starts 2.5x away.
        const double truth = 0.10;
        double v1 = MeanDischargeVoltage("1C", truth), v2 = MeanDischargeVoltage("2C", truth);
        string config = Repo("configs", "b-ncm-65.yaml");
        string Metric(string rate, double v) =>
            $"  - {{kind: metric, label: mean voltage at {rate}, metric: mean_discharge_voltage_V, measured: {{value: {v.ToString("R", CultureInfo.InvariantCulture)}, unit: V, source: synthetic}}, "
            + $"relative_uncertainty: 0.001, protocol: [Charge at 0.1C until 3.7 V, Discharge at {rate} until 2.1 V]}}\n";
        string calibration = Path.Combine(_dir, "cal.yaml");
        File.WriteAllText(calibration, $"name: synthetic\nconfig: {config}\nset: [numerics.size_bins=2]\nwrite: fitted/synthetic.yaml\nparameters:\n"
            + "  - {key: cell.separator.conductivity, initial: 2.5 mS/cm, bounds: [0.2 mS/cm, 10 mS/cm], scale: log}\ndata:\n" + Metric("1C", v1) + Metric("2C", v2));
        string output = Path.Combine(_dir, "out");
        var outcome = CliHarness.Run("fit", calibration, "--output", output, "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        var estimate = root.GetProperty("estimates")[0];
        Assert.Equal("mS/cm", estimate.GetProperty("unit").GetString());
        Assert.InRange(estimate.GetProperty("value").GetDouble(), 0.99, 1.01);
        Assert.True(root.GetProperty("chi_square").GetDouble() < 0.01 * root.GetProperty("initial_chi_square").GetDouble());
        // Without --write-config the calibrated config goes into --output; the write: target is left alone.
        Assert.False(Directory.Exists(Path.Combine(_dir, "fitted")));
        string written = Path.Combine(output, "synthetic.yaml");
        Assert.Equal(written, root.GetProperty("config").GetString());
        Assert.Equal(Path.Combine(_dir, "fitted", "synthetic.yaml"), root.GetProperty("write_target_not_updated").GetString());
        Assert.Equal(truth, ConfigLoader.Load(written, []).Setup.Design.Separator.PelletConductivity!.Value, 3);
        Assert.True(File.Exists(Path.Combine(output, "synthetic_fit.csv")));
        Assert.True(File.Exists(Path.Combine(output, "synthetic_fit.png")));
        var run = CliHarness.Run("run", written, "--output", Path.Combine(_dir, "run"), "--json", "--set", "protocol=[Discharge at 1C until 2.1 V]");
        Assert.True(run.ExitCode == 0, run.Error);
    }

    [Fact]
    public void Fit_BadCalibrationFile_ExitsTwo_WithFileLineAndKey()
    {
        string calibration = Path.Combine(_dir, "cal.yaml");
        File.WriteAllText(calibration, $"config: {Repo("configs", "b-ncm-65.yaml")}\nparameters:\n  - {{key: cell.cathode.nonsense, initial: 1, bounds: [0, 2]}}\ndata: []\n");
        var outcome = CliHarness.Run("fit", calibration, "--output", Path.Combine(_dir, "out"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("cal.yaml:3", outcome.Error);
        Assert.Contains("parameters[0].key", outcome.Error);
    }

    [Fact]
    public void Fit_WriteTargetThatCannotTakeFiles_ExitsTwoBeforeFitting_NamingTheKey()
    {
        File.WriteAllText(Path.Combine(_dir, "blocker"), "a file where the folder should be");
        string calibration = Path.Combine(_dir, "cal.yaml");
        File.WriteAllText(calibration, $"name: synthetic\nconfig: {Repo("configs", "b-ncm-65.yaml")}\nset: [numerics.size_bins=2]\nwrite: blocker/synthetic.yaml\nparameters:\n"
            + "  - {key: cell.separator.conductivity, initial: 2.5 mS/cm, bounds: [0.2 mS/cm, 10 mS/cm], scale: log}\ndata:\n"
            + "  - {kind: metric, label: v, metric: mean_discharge_voltage_V, measured: {value: 3.5, unit: V, source: synthetic}, relative_uncertainty: 0.001, protocol: [Discharge at 1C until 2.1 V]}\n");
        var outcome = CliHarness.Run("fit", calibration, "--output", Path.Combine(_dir, "out"), "--write-config");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("cal.yaml: write", outcome.Error);
        Assert.Contains("is a file, not a directory", outcome.Error);
        Assert.DoesNotContain("fitting", outcome.Out + outcome.Error);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    /// <summary>A one-iteration fit of one metric: enough to see where the calibrated config goes.</summary>
    private string QuickCalibration(bool withWriteKey) => WriteFile("quick-cal.yaml",
        $"name: quick\nconfig: {Repo("configs", "b-ncm-65.yaml")}\nset: [numerics.size_bins=2]\n{(withWriteKey ? "write: tracked/quick.yaml\n" : "")}max_iterations: 1\nparameters:\n"
        + "  - {key: cell.separator.conductivity, initial: 2 mS/cm, bounds: [0.2 mS/cm, 10 mS/cm], scale: log}\ndata:\n"
        + "  - {kind: metric, label: v, metric: mean_charge_voltage_V, measured: {value: 3.5, unit: V, source: synthetic}, relative_uncertainty: 0.01, protocol: [Charge at 1C for 10 min]}\n");

    [Fact]
    public void Fit_WithoutWriteConfig_LeavesTheWriteTargetAlone_AndSaysHowToUpdateIt()
    {
        string output = Path.Combine(_dir, "out");
        var outcome = CliHarness.Run("fit", QuickCalibration(withWriteKey: true), "--output", output);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.False(Directory.Exists(Path.Combine(_dir, "tracked")), "fit changed the write: target without --write-config");
        Assert.True(File.Exists(Path.Combine(output, "quick.yaml")));
        Assert.NotNull(ConfigLoader.Load(Path.Combine(output, "quick.yaml"), []).Setup);   // its extends: is right from --output
        Assert.Contains("was not changed", outcome.Human);
        Assert.Contains("--write-config", outcome.Human);
        Assert.Empty(Directory.EnumerateFiles(output, "*.check.yaml"));
    }

    [Fact]
    public void Fit_WithWriteConfig_WritesTheWriteTarget()
    {
        string output = Path.Combine(_dir, "out");
        var outcome = CliHarness.Run("fit", QuickCalibration(withWriteKey: true), "--output", output, "--write-config", "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        string target = Path.Combine(_dir, "tracked", "quick.yaml");
        Assert.True(File.Exists(target));
        Assert.NotNull(ConfigLoader.Load(target, []).Setup);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(target, root.GetProperty("config").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("write_target_not_updated").ValueKind);
        Assert.True(File.Exists(Path.Combine(output, "quick_fit.csv")));
    }

    [Fact]
    public void Fit_WriteConfigWithoutAWriteKey_ExitsTwo_BeforeFitting()
    {
        var outcome = CliHarness.Run("fit", QuickCalibration(withWriteKey: false), "--output", Path.Combine(_dir, "out"), "--write-config");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--write-config", outcome.Error);
        Assert.Contains("no write: key", outcome.Error);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Fact]
    public async Task Validate_WithoutOutput_WritesIntoOut_NotBesideTheCases()
    {
        // As a process in a folder of its own: the default ./out is relative to the working directory.
        string cases = CaseFolder(216.4, 0.05);
        var start = CliProcess.StartInfo("validate", cases, "--quick");
        start.WorkingDirectory = _dir;
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stdout + await stderr);
        Assert.True(File.Exists(Path.Combine(_dir, "out", "report.md")));
        Assert.False(File.Exists(Path.Combine(_dir, "report.md")), "validate rewrote the report beside the cases without --update-report");
    }

    [Fact]
    public void Validate_UpdateReport_WritesBesideTheCases()
    {
        var outcome = CliHarness.Run("validate", CaseFolder(216.4, 0.05), "--quick", "--update-report", "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.True(File.Exists(Path.Combine(_dir, "report.md")));
        Assert.True(File.Exists(Path.Combine(_dir, "validation.csv")));
    }

    [Fact]
    public void Validate_UpdateReportWithOutput_ExitsTwo()
    {
        var outcome = CliHarness.Run("validate", CaseFolder(216.4, 0.05), "--quick", "--update-report", "--output", Path.Combine(_dir, "out"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--update-report", outcome.Error);
        Assert.False(File.Exists(Path.Combine(_dir, "report.md")));
    }

    private static SimulationSetup Cell(double exchangeCurrentDensity, string protocol, string[]? extra = null) => ConfigLoader.Load(Repo("configs", "b-ncm-65.yaml"),
        ["numerics.size_bins=2", $"materials.NCM90.exchange_current_density.value={exchangeCurrentDensity.ToString("R", CultureInfo.InvariantCulture)} A/m^2",
         $"protocol=[{protocol}]", .. extra ?? []]).Setup;

    private string Calibration(string data, string[]? extra = null) =>
        WriteFile("cal.yaml", $"name: synthetic\nconfig: {Repo("configs", "b-ncm-65.yaml")}\nset: [{string.Join(", ", ["numerics.size_bins=2", .. extra ?? []])}]\nparameters:\n"
            + "  - {key: materials.NCM90.exchange_current_density.value, initial: 0.3 A/m^2, bounds: [0.01 A/m^2, 30 A/m^2], scale: log}\ndata:\n" + data);

    private string WriteFile(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Fit_SyntheticSpectrumFromAnInstrumentStyleFile_RecoversTheExchangeCurrentDensity()
    {
        const string protocol = "Charge at 0.1C until 3.6 V, Rest for 1 h";
        var (_, model, state) = new Simulator().RunToState(Cell(1.0, protocol));
        double[] f = Enumerable.Range(0, 31).Select(i => 1e5 * Math.Pow(10, -i / 5.0)).ToArray();
        var z = CathodeSim.Model.Impedance.NumericalImpedance.Compute(model, state, model.Design.Impedance ?? new CathodeSim.Model.Impedance.ImpedanceParameters(), f);
        // impedance.py's exampleData layout: no header; f, Z', Z'' (signed).
        string file = WriteFile("peis.csv", string.Concat(f.Select((x, i) => string.Create(CultureInfo.InvariantCulture, $"{x:R},{z[i].Real:R},{z[i].Imaginary:R}\n"))));
        string calibration = Calibration($"  - {{kind: spectrum, file: {file.Replace('\\', '/')}, frequency_range: [10 mHz, 100 kHz], relative_uncertainty: 0.01, protocol: [{protocol}]}}\n");
        var outcome = CliHarness.Run("fit", calibration, "--output", Path.Combine(_dir, "out"), "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(62, root.GetProperty("observations").GetArrayLength());
        Assert.InRange(root.GetProperty("estimates")[0].GetProperty("value").GetDouble(), 0.99, 1.01);
    }

    [Fact]
    public void Fit_SyntheticVoltageRecordOfAPulseAndRest_RecoversTheExchangeCurrentDensity()
    {
        const string protocol = "Charge at 1C for 10 min, Rest for 20 min";
        // Tight time-step tolerances for data and fit alike: from the pristine state the pulse's voltage moves only ~1 mV
        // per 10 % of i0 (solid diffusion near full lithiation carries most of the polarisation), so the default local
        // error control's noise would blur the minimum.
        string[] tight = ["numerics.relative_tolerance=1e-7", "numerics.absolute_tolerance=1e-9"];
        var series = new Simulator().Run(Cell(1.0, protocol, tight)).Series;
        string file = WriteFile("pulse.csv", "time_s,current_A,voltage_V\n"
            + string.Concat(series.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Time:R},{p.Current:R},{p.Voltage:R}\n"))));
        string calibration = Calibration($"  - {{kind: voltage_series, file: {file.Replace('\\', '/')}, points: 40, voltage_uncertainty: 1 mV, protocol: [{protocol}]}}\n", tight);
        var outcome = CliHarness.Run("fit", calibration, "--output", Path.Combine(_dir, "out"), "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(40, root.GetProperty("observations").GetArrayLength());
        Assert.InRange(root.GetProperty("estimates")[0].GetProperty("value").GetDouble(), 0.98, 1.02);
    }

    [Fact]
    public void Fit_SyntheticCyclingRecord_RecoversTheContactLossRateFromPerCycleCapacities()
    {
        // Six cycles of the ageing cell at a contact-loss rate six times the shipped one, written as an instrument-style
        // record (time, current, voltage, cycle); the fit starts from the shipped rate.
        string config = Repo("configs", "b-ncm-65-cycling.yaml");
        const string protocol = "{repeat: 6, steps: [Charge at 0.5C until 3.7 V, Discharge at 0.5C until 2.1 V]}";
        var setup = ConfigLoader.Load(config, ["numerics.size_bins=2", "cell.degradation.contact.irreversible_rate.value=0.05", $"protocol=[{protocol}]"]).Setup;
        var result = new Simulator().Run(setup);
        string file = WriteFile("cycling.csv", "time_s,current_A,voltage_V,cycle\n" + string.Concat(result.Series.Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p.Time:R},{p.Current:R},{p.Voltage:R},{result.Steps[p.StepIndex].Cycle}\n"))));
        string mass = (setup.Design.Cathode.ActiveMassFraction * setup.Design.Cathode.CathodeMass * 1e6).ToString("R", CultureInfo.InvariantCulture);
        string calibration = WriteFile("cycling-cal.yaml", $"config: {config}\nset: [numerics.size_bins=2]\nparameters:\n"
            + "  - {key: cell.degradation.contact.irreversible_rate.value, initial: 0.008, bounds: [0.0005, 0.5], scale: log}\ndata:\n"
            + $"  - {{kind: cycle_capacities, file: {file.Replace('\\', '/')}, active_mass: {mass} mg, relative_uncertainty: 0.002, protocol: [{protocol}]}}\n");
        var outcome = CliHarness.Run("fit", calibration, "--output", Path.Combine(_dir, "out"), "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(6, root.GetProperty("observations").GetArrayLength());
        Assert.InRange(root.GetProperty("estimates")[0].GetProperty("value").GetDouble(), 0.048, 0.052);
    }
}
