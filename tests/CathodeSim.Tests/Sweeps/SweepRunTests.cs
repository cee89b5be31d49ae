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
        string sweep = SweepFile(12);
        string reference = Path.Combine(_dir, "reference"), killed = Path.Combine(_dir, "killed");
        RunJson("sweep", sweep, "--output", reference, "--json");

        // A real process, killed with SIGKILL once some cases are journalled.
        string dll = Path.Combine(AppContext.BaseDirectory, "cathodesim.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", dll, "sweep", sweep, "--output", killed, "--jobs", "1", "--json"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        string journal = Path.Combine(killed, "tiny.journal");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited &&
               (!Directory.Exists(journal) || Directory.GetFiles(journal, "case_*.h5").Length < 3)) Thread.Sleep(20);
        Assert.False(process.HasExited, "the sweep finished before it could be killed; make it longer");
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        int finished = Directory.GetFiles(journal, "case_*").Count(f => !Path.GetFileName(f).StartsWith('.'));
        Assert.InRange(finished, 3, 11);
        Assert.False(File.Exists(Path.Combine(killed, "tiny.h5")));

        var refused = CliHarness.Run("sweep", sweep, "--output", killed);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--resume", refused.Error);

        var resumed = RunJson("sweep", sweep, "--output", killed, "--resume", "--json");
        Assert.Equal(12 - finished, resumed.GetProperty("ran").GetInt32());
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
        Assert.Equal("ok", row.Status);
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

    private sealed record UnsupportedStep() : ProtocolStep("unsupported step");
}
