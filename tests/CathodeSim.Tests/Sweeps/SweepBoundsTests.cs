using System.Diagnostics;
using System.Text.Json;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.IO.Config;
using CathodeSim.IO.Sweeps;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Simulation;
using CathodeSim.Tests.Cli;

namespace CathodeSim.Tests.Sweeps;

/// <summary>Sweep sizes are bounded before any case is built; a case that runs too long is cancelled and recorded as failed.</summary>
public sealed class SweepBoundsTests : IDisposable
{
    private readonly SweepTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private const string HugeGrid = """
        parameters:
          cell.cathode.active_mass_fraction: {from: 0.6, to: 0.8, count: 500}
          cell.cathode.void_fraction: {from: 0.05, to: 0.25, count: 400}
        """;

    [Fact]
    public void GridAboveTheDefaultLimit_IsRefusedBeforeAnyCaseIsBuilt()
    {
        var clock = Stopwatch.StartNew();
        var e = _files.Fails(HugeGrid, "parameters:");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains("100,000 cases", e.Problem);
        Assert.Contains("max_cases", e.Problem);
    }

    [Fact]
    public void MaxCases_LowersAndRaisesTheLimit()
    {
        var e = _files.Fails("max_cases: 4\nparameters:\n  cell.cathode.active_mass_fraction: {from: 0.6, to: 0.8, count: 5}\n", "parameters:");
        Assert.Contains("at most 4 cases (max_cases in this file)", e.Problem);
        Assert.Equal(5, _files.Load("max_cases: 5\nparameters:\n  cell.cathode.active_mass_fraction: {from: 0.6, to: 0.8, count: 5}\n").Cases.Count);
        var ceiling = _files.Fails("max_cases: 2000000\nparameters:\n  temperature: [25 degC]\n", "max_cases:");
        Assert.Equal("max_cases", ceiling.KeyPath);
    }

    [Fact]
    public void SamplesAboveTheLimit_AreRefused()
    {
        var e = _files.Fails("mode: random\nsamples: 200000\nparameters:\n  cell.cathode.active_mass_fraction: {from: 0.6, to: 0.8}\n", "samples:");
        Assert.Equal("samples", e.KeyPath);
        Assert.Contains("max_cases", e.Problem);
    }

    [Fact]
    public void Cli_Sweep_AboveTheLimit_ExitsWithBadInput_NamingMaxCases()
    {
        string path = _files.Write(HugeGrid);
        var clock = Stopwatch.StartNew();
        var outcome = CliHarness.Run("sweep", path, "--output", Path.Combine(_files.Root, "out"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("parameters", outcome.Error);
        Assert.Contains("max_cases", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void CaseTimeLimit_IsRead_AndDefaultsToTenMinutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), _files.Load("parameters:\n  temperature: [25 degC]\n").CaseTimeLimit);
        Assert.Equal(TimeSpan.FromSeconds(90), _files.Load("case_time_limit: 90 s\nparameters:\n  temperature: [25 degC]\n").CaseTimeLimit);
        var e = _files.Fails("case_time_limit: 0 s\nparameters:\n  temperature: [25 degC]\n", "case_time_limit:");
        Assert.Equal("case_time_limit", e.KeyPath);
    }

    [Fact]
    public void CaseOverItsTimeLimit_IsCancelledAndFailed_WhileTheOthersComplete()
    {
        var fast = TestCells.Setup(TestCells.B65(), new(6, 6, 1), 298.15, new RestStep("Rest for 1 min", 60));
        // Thousands of cycles on the default mesh (20 x 20, 5 size bins): many minutes of work, far beyond the limit even
        // where the limit's timer fires seconds late on a loaded machine. (On the 6 x 6 x 1 mesh the faster solver ran the
        // 5000 cycles in under 7 s, within a timer that fired late under CI load.)
        var slow = TestCells.Setup(TestCells.B65(), new(20, 20, 5), 298.15, new RepeatStep("Repeat 5000 times", 5000, [
            new CurrentStep("Charge at 1C until 3.7 V", CurrentDirection.Charge, new CRateSetpoint(1), 3.7, null),
            new CurrentStep("Discharge at 1C until 2.1 V", CurrentDirection.Discharge, new CRateSetpoint(1), 2.1, null)]));
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<CaseOutcome>();
        var clock = Stopwatch.StartNew();
        new SweepRunner(2, caseTimeLimit: TimeSpan.FromSeconds(3)).Run([new(0, [fast]), new(1, [slow]), new(2, [fast])], outcomes.Add, null, CancellationToken.None);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.Equal(3, outcomes.Count);
        var failed = Assert.Single(outcomes, o => o.Error is not null);
        Assert.Equal(1, failed.Index);
        Assert.Contains("exceeded the per-case time limit of 3 s", failed.Error);
        Assert.All(outcomes.Where(o => o.Index != 1), o => Assert.NotNull(o.Results));
    }

    [Fact]
    public void Cli_Sweep_CaseOverItsTimeLimit_IsRecordedAsFailed_AndResumeKeepsIt()
    {
        // max_step 0.05 s makes each 13 h rest need 936,000 solver steps (under the per-step bound). A rest at equilibrium
        // steps in a few microseconds on a quiet machine, so two rests could end within the 5 s limit (this test once saw
        // no failed case in CI); twelve (11 million steps) cannot.
        string path = _files.Write("""
            name: timed
            case_time_limit: 5 s
            set: [numerics.size_bins=1, numerics.cathode_nodes=6, numerics.radial_shells=6]
            parameters:
              numerics.max_step: [600 s, 0.05 s]
            protocols:
              rest: [Rest for 13 h, Rest for 13 h, Rest for 13 h, Rest for 13 h, Rest for 13 h, Rest for 13 h, Rest for 13 h, Rest for 13 h, Rest for 13 h, Rest for 13 h, Rest for 13 h, Rest for 13 h]
            """);
        string output = Path.Combine(_files.Root, "out");
        var outcome = CliHarness.Run("sweep", path, "--output", output, "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var json = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(1, json.GetProperty("failed").GetInt32());
        using (var reader = SweepFileReader.Open(Path.Combine(output, "timed.h5")))
        {
            Assert.Equal("", reader.Rows.Single(r => r.Index == 0).Error);
            Assert.Contains("exceeded the per-case time limit of 5 s", reader.Rows.Single(r => r.Index == 1).Error);
        }

        // --resume treats it as any failed case: recorded, not run again.
        var resumed = CliHarness.Run("sweep", path, "--output", output, "--resume", "--json");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        var again = JsonDocument.Parse(resumed.Out).RootElement;
        Assert.Equal(0, again.GetProperty("ran").GetInt32());
        Assert.Equal(1, again.GetProperty("failed").GetInt32());
    }
}
