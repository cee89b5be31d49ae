using System.Globalization;

namespace CathodeSim.Analysis.Capacity;

/// <summary>Settings of the differential-capacity analysis.</summary>
/// <param name="Window">Voltage bin width and grid spacing dV, V (default 5 mV).</param>
/// <param name="SmoothingPoints">Savitzky-Golay window in grid points, odd (default 11); 1 switches smoothing off.</param>
/// <param name="SmoothingOrder">Savitzky-Golay polynomial order (default 3).</param>
/// <param name="MinProminence">A peak must stand out by this share of the curve's largest |dQ/dV| (default 0.05).</param>
/// <param name="ActiveMass">kg of active material for mAh/g; null for mAh.</param>
public sealed record DqDvOptions(double Window = 0.005, int SmoothingPoints = 11, int SmoothingOrder = 3, double MinProminence = 0.05, double? ActiveMass = null)
{
    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        if (!(Window > 0) || !double.IsFinite(Window)) throw new ArgumentException($"the voltage window must be positive, got {Window} V");
        if (SmoothingPoints != 1) SavitzkyGolay.Validate(SmoothingPoints, SmoothingOrder);
        if (!(MinProminence >= 0 && MinProminence < 1)) throw new ArgumentException($"the peak prominence threshold must be a share in [0, 1), got {MinProminence}");
        _ = new CapacityScale(ActiveMass);
    }
}

/// <summary>A local maximum of |dQ/dV|.</summary>
/// <param name="Voltage">V (refined by a parabola through the maximum and its neighbours).</param>
/// <param name="Height">Smoothed dQ/dV at the peak, in the curve's unit per V; negative on discharge.</param>
/// <param name="Prominence">How far |dQ/dV| rises above the higher of the two lowest points separating it from higher peaks (or the ends), same unit.</param>
public sealed record DqDvPeak(double Voltage, double Height, double Prominence);

/// <summary>dQ/dV of one segment (one cycle, one direction) on a uniform voltage grid.</summary>
/// <param name="Cycle">1-based cycle.</param>
/// <param name="Direction">Charge or discharge.</param>
/// <param name="Voltage">Grid, V, increasing, spacing <see cref="DqDvOptions.Window"/>.</param>
/// <param name="Capacity">Capacity passed in the segment at each grid voltage (mAh/g or mAh).</param>
/// <param name="RawDqDv">Central differences of <paramref name="Capacity"/>, unit per V (negative on discharge, where the capacity grows as the voltage falls).</param>
/// <param name="DqDv">Savitzky-Golay smoothed dQ/dV, same unit.</param>
/// <param name="SmoothingPoints">Window actually used (smaller than asked for a short curve; 0 when the curve was too short to smooth).</param>
/// <param name="Peaks">Peaks in voltage order.</param>
public sealed record DqDvCurve(int Cycle, CurrentDirection Direction, double[] Voltage, double[] Capacity, double[] RawDqDv, double[] DqDv,
    int SmoothingPoints, IReadOnlyList<DqDvPeak> Peaks)
{
    /// <summary>"charge" or "discharge".</summary>
    public string DirectionName => Direction == CurrentDirection.Charge ? "charge" : "discharge";
}

/// <summary>The curves of a series with the settings and the method used.</summary>
/// <param name="Options">Settings.</param>
/// <param name="Scale">Units of capacity.</param>
/// <param name="Curves">One per cycle and direction, in time order.</param>
/// <param name="Warnings">Segments left out and why.</param>
public sealed record DqDvResult(DqDvOptions Options, CapacityScale Scale, IReadOnlyList<DqDvCurve> Curves, IReadOnlyList<string> Warnings)
{
    /// <summary>"mAh/g/V" or "mAh/V".</summary>
    public string Unit => Scale.CapacityUnit + "/V";

