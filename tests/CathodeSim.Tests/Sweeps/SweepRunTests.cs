using System.Diagnostics;
using System.Text.Json;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.IO.Sweeps;
using CathodeSim.Model.Protocol;
using CathodeSim.Tests.Cli;

namespace CathodeSim.Tests.Sweeps;

/// <summary>`cathodesim sweep` and `merge` end to end: sharding, resume after a kill, failed cases, file contents.</summary>
public sealed class SweepRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-sweep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A small, fast sweep over the shipped B-NCM config (coarse grids).</summary>
    private string SweepFile(int count)
    {
        string path = Path.Combine(_dir, "tiny.yaml");
        File.WriteAllText(path, $$"""
            name: tiny
            base: {{RepositoryPaths.File("configs", "b-ncm-65.yaml")}}
            set: [numerics.size_bins=1, numerics.cathode_nodes=6, numerics.radial_shells=6]
            parameters:
              cell.cathode.active_mass_fraction: {from: 0.6, to: 0.8, count: {{count}}}
            protocols:
              slow: [Charge at 0.2C until 3.7 V, Discharge at 0.2C until 2.1 V]
              fast: [Discharge at 1C for 10 min or until 2.1 V]
            """);
        return path;
    }

    private static JsonElement RunJson(params string[] args)
    {
        var outcome = CliHarness.Run(args);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        return JsonDocument.Parse(outcome.Out).RootElement.Clone();
    }

    private static string[] TableLines(string dir) => File.ReadAllLines(Path.Combine(dir, "tiny_table.csv"));

    [Fact]
    public void ShardedThenMerged_EqualsTheUnshardedSweep_CaseForCase()
    {
        string sweep = SweepFile(5);
        RunJson("sweep", sweep, "--output", Path.Combine(_dir, "full"), "--json");
        string shards = Path.Combine(_dir, "shards");
        for (int i = 0; i < 3; i++) RunJson("sweep", sweep, "--output", shards, "--shard", $"{i}/3", "--json");
        string[] mergeArgs = ["merge", .. Enumerable.Range(0, 3).Select(i => Path.Combine(shards, $"tiny.shard-{i}-of-3.h5")), "--output", Path.Combine(_dir, "merged"), "--json"];
        var merged = RunJson(mergeArgs);
        Assert.Equal(5, merged.GetProperty("cases").GetInt32());
        Assert.Equal(TableLines(Path.Combine(_dir, "full")), TableLines(Path.Combine(_dir, "merged")));
        using var full = SweepFileReader.Open(Path.Combine(_dir, "full", "tiny.h5"));
        using var joined = SweepFileReader.Open(Path.Combine(_dir, "merged", "tiny.h5"));
        for (int i = 0; i < 5; i++)
            Assert.Equal(full.ReadCase(i).Protocols[1].Voltage, joined.ReadCase(i).Protocols[1].Voltage);
    }

    [Fact]
    public void Merge_RefusesMissingOrDuplicatedCases()
    {
        string sweep = SweepFile(4);
        string shards = Path.Combine(_dir, "shards");
        for (int i = 0; i < 2; i++) RunJson("sweep", sweep, "--output", shards, "--shard", $"{i}/2", "--json");
        var missing = CliHarness.Run("merge", Path.Combine(shards, "tiny.shard-0-of-2.h5"), "--output", _dir);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("missing", missing.Error);
        var twice = CliHarness.Run("merge", Path.Combine(shards, "tiny.shard-0-of-2.h5"), Path.Combine(shards, "tiny.shard-0-of-2.h5"), Path.Combine(shards, "tiny.shard-1-of-2.h5"), "--output", _dir);
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("appears in both", twice.Error);
    }

    [Fact]
    public void KilledAndResumed_EqualsAnUninterruptedSweep_AndRecomputesNoFinishedCase()
    {
        // Enough cases that a fast, quiet machine cannot finish them all between the journal's third case and the kill
        // (with 12, all 12 were journalled there once: the poll and the kill take tens of milliseconds).
        const int cases = 40;
        string sweep = SweepFile(cases);
        string reference = Path.Combine(_dir, "reference"), killed = Path.Combine(_dir, "killed");
        RunJson("sweep", sweep, "--output", reference, "--json");

        // A real process, killed with SIGKILL once some cases are journalled.
        var start = CliProcess.StartInfo("sweep", sweep, "--output", killed, "--jobs", "1", "--json");
        using var process = Process.Start(start)!;
        string journal = Path.Combine(killed, "tiny.journal");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited &&
               (!Directory.Exists(journal) || Directory.GetFiles(journal, "case_*.h5").Length < 3)) Thread.Sleep(20);
        Assert.False(process.HasExited, "the sweep finished before it could be killed; make it longer");
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        int finished = Directory.GetFiles(journal, "case_*").Count(f => !Path.GetFileName(f).StartsWith('.'));
        Assert.InRange(finished, 3, cases - 1);
        Assert.False(File.Exists(Path.Combine(killed, "tiny.h5")));

        var refused = CliHarness.Run("sweep", sweep, "--output", killed);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--resume", refused.Error);

        var resumed = RunJson("sweep", sweep, "--output", killed, "--resume", "--json");
        Assert.Equal(cases - finished, resumed.GetProperty("ran").GetInt32());
        Assert.Equal(finished, resumed.GetProperty("resumed").GetInt32());
        Assert.Equal(TableLines(reference), TableLines(killed));
    }

    [Fact]
    public void FailedCase_IsRecordedWithItsError_AndTheSweepGoesOn()
    {
        var good = TestCells.Setup(TestCells.B65(), new(6, 6, 1));
        var bad = good with { Protocol = [new UnsupportedStep()] };
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<CaseOutcome>();
        new SweepRunner(2).Run([new(0, [good]), new(1, [bad]), new(2, [good])], outcomes.Add, null, CancellationToken.None);
        Assert.Equal(3, outcomes.Count);
        var failed = Assert.Single(outcomes, o => o.Error is not null);
        Assert.Equal(1, failed.Index);
        Assert.Contains("unsupported", failed.Error);
        Assert.All(outcomes.Where(o => o.Index != 1), o => Assert.True(o.Metrics![0][CaseMetrics.IndexOf("discharge_capacity_mAh_per_g")] > 100));
    }

    [Fact]
    public void SweepFile_HoldsEachCasesTimeSeries_IdenticalToASingleRunOfThatCase()
    {
        string sweep = SweepFile(3);
        RunJson("sweep", sweep, "--output", _dir, "--json");
        var single = RunJson("run", RepositoryPaths.File("configs", "b-ncm-65.yaml"), "--json", "--output", Path.Combine(_dir, "single"),
            "--set", "numerics.size_bins=1", "--set", "numerics.cathode_nodes=6", "--set", "numerics.radial_shells=6",
            "--set", "cell.cathode.active_mass_fraction=0.7", "--set", "protocol=[Charge at 0.2C until 3.7 V, Discharge at 0.2C until 2.1 V]");
        using var reader = SweepFileReader.Open(Path.Combine(_dir, "tiny.h5"));
        var row = reader.Rows.Single(r => Math.Abs(r.Parameters[0] - 0.7) < 1e-12);
        // The fast protocol discharges the pristine (full) cell: it ends at once, so every case of this sweep is a warning.
        Assert.Equal(SweepStatus.Warning, row.Status);
        double sweepCapacity = row.Metrics[0][CaseMetrics.IndexOf("discharge_capacity_mAh_per_g")];
        Assert.Equal(single.GetProperty("discharge_capacity_mAh_per_g").GetDouble(), sweepCapacity, 10);
        Assert.True(reader.ReadCase(row.Index).Protocols[0].Time.Length > 10);
    }

    [Fact]
    public void SweepOnIlgpuCpu_ThroughTheResidentLockstepBatchWithFewerSlotsThanCases_WritesTheSameTableAsCpu()
    {
        string sweep = SweepFile(5);
        RunJson("sweep", sweep, "--output", Path.Combine(_dir, "cpu"), "--json");
        var device = RunJson("sweep", sweep, "--output", Path.Combine(_dir, "device"), "--device", "ilgpu-cpu", "--batch", "2", "--json");
        Assert.StartsWith("ilgpu-cpu", device.GetProperty("device").GetString());
        Assert.Equal(0, device.GetProperty("failed").GetInt32());
        Assert.Equal(TableLines(Path.Combine(_dir, "cpu")), TableLines(Path.Combine(_dir, "device")));
    }

    [Fact]
    public void EmitSlurm_WritesAJobArrayScriptThatRunsEveryShard()
    {
        string sweep = SweepFile(5);
        var emitted = RunJson("sweep", sweep, "--output", _dir, "--emit-slurm", "3", "--json");
        string script = File.ReadAllText(emitted.GetProperty("script").GetString()!);
        Assert.Contains("#SBATCH --array=0-2", script);
        Assert.Contains(" sweep ", script);
        Assert.Contains("--shard \"$SLURM_ARRAY_TASK_ID/3\"", script);
        Assert.Contains(sweep, script);
        Assert.False(Directory.Exists(Path.Combine(_dir, "tiny.journal")));
    }

    [Fact]
    public void CaseWithWarnings_HasStatusWarningAndItsReasons_IsStillDrawn_AndResumesAsWarning()
    {
        // The fast protocol discharges the pristine cell, which is full of lithium: the step ends at once in every case.
        string sweep = SweepFile(3);
        var outcome = CliHarness.Run("sweep", sweep, "--output", _dir);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("3 with warnings", outcome.Human);
        Assert.Contains("warning: ", outcome.Human);
        Assert.Contains("ended_at_once", outcome.Human);
        Assert.NotEmpty(Directory.GetFiles(_dir, "tiny_discharge_capacity_mAh_per_g_*.png"));

        string[] table = TableLines(_dir);
        var header = table[0].Split(',');
        Assert.Equal("warnings", header[^1]);
        Assert.Equal("error", header[^2]);
        using (var reader = SweepFileReader.Open(Path.Combine(_dir, "tiny.h5")))
        {
            Assert.All(reader.Rows, row =>
            {
                Assert.Equal(SweepStatus.Warning, row.Status);
                Assert.Equal("", row.Error);
                Assert.Contains("ended_at_once", row.Warnings.Split(':')[0].Split(';'));
                Assert.Contains("tiny_case", row.Warnings);
                // Real results: the time series are stored like those of a clean case (a step that ended at once has two points).
                Assert.All(reader.ReadCase(row.Index).Protocols, protocol => Assert.True(protocol.Time.Length >= 2));
            });
        }
        Assert.All(table.Skip(1), line => Assert.StartsWith("warning", line.Split(',')[1]));

        // --resume reads the journal's warnings back: nothing runs again and the table is the same.
        File.Delete(Path.Combine(_dir, "tiny.h5"));
        var resumed = RunJson("sweep", sweep, "--output", _dir, "--resume", "--json");
        Assert.Equal(0, resumed.GetProperty("ran").GetInt32());
        Assert.Equal(3, resumed.GetProperty("with_warnings").GetInt32());
        Assert.Equal(0, resumed.GetProperty("failed").GetInt32());
        Assert.Equal(table, TableLines(_dir));
    }

    [Fact]
    public void JournalWrittenBeforeWarnings_StillResumes_ItsCasesAsOk()
    {
        string sweep = SweepFile(3);
        var plan = SweepLoader.Load(sweep, []);
        // The journal as earlier versions wrote it: a fingerprint and one case file with no warnings attribute.
        string journal = Path.Combine(_dir, "tiny.journal");
        Directory.CreateDirectory(journal);
        File.WriteAllText(Path.Combine(journal, "fingerprint.txt"), plan.Fingerprint + "\n");
        var metrics = Enumerable.Repeat(42.0, CaseMetrics.Names.Count).ToArray();
        double[] series = [0, 1, 2];
        var file = new PureHDF.H5File { Attributes = new() { ["index"] = 1, ["fingerprint"] = plan.Fingerprint, ["wall_time_s"] = 0.5 } };
        for (int p = 0; p < plan.Protocols.Count; p++)
            file[$"protocol_{p}"] = new PureHDF.H5Group { ["metrics"] = metrics, ["time_s"] = series, ["voltage_V"] = series, ["current_A"] = series, ["charge_C"] = series };
        file.Write(Path.Combine(journal, "case_000001.h5"));

        var resumed = RunJson("sweep", sweep, "--output", _dir, "--resume", "--json");
        Assert.Equal(2, resumed.GetProperty("ran").GetInt32());
        Assert.Equal(1, resumed.GetProperty("resumed").GetInt32());
        using var reader = SweepFileReader.Open(Path.Combine(_dir, "tiny.h5"));
        var old = reader.Rows.Single(r => r.Index == 1);
        Assert.Equal(SweepStatus.Ok, old.Status);
        Assert.Equal("", old.Warnings);
        Assert.Equal(42.0, old.Metrics[1][0]);
        Assert.Equal(series, reader.ReadCase(1).Protocols[1].Voltage);
    }

    private sealed record UnsupportedStep() : ProtocolStep("unsupported step");
}
