using System.Text.Json;
using CathodeSim.IO.Sweeps;
using CathodeSim.Tests.Cli;

namespace CathodeSim.Tests.Sweeps;

/// <summary>
/// Sweeps on clusters without a cluster: array grouping arithmetic, scheduler option checks (command line and the sweep
/// file's cluster: section), the emitted scripts, sweep-status on synthetic journals, --retry-failed and
/// --resubmit-failed. tests/slurm/run-slurm-test.sh runs the scripts on a real Slurm.
/// </summary>
public sealed class SlurmClusterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-slurm-").FullName;
    private readonly SweepTestFiles _files = new();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        _files.Dispose();
    }

    /// <summary>A small, fast sweep over the shipped B-NCM config (coarse grids), with an optional cluster: section.</summary>
    private string SweepFile(int count, string cluster = "")
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
            {{cluster}}
            """);
        return path;
    }

    private static JsonElement RunJson(params string[] args)
    {
        var outcome = CliHarness.Run(args);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        return JsonDocument.Parse(outcome.Out).RootElement.Clone();
    }

    // ----- grouping arithmetic ---------------------------------------------------------------------------------

    [Theory]
    [InlineData(5000, 5000, 1001, 1001, 4, 5)]
    [InlineData(8, 5, 1001, 5, 1, 1)]
    [InlineData(3, 6, 1001, 3, 2, 2)]
    [InlineData(8, 6, 4, 4, 1, 2)]
    [InlineData(1, 7, 1001, 1, 7, 7)]
    public void Layout_TasksNeverExceedCasesOrTheArrayLimit_AndEveryCaseHasOneTask(int requested, int cases, int limit, int tasks, int min, int max)
    {
        var layout = SlurmArrayLayout.Plan(requested, cases, limit);
        Assert.Equal(tasks, layout.Tasks);
        Assert.Equal(min, layout.MinCasesPerTask);
        Assert.Equal(max, layout.MaxCasesPerTask);
        // Shard i owns the cases with index mod Tasks == i: the per-task counts add up to every case once.
        var owned = Enumerable.Range(0, layout.Tasks).Select(t => Enumerable.Range(0, cases).Count(c => new Shard(t, layout.Tasks).Owns(c))).ToList();
        Assert.Equal(owned, Enumerable.Range(0, layout.Tasks).Select(layout.CasesOf).ToList());
        Assert.Equal(cases, owned.Sum());
    }

    [Fact]
    public void Layout_SaysWhyItWroteFewerTasks()
    {
        Assert.Null(SlurmArrayLayout.Plan(3, 6, 1001).Note);
        Assert.Contains("only 5 cases", SlurmArrayLayout.Plan(8, 5, 1001).Note);
        Assert.Contains("array size limit of 1001", SlurmArrayLayout.Plan(5000, 5000, 1001).Note);
        Assert.Contains("4-5 cases", SlurmArrayLayout.Plan(5000, 5000, 1001).Note);
    }

    [Fact]
    public void ArraySpec_JoinsRuns_AndAppendsTheThrottle()
    {
        Assert.Equal("0-3,7,9-10%5", SlurmArrayLayout.ArraySpec([9, 0, 1, 2, 3, 7, 10, 2], 5));
        Assert.Equal("4", SlurmArrayLayout.ArraySpec([4], null));
    }

    // ----- option checks -----------------------------------------------------------------------------------

    [Theory]
    [InlineData("30")]
    [InlineData("30:00")]
    [InlineData("2:00:00")]
    [InlineData("1-12")]
    [InlineData("1-12:30")]
    [InlineData("1-12:00:00")]
    [InlineData("UNLIMITED")]
    public void SlurmTime_AcceptsSlurmsFormats(string text) => Assert.Null(SlurmSettings.TimeProblem(text));

    [Theory]
    [InlineData("2h")]
    [InlineData("1:60")]
    [InlineData("1:30:60")]
    [InlineData("1-24:00:00")]
    [InlineData("1:2:3:4")]
    [InlineData("0")]
    [InlineData("")]
    public void SlurmTime_RefusesOtherTexts(string text) => Assert.NotNull(SlurmSettings.TimeProblem(text));

    [Theory]
    [InlineData("4G", true)]
    [InlineData("500M", true)]
    [InlineData("1024", true)]
    [InlineData("4g", true)]
    [InlineData("4GB", false)]
    [InlineData("1.5G", false)]
    [InlineData("-1G", false)]
    [InlineData("0G", false)]
    public void SlurmMemory_TakesWholeNumbersWithKMGT(string text, bool valid) => Assert.Equal(valid, SlurmSettings.MemoryProblem(text) is null);

    [Fact]
    public void SbatchLines_AreNormalized_AndTheScriptsOwnOptionsRefused()
    {
        Assert.Equal(("--constraint=avx2", null), SlurmSettings.NormalizeSbatchLine("constraint=avx2"));
        Assert.Equal(("--qos=long", null), SlurmSettings.NormalizeSbatchLine("#SBATCH --qos=long"));
        Assert.Contains("written by cathodesim", SlurmSettings.NormalizeSbatchLine("--array=1-3").Problem);
        Assert.NotNull(SlurmSettings.NormalizeSbatchLine("--output=x.log").Problem);
    }

    [Theory]
    [InlineData("--slurm-time", "2h", "--slurm-time '2h'")]
    [InlineData("--slurm-mem", "4GB", "--slurm-mem '4GB'")]
    [InlineData("--slurm-partition", "a b", "--slurm-partition 'a b'")]
    [InlineData("--slurm-throttle", "0", "--slurm-throttle 0")]
    [InlineData("--max-array-size", "0", "--max-array-size 0")]
    [InlineData("--sbatch", "--array=0-3", "--sbatch '--array=0-3'")]
    [InlineData("--cathodesim", "/no/such/cathodesim", "--cathodesim '/no/such/cathodesim'")]
    public void BadSchedulerOption_ExitsTwo_NamingIt(string option, string value, string expected)
    {
        string sweep = SweepFile(3);
        var outcome = CliHarness.Run("sweep", sweep, "--emit-slurm", "2", "--output", _dir, $"{option}={value}");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(expected, outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.False(File.Exists(Path.Combine(_dir, "tiny.sbatch")));
    }

    [Theory]
    [InlineData("--slurm-time", "10")]
    [InlineData("--submit", null)]
    [InlineData("--retry-failed", null)]
    public void ClusterOptions_OutsideTheirCommand_ExitTwo(string option, string? value)
    {
        string[] args = ["sweep", SweepFile(3), "--output", _dir, option, .. value is null ? Array.Empty<string>() : [value]];
        var outcome = CliHarness.Run(args);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(option, outcome.Error);
        Assert.False(Directory.Exists(Path.Combine(_dir, "tiny.journal")));
    }

    [Fact]
    public void ClusterSection_IsReadStrictly_NamingFileLineAndKey()
    {
        var plan = _files.Load("""
            parameters:
              temperature: [25 degC]
            cluster:
              time: 1-00:00:00
              mem: 2g
              partition: short
              sbatch: [constraint=avx2, --mail-type=END]
              throttle: 10
            """);
        Assert.Equal("1-00:00:00", plan.Cluster!.Time);
        Assert.Equal("2G", plan.Cluster.Memory);
        Assert.Equal(["--constraint=avx2", "--mail-type=END"], plan.Cluster.SbatchLines);
        Assert.Equal(10, plan.Cluster.Throttle);

        var unknown = _files.Fails("parameters:\n  temperature: [25 degC]\ncluster:\n  tme: 10\n", "tme:");
        Assert.Contains("cluster.tme: unknown key; did you mean 'time'?", unknown.Message);
        var badTime = _files.Fails("parameters:\n  temperature: [25 degC]\ncluster:\n  time: 2 hours\n", "time:");
        Assert.Contains("cluster.time", badTime.Message);
        Assert.Contains("Slurm time limit", badTime.Message);
        var badLine = _files.Fails("parameters:\n  temperature: [25 degC]\ncluster:\n  sbatch: [--job-name=x]\n", "sbatch:");
        Assert.Contains("cluster.sbatch[0]", badLine.Message);
    }

    [Fact]
    public void ClusterSection_DoesNotChangeTheFingerprint()
    {
        string a = SweepFile(3), fingerprint = SweepLoader.Load(a, []).Fingerprint;
        string b = SweepFile(3, "cluster: {time: 10, mem: 1G}");
        Assert.Equal(fingerprint, SweepLoader.Load(b, []).Fingerprint);
    }

    // ----- scripts --------------------------------------------------------------------------------------------

    [Fact]
    public void EmitSlurm_WritesArrayMergeAndSubmitScripts_WithTheSettings_CommandLineOverTheFile()
    {
        string sweep = SweepFile(6, "cluster: {time: 30, mem: 1G, account: fromfile, sbatch: [constraint=avx2]}");
        string exe = Path.Combine(_dir, "bin", "cathodesim");
        Directory.CreateDirectory(Path.GetDirectoryName(exe)!);
        File.WriteAllText(exe, "#!/bin/sh\n");
        var outcome = CliHarness.Run("sweep", sweep, "--output", _dir, "--emit-slurm", "8", "--max-array-size", "4", "--slurm-throttle", "2",
            "--slurm-time", "2:00:00", "--slurm-partition", "short", "--cathodesim", exe, "--jobs", "2", "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("array size limit of 4", outcome.Error);
        var json = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(4, json.GetProperty("tasks").GetInt32());
        Assert.Equal("0-3%2", json.GetProperty("array").GetString());
        Assert.Contains(".shard-*-of-4.h5", json.GetProperty("merge_command").GetString());

        string array = File.ReadAllText(json.GetProperty("script").GetString()!);
        Assert.Contains("#SBATCH --array=0-3%2\n", array);
        Assert.Contains("#SBATCH --cpus-per-task=2\n", array);
        Assert.Contains("#SBATCH --time=2:00:00\n", array);       // the command line wins over cluster.time
        Assert.Contains("#SBATCH --mem=1G\n", array);             // the file's value where the command line gives none
        Assert.Contains("#SBATCH --account=fromfile\n", array);
        Assert.Contains("#SBATCH --partition=short\n", array);
        Assert.Contains("#SBATCH --constraint=avx2\n", array);
        Assert.Contains($"exe=$(command -v '{exe}')", array);
        Assert.Contains("--shard \"$SLURM_ARRAY_TASK_ID/4\"", array);
        Assert.DoesNotContain("--retry-failed", array);

        string merge = File.ReadAllText(json.GetProperty("merge_script").GetString()!);
        Assert.Contains("#SBATCH --kill-on-invalid-dep=yes", merge);
        Assert.Contains($"\"$exe\" merge '{Path.Combine(_dir, "tiny")}'.shard-*-of-4.h5 --output '{_dir}'", merge);
        Assert.DoesNotContain("--array", merge);

        string submit = File.ReadAllText(json.GetProperty("submit_script").GetString()!);
        Assert.Contains("array=$(sbatch --parsable ", submit);
        Assert.Contains("merge=$(sbatch --parsable --dependency=afterok:\"$array\" ", submit);
        Assert.Contains("echo \"array_job=$array\"", submit);
        Assert.DoesNotContain("dotnet publish", submit); // --cathodesim given: nothing to publish

        var manifest = SweepManifest.Read(SweepManifest.PathOf(_dir, "tiny"))!;
        Assert.Equal(4, manifest.Shards);
        Assert.Equal(6, manifest.Cases);
        Assert.Equal("2:00:00", manifest.Slurm!.Time);
    }

    [Fact]
    public void EmitSlurm_MoreTasksThanCases_SaysSo_AndUsesTheCaseCountEverywhere()
    {
        var outcome = CliHarness.Run("sweep", SweepFile(5), "--output", _dir, "--emit-slurm", "8");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("only 5 cases", outcome.Error);
        Assert.Contains(".shard-*-of-5.h5", outcome.Human);
        string array = File.ReadAllText(Path.Combine(_dir, "tiny.sbatch"));
        Assert.Contains("#SBATCH --array=0-4\n", array);
        Assert.Contains("/5\"", array);
        Assert.Contains("-of-5.h5", File.ReadAllText(Path.Combine(_dir, "tiny.merge.sbatch")));
        // Without --cathodesim the tasks run a self-contained copy that the submit script publishes from this source tree.
        string submit = File.ReadAllText(Path.Combine(_dir, "tiny.submit.sh"));
        Assert.Contains("--self-contained", submit);
        Assert.Contains(Path.Combine("src", "CathodeSim.Cli", "CathodeSim.Cli.csproj"), submit);
        Assert.Contains(Path.Combine(_dir, "cathodesim", "cathodesim"), File.ReadAllText(Path.Combine(_dir, "tiny.sbatch")));
    }

    // ----- sweep-status ---------------------------------------------------------------------------------------

    /// <summary>A journal of 7 cases in 3 shards: 0 and 3 done, 1 failed ("boom"), the rest missing; shard 0's file written.</summary>
    private string SyntheticJournal()
    {
        string dir = Path.Combine(_dir, "status");
        string journal = Path.Combine(dir, "syn.journal");
        Directory.CreateDirectory(journal);
        new SweepManifest("syn", "/x/syn.yaml", [], "abc", 7, 3).Write(dir);
        File.WriteAllText(Path.Combine(journal, "fingerprint.txt"), "abc\n");
        var t0 = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        void Case(string file, string text, int seconds)
        {
            string path = Path.Combine(journal, file);
            File.WriteAllText(path, text);
            File.SetLastWriteTimeUtc(path, t0.AddSeconds(seconds));
        }
        Case("case_000000.h5", "", 0);
        Case("case_000001.failed.txt", "boom\nsecond line\n", 4);
        Case("case_000003.h5", "", 10);
        File.WriteAllText(Path.Combine(journal, ".case_000002.h5.tmp-host-1-x"), ""); // a killed writer's temporary file
        File.WriteAllText(Path.Combine(dir, "syn.shard-0-of-3.h5"), "");
        return dir;
    }

    [Fact]
    public void SweepStatus_CountsDoneFailedAndMissing_PerShard_FromTheJournal()
    {
        var report = Assert.Single(SweepProgressReport.Scan(SyntheticJournal()));
        Assert.Equal(2, report.Done);
        Assert.Equal([(1, "boom")], report.Failed);
        Assert.Equal([2, 4, 5, 6], report.Missing);
        Assert.Equal(new ShardProgress(0, 3, 2, 0, 1, true), report.Shards[0]);   // cases 0, 3, 6
        Assert.Equal(new ShardProgress(1, 2, 0, 1, 1, false), report.Shards[1]);  // cases 1, 4
        Assert.Equal(new ShardProgress(2, 2, 0, 0, 2, false), report.Shards[2]);  // cases 2, 5
        Assert.Equal([0, 1, 2], report.ShardsToRerun);
        // Three journalled cases within 10 s: 0.2 cases/s; 4 missing at that rate: 20 s.
        Assert.Equal(0.2, report.CasesPerSecond!.Value, 12);
        Assert.Equal(20, report.SecondsLeft!.Value, 9);
        Assert.False(report.Merged);
    }

    [Fact]
    public void SweepStatusCommand_Json_AndHuman_AndBadInputExitsTwo()
    {
        string dir = SyntheticJournal();
        var json = RunJson("sweep-status", dir, "--json");
        var sweep = Assert.Single(json.GetProperty("sweeps").EnumerateArray());
        Assert.Equal(2, sweep.GetProperty("done").GetInt32());
        Assert.Equal(1, sweep.GetProperty("failed").GetInt32());
        Assert.Equal(4, sweep.GetProperty("missing").GetInt32());
        Assert.Equal("boom", sweep.GetProperty("failed_cases")[0].GetProperty("error").GetString());
        Assert.Equal(3, sweep.GetProperty("shards_to_rerun").GetArrayLength());

        var human = CliHarness.Run("sweep-status", dir, "--output", Path.Combine(_dir, "report"));
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("2 done, 1 failed, 4 missing", human.Human);
        Assert.Contains("failed case 1: boom", human.Human);
        Assert.Contains("--resubmit-failed", human.Human);
        Assert.True(File.Exists(Path.Combine(_dir, "report", "sweep-status.json")));

        var empty = CliHarness.Run("sweep-status", Path.Combine(_dir));
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("no sweep here", empty.Error);
    }

    // ----- retry and resubmit ---------------------------------------------------------------------------------

    /// <summary>Turns a finished case into a failed one, as a case over its time limit would have been recorded.</summary>
    private static void Fail(string outputDirectory, int index)
    {
        string journal = Path.Combine(outputDirectory, "tiny.journal");
        File.Delete(Path.Combine(journal, $"case_{index:D6}.h5"));
        File.WriteAllText(Path.Combine(journal, $"case_{index:D6}.failed.txt"), "exceeded the per-case time limit of 1 s\n");
    }

    [Fact]
    public void ResumeRetryFailed_RunsTheFailedCasesAgain_AndTheTableEqualsTheCleanRun()
    {
        string sweep = SweepFile(3);
        RunJson("sweep", sweep, "--output", _dir, "--json");
        string[] clean = File.ReadAllLines(Path.Combine(_dir, "tiny_table.csv"));
        Fail(_dir, 1);

        var resumed = RunJson("sweep", sweep, "--output", _dir, "--resume", "--json");
        Assert.Equal(0, resumed.GetProperty("ran").GetInt32());
        Assert.Equal(1, resumed.GetProperty("failed").GetInt32());

        var retried = CliHarness.Run("sweep", sweep, "--output", _dir, "--resume", "--retry-failed", "--json");
        Assert.True(retried.ExitCode == 0, retried.Error);
        Assert.Contains("--retry-failed: 1 failed case", retried.Error);
        var json = JsonDocument.Parse(retried.Out).RootElement;
        Assert.Equal(1, json.GetProperty("ran").GetInt32());
        Assert.Equal(0, json.GetProperty("failed").GetInt32());
        Assert.Equal(clean, File.ReadAllLines(Path.Combine(_dir, "tiny_table.csv")));
    }

    [Fact]
    public void ResubmitFailed_WritesAnArrayOfOnlyTheShardsWithFailedOrMissingCases()
    {
        string sweep = SweepFile(5);
        string exe = Path.Combine(_dir, "cathodesim-exe");
        File.WriteAllText(exe, "");
        var refused = CliHarness.Run("sweep", sweep, "--output", _dir, "--resubmit-failed");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("tiny.sweep.json", refused.Error);

        RunJson("sweep", sweep, "--output", _dir, "--emit-slurm", "3", "--slurm-time", "20", "--cathodesim", exe, "--json");
        // Shards 0 and 2 ran (cases 0, 3 and 2); shard 1 (cases 1, 4) never did; then case 3 of shard 0 is made a failure.
        RunJson("sweep", sweep, "--output", _dir, "--shard", "0/3", "--json");
        RunJson("sweep", sweep, "--output", _dir, "--shard", "2/3", "--json");
        Fail(_dir, 3);

        var resubmit = RunJson("sweep", sweep, "--output", _dir, "--resubmit-failed", "--slurm-mem", "2G", "--json");
        Assert.Equal("0-1", resubmit.GetProperty("array").GetString());
        Assert.Equal(3, resubmit.GetProperty("failed_or_missing_cases").GetInt32());
        string script = File.ReadAllText(Path.Combine(_dir, "tiny.retry.sbatch"));
        Assert.Contains("#SBATCH --array=0-1\n", script);
        Assert.Contains("#SBATCH --time=20\n", script);   // from the --emit-slurm, kept in the manifest
        Assert.Contains("#SBATCH --mem=2G\n", script);    // given now
        Assert.Contains("--shard \"$SLURM_ARRAY_TASK_ID/3\"", script);
        Assert.Contains("--resume --retry-failed", script);
        Assert.Contains("tiny.retry.sbatch", File.ReadAllText(Path.Combine(_dir, "tiny.retry.submit.sh")));

        // The tasks of that array, run here: then nothing is left to resubmit, and the shards merge to the full table.
        RunJson("sweep", sweep, "--output", _dir, "--shard", "0/3", "--resume", "--retry-failed", "--json");
        RunJson("sweep", sweep, "--output", _dir, "--shard", "1/3", "--json");
        var done = RunJson("sweep", sweep, "--output", _dir, "--resubmit-failed", "--json");
        Assert.Equal(0, done.GetProperty("tasks").GetInt32());
        var merged = RunJson(["merge", .. Enumerable.Range(0, 3).Select(i => Path.Combine(_dir, $"tiny.shard-{i}-of-3.h5")), "--output", Path.Combine(_dir, "merged"), "--json"]);
        Assert.Equal(0, merged.GetProperty("failed").GetInt32());
        Assert.Equal(5, merged.GetProperty("cases").GetInt32());
    }
}