    /// <summary>One line describing how the curves were made, for reports and file headers.</summary>
    public string Method
    {
        get
        {
            var inv = CultureInfo.InvariantCulture;
            string dv = (Options.Window * 1e3).ToString("0.###", inv);
            string smoothing = Options.SmoothingPoints == 1 ? "no smoothing"
                : string.Create(inv, $"Savitzky-Golay smoothing ({Options.SmoothingPoints} points = {Options.SmoothingPoints * Options.Window * 1e3:0.#} mV, order {Options.SmoothingOrder})");
            return string.Create(inv,
                $"capacity binned over voltage windows of dV = {dv} mV (mean Q per bin, made monotone), interpolated on a uniform {dv} mV grid, central differences, {smoothing}; peaks: local maxima of |dQ/dV| with prominence >= {Options.MinProminence * 100:0.##} % of the curve's largest");
        }
    }
}

/// <summary>
/// Differential capacity dQ/dV against voltage, per cycle and direction.
/// </summary>
/// <remarks>
/// Each charge or discharge segment (<see cref="CapacitySegmenter"/>) gives one curve. The points are binned over voltage
/// windows of width dV aligned to multiples of dV; each occupied bin contributes the mean voltage and mean capacity of its
/// points, which averages noise and collapses plateaus (many points at one voltage) to one point instead of an infinite
/// slope. The bin capacities are made monotone in voltage (pool-adjacent-violators: non-decreasing on charge, non-increasing
/// on discharge), interpolated linearly onto the bin centres between the first and last occupied bin, differentiated by
/// central differences and smoothed by a Savitzky-Golay filter, whose symmetric window keeps peak positions.
/// </remarks>
public static class DqDvAnalyzer
{
    /// <summary>Analyses <paramref name="series"/>.</summary>
    /// <exception cref="ArgumentException">Invalid options, or no segment with current in the series.</exception>
    public static DqDvResult Analyze(CyclingSeries series, DqDvOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var scale = new CapacityScale(options.ActiveMass);
        var segments = CapacitySegmenter.Split(series);
        if (segments.Count == 0) throw new ArgumentException("the series carries no current: there is nothing to charge or discharge");
        var curves = new List<DqDvCurve>();
        var warnings = new List<string>();
        foreach (var segment in segments)
        {
            var curve = Curve(segment, options, scale);
            string name = $"cycle {segment.Cycle} {(segment.Direction == CurrentDirection.Charge ? "charge" : "discharge")}";
            if (curve is null) warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: spans less than 3 voltage windows ({segment.Count} points); left out"));
            else curves.Add(curve);
        }
        return new DqDvResult(options, scale, curves, warnings);
    }

