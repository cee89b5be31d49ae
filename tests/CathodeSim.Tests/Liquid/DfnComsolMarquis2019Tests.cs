using System.Globalization;
using CathodeSim.Model.Dfn;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Results;
using Xunit;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Liquid;

/// <summary>
/// Issue 21, verification item 3: the DFN full cell against the COMSOL DFN solutions of the Marquis et al. 2019 parameter
/// set that PyBaMM publishes (validation/dfn-comsol-marquis2019/README.md), at 0.5C and 3C.
/// </summary>
public sealed class DfnComsolMarquis2019Tests(ITestOutputHelper output)
{
    private static (double[] Time, double[] Voltage) Reference(string file)
    {
        var lines = File.ReadAllLines(RepositoryPaths.File("validation", "dfn-comsol-marquis2019", file));
        var t = new List<double>();
        var v = new List<double>();
        foreach (var line in lines)
        {
            if (line.Length == 0) continue;
            var parts = line.Split(',');
            t.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
            v.Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        return (t.ToArray(), v.ToArray());
    }

    /// <summary>
    /// The model's voltage at <paramref name="time"/>, linear between accepted steps; NaN after the run ended. COMSOL's
    /// t = 0 value is the voltage under current (0+), while the series starts with the rest state: that point takes the
    /// first accepted step (1 ms).
    /// </summary>
    private static double VoltageAt(IReadOnlyList<TimePoint> series, double time)
    {
        if (time <= series[0].Time) return series[1].Voltage;
        for (int n = 1; n < series.Count; n++)
            if (series[n].Time >= time)
            {
                var a = series[n - 1];
                var b = series[n];
                return b.Time == a.Time ? b.Voltage : a.Voltage + (b.Voltage - a.Voltage) * (time - a.Time) / (b.Time - a.Time);
            }
        return double.NaN;
    }

    /// <summary>
    /// Runs the discharge at <paramref name="cRate"/> to the data's last time (no cut-off: COMSOL's 3C run goes on to
    /// 2.25 V, its 0.5C run ends at 3.32 V) and returns the differences model - COMSOL (V) at the data's times, with the
    /// COMSOL voltage.
    /// </summary>
    private (List<(double Time, double Comsol, double Difference)> Points, double Seconds) Compare(double cRate, string file, double maxStep)
    {
        var setup = DfnFullCellTests.Marquis();
        var (t, v) = Reference(file);
        var protocol = new ProtocolStep[] { new CurrentStep($"{cRate}C", CurrentDirection.Discharge, new CRateSetpoint(cRate), null, t[^1]) };
        var liquid = setup.Liquid!;
        var result = new DfnSimulator().Run("marquis2019", liquid.Cell, liquid.Grid with { AnodeVolumes = 20, SeparatorVolumes = 20, CathodeVolumes = 20 },
            setup.Temperature, protocol, setup.Numerics with { MaxStep = maxStep });
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        var points = new List<(double, double, double)>();
        for (int n = 0; n < t.Length; n++)
        {
            double model = VoltageAt(result.Series, t[n]);
            if (double.IsNaN(model)) break;
            points.Add((t[n], v[n], model - v[n]));
        }
        output.WriteLine($"{cRate}C: model ran {result.Series[^1].Time:F1} s to {result.Series[^1].Voltage:F4} V in {result.Diagnostics.WallSeconds:F2} s wall, " +
            $"{result.Diagnostics.AcceptedSteps} steps; {points.Count} of {t.Length} COMSOL points compared");
        foreach (var (time, comsol, d) in points.Where((_, i) => i % 10 == 0 || i == points.Count - 1))
            output.WriteLine($"  t = {time,7:F1} s  COMSOL {comsol:F4} V  model - COMSOL {d * 1e3,7:F2} mV");
        return (points, result.Diagnostics.WallSeconds);
    }

    private static (double Max, double Rms) Stats(IEnumerable<(double Time, double Comsol, double Difference)> points)
    {
        var d = points.Select(p => p.Difference).ToArray();
        return (d.Max(Math.Abs), Math.Sqrt(d.Sum(x => x * x) / d.Length));
    }

    [Fact]
    public void Half_C_discharge_matches_COMSOL()
    {
        var (points, _) = Compare(0.5, "voltage-0.5C.csv", 20);
        var (max, rms) = Stats(points);
        output.WriteLine($"0.5C: max |model - COMSOL| = {max * 1e3:F2} mV, RMS = {rms * 1e3:F2} mV over {points.Count} points");
        // The bar, 5 mV, on every point of the discharge, nothing excluded.
        Assert.Equal(200, points.Count);
        Assert.InRange(max, 0, 5e-3);
        Assert.InRange(rms, 0, 5e-3);
    }

    [Fact]
    public void Three_C_discharge_matches_COMSOL()
    {
        var (points, _) = Compare(3, "voltage-3C.csv", 5);
        var (max, rms) = Stats(points);
        output.WriteLine($"3C: max |model - COMSOL| = {max * 1e3:F2} mV, RMS = {rms * 1e3:F2} mV over {points.Count} points");
        // The bar on every point, the knee down to 2.25 V included.
        Assert.Equal(200, points.Count);
        Assert.InRange(max, 0, 5e-3);
        Assert.InRange(rms, 0, 5e-3);
    }
}
