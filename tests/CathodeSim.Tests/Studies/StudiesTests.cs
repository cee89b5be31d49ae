using System.Globalization;
using CathodeSim.Analysis.Cycling;
using CathodeSim.Analysis.Optimization;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.IO.Config;
using CathodeSim.Model.Simulation;
using CathodeSim.Studies;

namespace CathodeSim.Tests.Studies;

/// <summary>The workflows of CathodeSim.Studies used as a library, without the command line.</summary>
public sealed class StudiesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-studies-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Repo(params string[] parts) => RepositoryPaths.File(parts).Replace('\\', '/');

    /// <summary>Notes and warnings a study sends, kept for the assertions.</summary>
    private sealed class RecordingLog : IStudyLog
    {
        public List<string> Lines { get; } = [];

        public void Note(string message) { lock (Lines) Lines.Add($"note: {message}"); }

        public void Warning(string message) { lock (Lines) Lines.Add($"warning: {message}"); }
    }

    [Fact]
    public void RunStudy_OfTheShippedConfig_GivesTheDirectSimulatorsCapacity_AndWritesTheRunFiles()
    {
        string output = Path.Combine(_dir, "run");
        var outcome = new RunStudy().Run(new RunRequest(Repo("configs", "b-ncm-65.yaml"), [], output));

        Assert.Equal(RunStatus.Completed, outcome.Status);
        // The independent route: the config loaded and simulated directly, summarised per cycle.
        var direct = CycleSummarizer.Summarize(new Simulator().Run(ConfigLoader.Load(Repo("configs", "b-ncm-65.yaml"), []).Setup));
        Assert.Equal(direct[0].DischargeCapacity, outcome.DischargeCapacity, 1e-9);
        Assert.Equal("208.9", outcome.DischargeCapacity.ToString("F1", CultureInfo.InvariantCulture));
        // The outcome names each writer's file (the CSV writer's steps table lies beside its time series).
        Assert.Equal(new[] { "b-ncm-65.h5", "b-ncm-65_timeseries.csv", "b-ncm-65_voltage.png" }.Select(f => Path.Combine(output, f)).Order(),
            outcome.Files.Select(Path.GetFullPath).Order());
        foreach (string file in new[] { "b-ncm-65.h5", "b-ncm-65_timeseries.csv", "b-ncm-65_steps.csv", "b-ncm-65_voltage.png" })
            Assert.True(new FileInfo(Path.Combine(output, file)).Length > 0, file);
    }

    [Fact]
    public void RunStudy_WithAnUnknownKey_ThrowsConfigException_AndWritesNothing()
    {
        string output = Path.Combine(_dir, "bad");
        Assert.Throws<ConfigException>(() => new RunStudy().Run(new RunRequest(Repo("configs", "b-ncm-65.yaml"), ["cell.nonsense=1"], output)));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void SweepStudy_OfTheTinySweep_ReturnsOneRowPerCase_AndWritesFileAndTable()
    {
        string output = Path.Combine(_dir, "sweep");
        var log = new RecordingLog();
        var reports = new List<SweepProgress>();
        var outcome = new SweepStudy(log).Run(new SweepRequest(Repo("examples", "csharp", "Quickstart", "data", "tiny-sweep.yaml"), [], output, Jobs: 2),
            new SynchronousProgress<SweepProgress>(p => { lock (reports) reports.Add(p); }));

        Assert.Equal("quickstart-sweep", outcome.Name);
        Assert.Equal([0, 1, 2], outcome.Rows.Select(r => r.Index));
        Assert.Equal(3, outcome.Ran);
        Assert.Equal(0, outcome.Resumed);
        Assert.Equal(0, outcome.Failed);
        Assert.Equal([0.60, 0.65, 0.70], outcome.Rows.Select(r => r.Parameters[0]));
        Assert.Equal(3, reports.Max(p => p.Done));
        Assert.Contains(Path.Combine(output, "quickstart-sweep.h5"), outcome.Files);
        Assert.Contains(Path.Combine(output, "quickstart-sweep_table.csv"), outcome.Files);
        Assert.All(outcome.Files, f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void SweepStudy_CancelledThroughTheToken_ThrowsOperationCanceled_AndWritesNoResultFile()
    {
        string output = Path.Combine(_dir, "cancelled");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var study = new SweepStudy();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            study.Run(new SweepRequest(Repo("examples", "csharp", "Quickstart", "data", "tiny-sweep.yaml"), [], output, Jobs: 1), null, cancellation.Token));
        Assert.False(File.Exists(Path.Combine(output, "quickstart-sweep.h5")));
    }

    [Fact]
    public void MassRatioStudy_CancelledThroughTheToken_ThrowsOperationCanceled_AndWritesNothing()
    {
        string output = Path.Combine(_dir, "ratio-cancelled");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var request = new MassRatioRequest(Repo("configs", "b-ncm-65.yaml"), ["numerics.size_bins=1"], new RatioSearchOptions(0.6, 0.7, 3, 0.05, 1), OutputDirectory: output);
        Assert.ThrowsAny<OperationCanceledException>(() => new MassRatioStudy().Optimise(request, null, cancellation.Token));
        Assert.False(Directory.Exists(output) && Directory.EnumerateFiles(output).Any());
    }

    [Fact]
    public void MassRatioStudy_OnASmallGrid_ReturnsAnEvaluatedRatio_NoWorseThanAnyGridPoint_AndWritesTableAndPlot()
    {
        string output = Path.Combine(_dir, "ratio");
        var request = new MassRatioRequest(Repo("configs", "b-ncm-65.yaml"), ["numerics.size_bins=1", "numerics.cathode_nodes=8", "numerics.radial_shells=8"],
            new RatioSearchOptions(0.55, 0.85, 4, 0.05, 2), OutputDirectory: output);
        var stages = new List<string>();
        var outcome = new MassRatioStudy().Optimise(request, new SynchronousProgress<MassRatioProgress>(p => { if (p.Stage is { } s) lock (stages) stages.Add(s); }));

        var grid = outcome.Search.Grid;
        Assert.Equal([0.55, 0.65, 0.75, 0.85], grid.Select(p => Math.Round(p.Fraction, 12)));
        var evaluated = grid.Concat(outcome.Search.Refinement).ToList();
        Assert.Contains(evaluated, p => p.Fraction == outcome.OptimalFraction && p.Objective == outcome.Search.Optimum.Value);
        Assert.True(grid.All(p => double.IsNaN(p.Objective) || p.Objective <= outcome.Search.Optimum.Value));
        Assert.InRange(outcome.OptimalFraction, 0.55, 0.85);
        Assert.NotEmpty(stages);
        Assert.Equal([Path.Combine(output, "b-ncm-65_ratio.csv"), Path.Combine(output, "b-ncm-65_ratio.png")], outcome.Files);
    }

    [Fact]
    public void ValidationStudy_OfOneMetricCase_ComparesWithTheMeasuredValue_AndWritesReportCsvAndPlot()
    {
        string folder = Path.Combine(_dir, "cases");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "capacity.yaml"), $$"""
            name: first discharge
            kind: metric
            quick: true
            config: {{Repo("configs", "b-ncm-65.yaml")}}
            set: [numerics.size_bins=2]
            metric: discharge_capacity_mAh_per_g
            measured: {value: 216.4, unit: mAh/g, source: test}
            relative_tolerance: 0.05
            role: predicted
            """);
        string output = Path.Combine(_dir, "validation");
        var progress = new List<ValidationProgress>();
        var outcome = new ValidationStudy().Validate(new ValidationRequest(folder, [], Quick: true, OutputDirectory: output),
            new SynchronousProgress<ValidationProgress>(progress.Add));

        var only = Assert.Single(outcome.Cases);
        Assert.True(outcome.AllPassed, only.Failure);
        var value = Assert.Single(only.Values);
        Assert.Equal(216.4, value.Measured);
        Assert.InRange(value.Simulated, 216.4 * 0.95, 216.4 * 1.05);
        Assert.Equal(2, progress.Count);   // begun, finished
        Assert.Equal(Path.Combine(output, "report.md"), outcome.ReportPath);
        Assert.Equal(Path.Combine(output, "plots", "capacity.png"), only.Plot);
        Assert.All(outcome.Files, f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void CalibrationStudy_OneIterationFit_ReportsEstimates_AndWritesTheCalibratedConfigIntoTheOutput()
    {
        string calibration = Path.Combine(_dir, "quick-cal.yaml");
        File.WriteAllText(calibration,
            $"name: quick\nconfig: {Repo("configs", "b-ncm-65.yaml")}\nset: [numerics.size_bins=2]\nwrite: tracked/quick.yaml\nmax_iterations: 1\nparameters:\n"
            + "  - {key: cell.separator.conductivity, initial: 2 mS/cm, bounds: [0.2 mS/cm, 10 mS/cm], scale: log}\ndata:\n"
            + "  - {kind: metric, label: v, metric: mean_charge_voltage_V, measured: {value: 3.5, unit: V, source: synthetic}, relative_uncertainty: 0.01, protocol: [Charge at 1C for 10 min]}\n");
        string output = Path.Combine(_dir, "fit");
        var study = new CalibrationStudy();
        var prepared = study.Prepare(new CalibrationRequest(calibration, [], output));
        Assert.Equal(1, prepared.ParameterCount);
        Assert.Equal(1, prepared.ObservationCount);
        var outcome = prepared.Fit();

        var estimate = Assert.Single(outcome.Result.Estimates);
        Assert.InRange(estimate.Value, 0.2 * 0.1, 10 * 0.1);   // S/m, within the bounds
        Assert.Equal(Path.Combine(output, "quick.yaml"), outcome.Config);
        Assert.True(File.Exists(outcome.Config));
        Assert.NotNull(ConfigLoader.Load(outcome.Config, []).Setup);
        Assert.Equal(Path.Combine(_dir, "tracked", "quick.yaml"), outcome.WriteTargetNotUpdated);
        Assert.False(File.Exists(Path.Combine(_dir, "tracked", "quick.yaml")));
    }

    [Fact]
    public void CalibrationStudy_WriteConfigWithoutAWriteKey_ThrowsConfigException_BeforeFitting()
    {
        string calibration = Path.Combine(_dir, "cal.yaml");
        File.WriteAllText(calibration,
            $"name: nowrite\nconfig: {Repo("configs", "b-ncm-65.yaml")}\nparameters:\n"
            + "  - {key: cell.separator.conductivity, initial: 2 mS/cm, bounds: [0.2 mS/cm, 10 mS/cm], scale: log}\ndata:\n"
            + "  - {kind: metric, label: v, metric: mean_charge_voltage_V, measured: {value: 3.5, unit: V, source: synthetic}, relative_uncertainty: 0.01}\n");
        var e = Assert.Throws<ConfigException>(() => new CalibrationStudy().Prepare(new CalibrationRequest(calibration, [], Path.Combine(_dir, "out"), WriteConfig: true)));
        Assert.Contains("has no write: key", e.Message);
    }

    [Fact]
    public void EisAtStateStudy_AtRest_ComputesOneImpedancePerFrequency_AndWritesTheSpectrum()
    {
        string output = Path.Combine(_dir, "eis");
        var outcome = new EisAtStateStudy().Compute(new EisAtStateRequest(Repo("configs", "b-ncm-65.yaml"), ["numerics.size_bins=1"],
            RelaxSeconds: 60, HighestFrequency: 1e5, LowestFrequency: 1, PointsPerDecade: 2, OutputDirectory: output));

        Assert.True(outcome.Completed, outcome.FailureMessage);
        Assert.Equal(11, outcome.Frequencies.Length);
        Assert.Equal(outcome.Frequencies.Length, outcome.Impedance.Length);
        Assert.Equal(1e5, outcome.Frequencies[0], 1e-6);
        Assert.All(outcome.Impedance, z => Assert.True(double.IsFinite(z.Real) && z.Real > 0));
        Assert.NotEmpty(outcome.Files);
        Assert.All(outcome.Files, f => Assert.StartsWith(output, f));
    }

    [Fact]
    public void EisAtStateStudy_WithAStateItCannotRead_ThrowsFormatException()
    {
        var e = Assert.Throws<FormatException>(() => EisAtStateStudy.Check(new EisAtStateRequest(Repo("configs", "b-ncm-65.yaml"), [], At: "halfway"), out _));
        Assert.Contains("--at 'halfway'", e.Message);
    }

    [Fact]
    public void StudyOutput_IntoAPathThroughAFile_ThrowsStudyOutputException_NamingTheDirectory()
    {
        string blocker = Path.Combine(_dir, "blocker");
        File.WriteAllText(blocker, "");
        string directory = Path.Combine(blocker, "out");
        var e = Assert.Throws<StudyOutputException>(() => StudyOutput.Write(directory, staging => [], null, CancellationToken.None));
        Assert.StartsWith($"could not write to '{directory}':", e.Message);
    }
}