    /// <summary>dQ/dV of one segment, or null when it spans fewer than 3 grid points.</summary>
    public static DqDvCurve? Curve(CapacitySegment segment, DqDvOptions options, CapacityScale scale)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scale);
        double dV = options.Window;
        // Bin by voltage: index k covers [k dV, (k+1) dV).
        var bins = new SortedDictionary<long, (double SumV, double SumQ, int N)>();
        for (int i = 0; i < segment.Count; i++)
        {
            long k = (long)Math.Floor(segment.Voltage[i] / dV);
            bins.TryGetValue(k, out var b);
            bins[k] = (b.SumV + segment.Voltage[i], b.SumQ + scale.Capacity(segment.Charge[i]), b.N + 1);
        }
        double[] bv = bins.Values.Select(b => b.SumV / b.N).ToArray();
        double[] bq = bins.Values.Select(b => b.SumQ / b.N).ToArray();
        double[] weight = bins.Values.Select(b => (double)b.N).ToArray();
        bool charge = segment.Direction == CurrentDirection.Charge;
        if (!charge) for (int i = 0; i < bq.Length; i++) bq[i] = -bq[i];
        bq = Isotonic(bq, weight);
        if (!charge) for (int i = 0; i < bq.Length; i++) bq[i] = -bq[i];

        // Grid: bin centres between the first and last bin means.
        long kFirst = (long)Math.Ceiling(bv[0] / dV - 0.5), kLast = (long)Math.Floor(bv[^1] / dV - 0.5);
        int n = (int)Math.Max(0, kLast - kFirst + 1);
        if (n < 3) return null;
        var grid = new double[n];
        var q = new double[n];
        int seg = 0;
        for (int i = 0; i < n; i++)
        {
            double v = Math.Round((kFirst + i + 0.5) * dV, 12);
            grid[i] = v;
            while (seg < bv.Length - 2 && bv[seg + 1] < v) seg++;
            double span = bv[seg + 1] - bv[seg];
            double f = span > 0 ? Math.Clamp((v - bv[seg]) / span, 0, 1) : 0;
            q[i] = bq[seg] + f * (bq[seg + 1] - bq[seg]);
        }

        var raw = new double[n];
        for (int i = 0; i < n; i++)
        {
            int lo = Math.Max(0, i - 1), hi = Math.Min(n - 1, i + 1);
            raw[i] = (q[hi] - q[lo]) / (grid[hi] - grid[lo]);
        }
        double[] smooth;
        int used;
        if (options.SmoothingPoints == 1)
        {
            smooth = (double[])raw.Clone();
            used = 1;
        }
        else
        {
            used = SavitzkyGolay.EffectiveWindow(n, options.SmoothingPoints, options.SmoothingOrder);
            smooth = SavitzkyGolay.Smooth(raw, options.SmoothingPoints, options.SmoothingOrder);
        }
        return new DqDvCurve(segment.Cycle, segment.Direction, grid, q, raw, smooth, used, FindPeaks(grid, smooth, options.MinProminence));
    }

    /// <summary>
    /// Local maxima of |<paramref name="y"/>| (a flat top counts once, at its middle) whose topographic prominence is at
    /// least <paramref name="minProminence"/> times the largest |y|; end points are never peaks.
    /// </summary>
    public static IReadOnlyList<DqDvPeak> FindPeaks(double[] x, double[] y, double minProminence)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int n = y.Length;
        var a = y.Select(Math.Abs).ToArray();
        double largest = n == 0 ? 0 : a.Max();
        var peaks = new List<DqDvPeak>();
        if (!(largest > 0)) return peaks;
        for (int i = 1; i < n - 1; i++)
        {
            if (!(a[i] > a[i - 1])) continue;
            int j = i;
            while (j + 1 < n && a[j + 1] == a[i]) j++;
            if (j + 1 >= n || !(a[j + 1] < a[i])) { i = j; continue; }
            int top = (i + j) / 2;
            double leftMin = a[i], rightMin = a[i];
            for (int k = i - 1; k >= 0 && a[k] <= a[top]; k--) leftMin = Math.Min(leftMin, a[k]);
            for (int k = j + 1; k < n && a[k] <= a[top]; k++) rightMin = Math.Min(rightMin, a[k]);
            // A side that reaches the end without meeting a higher point bounds the peak by its lowest point as well.
            double prominence = a[top] - Math.Max(leftMin, rightMin);
            if (prominence >= minProminence * largest)
            {
                double xp = x[top], yp = y[top];
                if (i == j)
                {
                    // Parabola through the maximum and its neighbours.
                    double denom = a[top - 1] - 2 * a[top] + a[top + 1];
                    if (denom < 0)
                    {
                        double shift = 0.5 * (a[top - 1] - a[top + 1]) / denom;
                        xp = x[top] + shift * (x[top + 1] - x[top - 1]) / 2;
                        yp = Math.Sign(y[top]) * (a[top] - 0.25 * (a[top - 1] - a[top + 1]) * shift);
                    }
                }
                peaks.Add(new DqDvPeak(xp, yp, prominence));
            }
            i = j;
        }
        return peaks;
    }

    /// <summary>Weighted least-squares non-decreasing fit (pool adjacent violators).</summary>
    private static double[] Isotonic(double[] y, double[] w)
    {
        var value = new List<double>();
        var weight = new List<double>();
        var count = new List<int>();
        for (int i = 0; i < y.Length; i++)
        {
            value.Add(y[i]);
            weight.Add(w[i]);
            count.Add(1);
            while (value.Count > 1 && value[^2] > value[^1])
            {
                double wSum = weight[^2] + weight[^1];
                double merged = (value[^2] * weight[^2] + value[^1] * weight[^1]) / wSum;
                int c = count[^2] + count[^1];
                value.RemoveAt(value.Count - 1);
                weight.RemoveAt(weight.Count - 1);
                count.RemoveAt(count.Count - 1);
                value[^1] = merged;
                weight[^1] = wSum;
                count[^1] = c;
            }
        }
        var result = new double[y.Length];
        int index = 0;
        for (int b = 0; b < value.Count; b++)
            for (int c = 0; c < count[b]; c++) result[index++] = value[b];
        return result;
    }
}
