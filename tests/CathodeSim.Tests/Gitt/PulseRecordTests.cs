using CathodeSim.Analysis.Gitt;
using CathodeSim.Tests.Cli;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Gitt;

/// <summary>
/// Pulse records that are not textbook GITT: back-to-back pulses and current reversals have their own ohmic jump,
/// programmed short pulses are not "truncated" (only a pulse that ends at the cut-off is), and files that are not pulse
/// or cycling records are refused by gitt-analyze and cycles.
/// </summary>
public sealed class PulseRecordTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-pulses-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const double Resistance = 20, Amplitude = 2e-3, Current = 1e-3, Capacity = 3.6;   // ohm, V/(A s^0.5) per A, A, C

    /// <summary>
    /// A cell whose rest voltage follows the charge passed and whose pulse response is ohmic plus a square-root transient:
    /// V = E(Q) + R I + a I sqrt(t - t_start) during a pulse of current I.
    /// </summary>
    private static GittSeries Record(IReadOnlyList<(double Current, double Duration)> steps, Func<double, bool>? stopAt = null, double capacity = Capacity)
    {
        var t = new List<double>(); var i = new List<double>(); var v = new List<double>();
        double time = 0, charge = 0;
        foreach (var (current, programmed) in steps)
        {
            int n = 100;
            double duration = programmed, dt = programmed / n;
            for (int k = 1; k <= n; k++)
            {
                double elapsed = k * dt;
                double q = charge + current * elapsed;
                double voltage = 3.5 + 0.1 * q / capacity + (current == 0 ? 0 : Resistance * current + Amplitude * current / Current * Math.Sqrt(elapsed));
                t.Add(time + elapsed); i.Add(current); v.Add(voltage);
                if (current != 0 && stopAt is not null && stopAt(voltage)) { duration = elapsed; break; }
            }
            time += duration;
            charge += current * duration;
        }
        return new GittSeries([.. t], [.. i], [.. v]);
    }

    [Fact]
    public void EveryCurrentStep_HasItsOhmicJump_IncludingBackToBackReversals()
    {
        var series = Record([(0, 10), (Current, 10), (-Current, 10), (0, 20), (Current, 1), (-Current, 1), (0, 20), (Current, 0.1), (-Current, 0.1), (0, 20)]);
        var analysis = GittAnalyzer.Analyze(series, new GittAnalysisOptions(1e-6, Detection: new PulseDetectionOptions(MinimumRestDuration: 0.01)));
        foreach (var p in analysis.Pulses) output.WriteLine($"pulse {p.Number} {p.Direction} {p.Duration:G3} s: IR {1e3 * p.IrDrop:F2} mV, flags {p.Flags}");
        Assert.Equal(6, analysis.Pulses.Count);
        Assert.All(analysis.Pulses, p => Assert.True(double.IsFinite(p.IrDrop), $"pulse {p.Number}: no IR drop"));
        // After a rest the jump is R I; at a reversal it is at least R (2 I) less the transient the step cut off.
        foreach (var p in analysis.Pulses.Where(p => p.Direction == GittPulseDirection.Charge))
            Assert.Equal(Resistance * Current, p.IrDrop, 1e-3 * Resistance * Current + 2e-4);
        foreach (var p in analysis.Pulses.Where(p => p.Direction == GittPulseDirection.Discharge))
            Assert.True(p.IrDrop < -1.5 * Resistance * Current, $"reversal at pulse {p.Number}: {p.IrDrop} V");
    }

    [Fact]
    public void ProgrammedShortPulses_AreNotTruncated_ButAPulseEndingAtTheCutoffIs()
    {
        var steps = new List<(double, double)> { (0, 10) };
        foreach (double duration in new[] { 10.0, 1, 0.1, 10, 10, 10 }) { steps.Add((Current, duration)); steps.Add((0, 20)); }
        steps.Add((Current, 10));   // cut off at 3.614 V after about 4 s: the highest voltage of the record
        steps.Add((0, 20));
        // A small capacity: the rest voltage climbs 20 mV per 10 s pulse, so only the last pulse reaches the cut-off.
        var series = Record(steps, stopAt: v => v >= 3.614, capacity: 0.05);
        var analysis = GittAnalyzer.Analyze(series, new GittAnalysisOptions(1e-6));
        foreach (var p in analysis.Pulses) output.WriteLine($"pulse {p.Number}: {p.Duration:G3} s, flags {p.Flags}");
        var last = analysis.Pulses[^1];
        Assert.True(last.Duration < 9, $"the last pulse should have been cut: {last.Duration} s");
        Assert.True(last.Flags.HasFlag(GittFlags.Truncated));
        Assert.All(analysis.Pulses.Take(analysis.Pulses.Count - 1), p => Assert.False(p.Flags.HasFlag(GittFlags.Truncated), $"pulse {p.Number} ({p.Duration} s)"));
    }

    [Fact]
    public void GittAnalyze_OnAnImpedanceFile_AndCycles_OnAPulseRecord_ExitTwo()
    {
        string spectrum = Path.Combine(_dir, "peis.csv");
        File.WriteAllLines(spectrum, ["time/s,freq/Hz,Re(Z)/Ohm,-Im(Z)/Ohm,Ewe/V,I/mA", "1,1000,20,5,3.5,0.001", "2,100,25,9,3.5,0.001", "3,10,40,15,3.5,0.001"]);
        var gitt = CliHarness.Run("gitt-analyze", spectrum, "--particle-radius", "2 um", "--output", Path.Combine(_dir, "out"));
        Assert.Equal(2, gitt.ExitCode);
        Assert.Contains("is an impedance spectrum", gitt.Error);

        // Pulses of a few seconds: the "first cycle" delivers next to nothing against a later, longer discharge.
        var series = Record([(0, 10), (Current, 1), (-Current, 0.01), (0, 10), (Current, 100), (-Current, 100), (0, 10)]);
        string record = Path.Combine(_dir, "pulses.csv");
        File.WriteAllLines(record, new[] { "time_s,current_A,voltage_V,cycle" }.Concat(series.Time.Select((x, k) =>
            FormattableString.Invariant($"{x:R},{series.Current[k]:R},{series.Voltage[k]:R},{(k < 200 ? 1 : 2)}"))));
        var cycles = CliHarness.Run("cycles", record, "--output", Path.Combine(_dir, "out"));
        output.WriteLine(cycles.Error);
        Assert.Equal(2, cycles.ExitCode);
        Assert.Contains("not a cycling record", cycles.Error);
    }
}

/// <summary>The pulse plot's time axis suits the record's length.</summary>
public sealed class PulsePlotTimeUnitTests
{
    [Theory]
    [InlineData(30.0, "s")]
    [InlineData(600.0, "s")]
    [InlineData(3600.0, "min")]
    [InlineData(36000.0, "min")]
    [InlineData(200000.0, "h")]
    public void TimeUnit_FollowsTheRecordLength(double span, string unit) =>
        Assert.Equal(unit, CathodeSim.IO.Output.GittWriter.TimeUnit(span).Unit);
}
