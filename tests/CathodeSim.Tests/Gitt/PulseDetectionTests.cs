using System.Globalization;
using System.Text;
using CathodeSim.Analysis.Gitt;

namespace CathodeSim.Tests.Gitt;

/// <summary>Pulse detection on measured-style records: noise, current negative on charge, rest points missing.</summary>
public sealed class PulseDetectionTests
{
    public const int PulseCount = 10;
    public const double PulseCurrent = 1e-4, PulseSeconds = 900, RestSeconds = 4 * 3600;

    /// <summary>
    /// A GITT-like record sampled like an instrument (1 s in pulses, 60 s in rests): current with 1 % noise and spikes,
    /// recorded negative on charge; voltage rising with sqrt(t) in the pulse and relaxing in the rest, 0.2 mV noise;
    /// a quarter of the rest points dropped at random.
    /// </summary>
    public static GittSeries Synthetic(int seed = 7)
    {
        var random = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var t = new List<double>();
        var i = new List<double>();
        var v = new List<double>();
        double time = 0, e0 = 3.0;
        void Add(double time_, double current, double voltage, bool rest)
        {
            if (rest && random.NextDouble() < 0.25) return;
            t.Add(time_);
            i.Add(-current + PulseCurrent * 0.01 * Gauss());   // negative on charge
            v.Add(voltage + 2e-4 * Gauss());
        }
        for (int s = 0; s < 600; s += 60) Add(time + s, 0, e0, rest: true);
        time += 600;
        for (int p = 0; p < PulseCount; p++)
        {
            double dEs = 0.01, ir = 0.02, transient = 0.03;
            for (double s = 1; s <= PulseSeconds; s++) Add(time + s, PulseCurrent, e0 + ir + transient * Math.Sqrt(s / PulseSeconds), rest: false);
            time += PulseSeconds;
            for (double s = 1; s <= RestSeconds; s += s < 60 ? 5 : 60)
                Add(time + s, 0, e0 + dEs + (transient - dEs) * Math.Exp(-s / 600), rest: true);
            time += RestSeconds;
            e0 += dEs;
        }
        // A spike in a rest must not count as a pulse.
        int k = t.Count - 30;
        i[k] = -3 * PulseCurrent;
        return new GittSeries(t.ToArray(), i.ToArray(), v.ToArray());
    }

    public static string WriteCsv(string path, GittSeries series)
    {
        var text = new StringBuilder("time_s,current_A,voltage_V\n");
        for (int k = 0; k < series.Count; k++)
            text.Append(CultureInfo.InvariantCulture, $"{series.Time[k]:R},{series.Current[k]:R},{series.Voltage[k]:R}\n");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public void NoisyFlippedRecordWithMissingRestPoints_FindsEveryPulse()
    {
        var series = Synthetic();
        var spans = PulseDetector.Detect(series, new PulseDetectionOptions(MaximumGap: 60));
        Assert.Equal(PulseCount, spans.Count);
        Assert.All(spans, s => Assert.Equal(-1, s.Sign));

        var analysis = GittAnalyzer.Analyze(series, new GittAnalysisOptions(2e-6, 1.0, 3.6e-6 * 275 * 3.6e3,
            new PulseDetectionOptions(MaximumGap: 60)));
        Assert.True(analysis.CurrentSignFlipped);
        Assert.Equal(PulseCount, analysis.Pulses.Count);
        Assert.All(analysis.Pulses, p =>
        {
            Assert.Equal(GittPulseDirection.Charge, p.Direction);
            Assert.InRange(p.Duration, PulseSeconds - 2, PulseSeconds + 2);
            Assert.InRange(p.Charge / (PulseCurrent * PulseSeconds), 0.99, 1.01);
            Assert.InRange(p.SteadyStateChange, 0.0085, 0.0115);
            Assert.InRange(p.TransientChange, 0.025, 0.035);
            Assert.InRange(p.IrDrop, 0.015, 0.025);
            Assert.True(p.Diffusivity > 0);
        });
        // x falls by I tau / Q_theoretical per pulse.
        double step = PulseCurrent * PulseSeconds / (3.6e-6 * 275 * 3.6e3);
        Assert.Equal(1 - PulseCount * step, analysis.Pulses[^1].StoichiometryAfter, 3);
    }

    [Fact]
    public void RestWithEveryPointMissing_StillSeparatesThePulses_ByTheTimeGap()
    {
        var s = Synthetic();
        // Drop the whole rest after the third pulse.
        var spans = PulseDetector.Detect(s, new PulseDetectionOptions(MaximumGap: 60));
        int from = spans[2].Last + 1, to = spans[3].First;
        var keep = Enumerable.Range(0, s.Count).Where(k => k < from || k >= to).ToArray();
        var holed = new GittSeries(keep.Select(k => s.Time[k]).ToArray(), keep.Select(k => s.Current[k]).ToArray(), keep.Select(k => s.Voltage[k]).ToArray());
        var analysis = GittAnalyzer.Analyze(holed, new GittAnalysisOptions(2e-6, Detection: new PulseDetectionOptions(MaximumGap: 60)));
        Assert.Equal(PulseCount, analysis.Pulses.Count);
        Assert.True(analysis.Pulses[2].Flags.HasFlag(GittFlags.MissingRest));
        Assert.True(analysis.Pulses[3].Flags.HasFlag(GittFlags.MissingRest));
    }

    [Fact]
    public void SparseLogging_InsidePulses_IsNotMistakenForMissingRests()
    {
        // A logger that records every 120 s, pulses included: the gap criterion scales with the sampling.
        var s = Synthetic();
        var keep = Enumerable.Range(0, s.Count).Where(k => Math.Abs(s.Current[k]) < 0.5 * PulseCurrent || Math.Round(s.Time[k]) % 120 == 0
            || k + 1 < s.Count && Math.Abs(s.Current[k + 1]) < 0.5 * PulseCurrent).ToArray();
        var sparse = new GittSeries(keep.Select(k => s.Time[k]).ToArray(), keep.Select(k => s.Current[k]).ToArray(), keep.Select(k => s.Voltage[k]).ToArray());
        Assert.Equal(PulseCount, PulseDetector.Detect(sparse, new PulseDetectionOptions(MaximumGap: 60)).Count);
    }

    [Fact]
    public void NoCurrent_NoPulses_AndBadArraysAreRejected()
    {
        var flat = new GittSeries([0, 1, 2], [0, 0, 0], [3, 3, 3]);
        Assert.Empty(PulseDetector.Detect(flat));
        Assert.Throws<ArgumentException>(() => PulseDetector.Detect(new GittSeries([0, 2, 1], [0, 1, 0], [3, 3, 3])));
        Assert.Throws<ArgumentException>(() => PulseDetector.Detect(new GittSeries([0, 1], [0, 1, 0], [3, 3, 3])));
        Assert.Throws<ArgumentException>(() => GittAnalyzer.Analyze(flat, new GittAnalysisOptions(0)));
    }
}
