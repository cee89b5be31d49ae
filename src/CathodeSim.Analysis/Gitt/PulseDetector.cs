namespace CathodeSim.Analysis.Gitt;

/// <summary>How current pulses are told from rests.</summary>
/// <param name="RelativeThreshold">A point belongs to a pulse when |I| exceeds this share of the pulse current level (the 99th percentile of |I|).</param>
/// <param name="AbsoluteThreshold">If set, the current threshold in A instead of the relative one.</param>
/// <param name="MinimumRestDuration">Below-threshold stretches shorter than this (s) between two runs of the same sign are noise inside one pulse.</param>
/// <param name="MaximumGap">
/// Two consecutive above-threshold points further apart than this (s), and than 5 times the usual sampling interval
/// inside pulses, belong to different pulses even with no rest point recorded between them (a rest whose points are
/// missing). Null: no such split (simulated series, whose steps inside a pulse may be long).
/// </param>
/// <param name="MinimumPulsePoints">Above-threshold runs with fewer points are spikes, not pulses.</param>
public sealed record PulseDetectionOptions(
    double RelativeThreshold = 0.2,
    double? AbsoluteThreshold = null,
    double MinimumRestDuration = 5,
    double? MaximumGap = null,
    int MinimumPulsePoints = 2);

/// <summary>One detected current pulse: indices of its first and last above-threshold points.</summary>
/// <param name="First">Index of the first point with the pulse current.</param>
/// <param name="Last">Index of the last point with the pulse current.</param>
/// <param name="Sign">Sign of the current in the series' own convention (+1 or -1).</param>
public readonly record struct PulseSpan(int First, int Last, int Sign);

/// <summary>Finds current pulses in a time series, tolerant of noise, either sign convention and missing rest points.</summary>
public static class PulseDetector
{
    /// <summary>The current magnitude above which a point is taken as part of a pulse, A (0 when the series carries no current).</summary>
    public static double Threshold(GittSeries series, PulseDetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        if (options.AbsoluteThreshold is { } absolute) return absolute;
        var magnitudes = series.Current.Where(double.IsFinite).Select(Math.Abs).Order().ToArray();
        if (magnitudes.Length == 0 || magnitudes[^1] == 0) return 0;
        // The pulse level: robust to a few spikes, and pulses are more than 1 % of the points in any GITT record.
        double level = magnitudes[(int)Math.Floor(0.99 * (magnitudes.Length - 1))];
        if (level < 0.1 * magnitudes[^1]) level = magnitudes[^1];
        return options.RelativeThreshold * level;
    }

    /// <summary>The pulses of <paramref name="series"/>, in time order.</summary>
    /// <exception cref="ArgumentException">Arrays of different lengths or times that decrease.</exception>
    public static IReadOnlyList<PulseSpan> Detect(GittSeries series, PulseDetectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var o = options ?? new PulseDetectionOptions();
        Validate(series);
        double threshold = Threshold(series, o);
        var t = series.Time;
        var current = series.Current;
        int n = series.Count;
        if (threshold <= 0) return [];
        double maximumGap = double.PositiveInfinity;
        if (o.MaximumGap is { } given)
        {
            var intervals = new List<double>();
            for (int k = 1; k < n; k++)
                if (Math.Abs(current[k]) > threshold && Math.Abs(current[k - 1]) > threshold) intervals.Add(t[k] - t[k - 1]);
            intervals.Sort();
            maximumGap = Math.Max(given, intervals.Count > 0 ? 5 * intervals[intervals.Count / 2] : 0);
        }

        // Runs of consecutive above-threshold points of one sign, split at long time gaps.
        var runs = new List<PulseSpan>();
        int start = -1, sign = 0;
        for (int k = 0; k <= n; k++)
        {
            bool active = k < n && double.IsFinite(current[k]) && Math.Abs(current[k]) > threshold;
            int s = active ? Math.Sign(current[k]) : 0;
            bool gap = active && start >= 0 && t[k] - t[k - 1] > maximumGap;
            if (start >= 0 && (!active || s != sign || gap))
            {
                runs.Add(new PulseSpan(start, k - 1, sign));
                start = -1;
            }
            if (active && start < 0) { start = k; sign = s; }
        }

        // Noise dropouts: a short below-threshold stretch between runs of the same sign joins them.
        var merged = new List<PulseSpan>();
        foreach (var run in runs)
        {
            if (merged.Count > 0)
            {
                var last = merged[^1];
                bool recordedRest = run.First > last.Last + 1;
                if (last.Sign == run.Sign && recordedRest && t[run.First] - t[last.Last] < o.MinimumRestDuration)
                {
                    merged[^1] = last with { Last = run.Last };
                    continue;
                }
            }
            merged.Add(run);
        }
        return merged.Where(r => r.Last - r.First + 1 >= o.MinimumPulsePoints).ToList();
    }

    internal static void Validate(GittSeries series)
    {
        int n = series.Time.Length;
        if (series.Current.Length != n || series.Voltage.Length != n)
            throw new ArgumentException($"time, current and voltage must have the same length (got {n}, {series.Current.Length}, {series.Voltage.Length})");
        for (int k = 1; k < n; k++)
            if (!(series.Time[k] >= series.Time[k - 1]))
                throw new ArgumentException($"time must not decrease (point {k}: {series.Time[k]} s after {series.Time[k - 1]} s)");
    }
}
