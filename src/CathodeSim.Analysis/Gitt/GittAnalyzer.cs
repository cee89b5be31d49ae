using CathodeSim.Model.Microstructure;

namespace CathodeSim.Analysis.Gitt;

/// <summary>Settings of a GITT analysis.</summary>
/// <param name="ParticleRadius">Diffusion length R of the particles (sphere radius), m: for a size distribution its Sauter (surface-equivalent) radius.</param>
/// <param name="InitialStoichiometry">x at the start of the series (null: stoichiometries are not computed).</param>
/// <param name="TheoreticalCharge">Charge of the whole stoichiometry range 0..1 of the active material, C (null: stoichiometries are not computed).</param>
/// <param name="Detection">How pulses are told from rests (null: defaults).</param>
/// <param name="InterceptWindow">The voltage just after the IR drop is the t = 0 intercept of a linear fit of V against sqrt(t) over this first share of the pulse.</param>
/// <param name="MaxDimensionlessTime">
/// Largest tau D / R^2 at which the short-time analysis is trusted. For a sphere the surface concentration after a time t is
/// (j R / F D) (2 sqrt(T/pi) + T + ...), T = D t / R^2, so Weppner-Huggins, which keeps the first term only, gives
/// D (1 + sqrt(pi T)/2)^-2: 10 % low at T = 0.004.
/// </param>
/// <param name="MinimumTransientVoltage">|dE_t| below this, V, is too small to trust.</param>
/// <param name="MinimumSteadyStateVoltage">|dE_s| below this, V, is too small to trust.</param>
/// <param name="TruncatedFraction">A pulse shorter than this share of the usual pulse length of its direction ended on a cut-off.</param>
/// <param name="MinimumChargeFraction">Pulses that pass less than this share of the median pulse charge are left out (repeats after the cut-off).</param>
public sealed record GittAnalysisOptions(
    double ParticleRadius,
    double? InitialStoichiometry = null,
    double? TheoreticalCharge = null,
    PulseDetectionOptions? Detection = null,
    double InterceptWindow = 0.2,
    double MaxDimensionlessTime = 0.004,
    double MinimumTransientVoltage = 1e-3,
    double MinimumSteadyStateVoltage = 1e-4,
    double TruncatedFraction = 0.9,
    double MinimumChargeFraction = 0.01);

/// <summary>
/// Weppner-Huggins analysis of a GITT record (spec section 6): pulses and rests are detected from the current, then per pulse
/// dE_s (change of the rest voltage), dE_t (voltage change during the current without the IR drop) and
/// D = 4 R^2 / (9 pi tau) (dE_s/dE_t)^2, with the sqrt(t)-slope variant.
/// </summary>
/// <remarks>
/// Derivation of both forms, sphere of radius R (V/S = R/3), flux j = I/(S F) in the short-time limit tau &lt;&lt; R^2/D:
/// the surface concentration changes by dc_s = 2 j sqrt(t) / (F sqrt(pi D)) (semi-infinite diffusion), the mean
/// concentration by dc = I tau / (F V) = 3 j tau / (F R). With a locally linear OCP, dE_t = (dE/dc) dc_s(tau) and
/// dE_s = (dE/dc) dc, so dE_s/dE_t = (3/(2R)) sqrt(pi D tau), i.e. D = 4 R^2/(9 pi tau) (dE_s/dE_t)^2.
/// During the pulse dE/d(sqrt t) = (dE/dc) 2 j / (F sqrt(pi D)) with dE/dc = (dE_s/tau) R / (3 j / F), so
/// sqrt(D) = (2/sqrt(pi)) (R/3) (dE_s/tau) / (dE/d sqrt t), i.e. D = (4/pi) (R/3)^2 ((dE_s/tau)/(dE/d sqrt t))^2;
/// with dE/d(sqrt t) = dE_t/sqrt(tau) the two forms coincide.
/// </remarks>
public static class GittAnalyzer
{
    /// <summary>The Sauter (surface-equivalent) radius of a size distribution, 1 / sum_k (v_k / R_k): the diffusion length that keeps the total surface.</summary>
    public static double SauterRadius(ParticleSizeDistribution distribution, int bins = 1)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        return GittCell.SauterRadius(distribution.Discretise(bins));
    }

    /// <summary>Analyses every pulse of <paramref name="series"/>.</summary>
    /// <exception cref="ArgumentException">Inconsistent arrays, decreasing time or a non-positive radius.</exception>
    public static GittAnalysisResult Analyze(GittSeries series, GittAnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.ParticleRadius > 0) || !double.IsFinite(options.ParticleRadius))
            throw new ArgumentException("the particle radius must be a positive length");
        PulseDetector.Validate(series);
        var detection = options.Detection ?? new PulseDetectionOptions();
        double threshold = PulseDetector.Threshold(series, detection);
        var spans = PulseDetector.Detect(series, detection);
        var warnings = new List<string>();
        var raw = spans.Select((s, i) => Measure(series, s, i == 0 ? -1 : spans[i - 1].Last, i + 1 < spans.Count ? spans[i + 1].First : series.Count, options)).ToList();

        // Sign convention: on charge the voltage rises during the pulse. Decide by majority over the pulses.
        int agree = raw.Count(r => Math.Sign(r.Charge) * Math.Sign(r.Rise) > 0), disagree = raw.Count(r => Math.Sign(r.Charge) * Math.Sign(r.Rise) < 0);
        bool flipped = disagree > agree;
        if (flipped)
        {
            warnings.Add($"current sign convention inferred from the voltage: negative on charge in this file ({disagree} of {raw.Count} pulses); flipped so that charge is positive");
            raw = raw.Select(r => r with { Charge = -r.Charge, Current = -r.Current, Slope = -r.Slope }).ToList();
        }

        double medianCharge = Median(raw.Select(r => Math.Abs(r.Charge)));
        var typical = new Dictionary<int, double>();
        foreach (var g in raw.Where(r => Math.Abs(r.Charge) >= options.MinimumChargeFraction * medianCharge).GroupBy(r => Math.Sign(r.Charge)))
            typical[g.Key] = Quantile(g.Select(r => r.Duration), 0.75);

        double highest = series.Voltage.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
        double lowest = series.Voltage.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min();
        bool stoichiometry = options.InitialStoichiometry is not null && options.TheoreticalCharge is > 0;
        double x = options.InitialStoichiometry ?? double.NaN;
        double r2 = options.ParticleRadius * options.ParticleRadius;
        var pulses = new List<GittPulse>();
        int ignored = 0;
        foreach (var m in raw)
        {
            double xBefore = stoichiometry ? x : double.NaN;
            if (stoichiometry) x -= m.Charge / options.TheoreticalCharge!.Value;
            double xAfter = stoichiometry ? x : double.NaN;
            if (Math.Abs(m.Charge) < options.MinimumChargeFraction * medianCharge || m.Charge == 0) { ignored++; continue; }

            int sign = Math.Sign(m.Charge);
            var flags = GittFlags.None;
            double dEs = m.RestAfter - m.RestBefore;
            double dEt = m.EndVoltage - m.Intercept;
            if (double.IsNaN(dEs)) flags |= GittFlags.MissingRest;
            if (Math.Abs(dEt) < options.MinimumTransientVoltage || Math.Abs(dEs) < options.MinimumSteadyStateVoltage) flags |= GittFlags.SmallSignal;
            // Truncated: shorter than the pulses of its direction AND ended at the record's extreme voltage in that direction
            // (a cut-off); a programmed short pulse ends well inside the window and is not.
            if (typical.TryGetValue(sign, out double usual) && m.Duration < options.TruncatedFraction * usual
                && Math.Abs(m.EndVoltage - (sign > 0 ? highest : lowest)) <= CutoffTolerance * Math.Max(highest - lowest, 1e-3))
                flags |= GittFlags.Truncated;

            double tau = m.Duration;
            double ratio = dEs / dEt;
            double dWh = double.NaN, dSqrt = double.NaN, dSphere = double.NaN, dimensionless = double.NaN;
            if (sign * dEs > 0 && sign * dEt > 0 && tau > 0)
            {
                dWh = 4 * r2 / (9 * Math.PI * tau) * ratio * ratio;
                if (ratio < 3) dSphere = dWh * 9 / ((3 - ratio) * (3 - ratio));
                dimensionless = tau * dWh / r2;
                if (dimensionless > options.MaxDimensionlessTime) flags |= GittFlags.LongPulse;
                double slope = sign * m.Slope;
                if (slope > 0)
                {
                    double q = (Math.Abs(dEs) / tau) / slope;
                    dSqrt = 4 / Math.PI * (r2 / 9) * q * q;
                }
            }
            else if (!double.IsNaN(dEs))
            {
                flags |= GittFlags.Inconsistent;
            }

            pulses.Add(new GittPulse(pulses.Count + 1, sign > 0 ? GittPulseDirection.Charge : GittPulseDirection.Discharge, m.Start, tau,
                m.Current, m.Charge, xBefore, xAfter, m.RestBefore, m.RestAfter, m.RestDuration, m.Intercept - m.BeforeStep, dEs, dEt, m.Slope,
                dWh, dSqrt, dSphere, dimensionless, flags));
        }
        if (ignored > 0) warnings.Add($"{ignored} pulse(s) that passed under {options.MinimumChargeFraction:P0} of the median pulse charge left out (repeats after the cut-off was reached)");
        if (!stoichiometry) warnings.Add("no initial stoichiometry and theoretical capacity given: stoichiometries not computed");
        if (pulses.Count > 0 && pulses.All(p => p.Flags.HasFlag(GittFlags.LongPulse)))
            warnings.Add("every pulse is long against R^2/D (tau D/R^2 above the limit): Weppner-Huggins underestimates D here; shorten the pulses");
        return new GittAnalysisResult(pulses, options.ParticleRadius, threshold, flipped, warnings);
    }

    /// <summary>What one pulse's points say before sign conventions and flags are applied.</summary>
    private sealed record Raw(double Start, double Duration, double Current, double Charge, double RestBefore, double RestAfter, double RestDuration,
        double Intercept, double EndVoltage, double Slope, double Rise, double BeforeStep);

    /// <summary>How close to the record's extreme voltage, as a share of its voltage span, a truncated pulse ends.</summary>
    public const double CutoffTolerance = 0.01;

    private static Raw Measure(GittSeries series, PulseSpan span, int previousLast, int nextFirst, GittAnalysisOptions options)
    {
        var t = series.Time;
        var current = series.Current;
        var v = series.Voltage;
        int f = span.First, l = span.Last;

        // Start: the last rest point when it is close (a simulator records it at the switch), else one sampling interval early.
        double delta = 0;
        if (l > f)
        {
            var steps = new double[l - f];
            for (int k = f + 1; k <= l; k++) steps[k - f - 1] = t[k] - t[k - 1];
            delta = Median(steps);
        }
        bool restBefore = f - 1 > previousLast;
        double start = restBefore ? Math.Max(t[f - 1], t[f] - delta) : t[f] - delta;
        double end = t[l];
        double duration = end - start;
        double charge = 0;
        for (int k = f; k <= l; k++) charge += current[k] * (t[k] - Math.Max(k > 0 ? t[k - 1] : start, start));
        double mean = duration > 0 ? charge / duration : current[f];

        double before = restBefore ? v[f - 1] : double.NaN;
        int lastRest = nextFirst - 1;
        bool restAfter = lastRest > l;
        double after = restAfter ? v[lastRest] : double.NaN;
        double restDuration = restAfter ? t[lastRest] - end : 0;

        var (a, _) = Fit(t, v, f, l, start, options.InterceptWindow * duration);
        var (aAll, slope) = Fit(t, v, f, l, start, double.PositiveInfinity);
        if (double.IsNaN(a)) a = double.IsNaN(aAll) ? v[f] : aAll;
        double rise = v[l] - (double.IsNaN(before) ? v[f] : before);
        // The voltage just before the current step: the rest before, or the end of the pulse before (back-to-back pulses and
        // current reversals have their ohmic jump too).
        double beforeStep = f > 0 ? v[f - 1] : double.NaN;
        return new Raw(start, duration, mean, charge, before, after, restDuration, a, v[l], slope, rise, beforeStep);
    }

    /// <summary>Least-squares line V = a + b sqrt(t - start) through the pulse points with 0 &lt; t - start &lt;= window.</summary>
    private static (double Intercept, double Slope) Fit(double[] t, double[] v, int f, int l, double start, double window)
    {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int k = f; k <= l; k++)
        {
            double dt = t[k] - start;
            if (!(dt > 0) || dt > window * (1 + 1e-12) || !double.IsFinite(v[k])) continue;
            double x = Math.Sqrt(dt);
            n++; sx += x; sy += v[k]; sxx += x * x; sxy += x * v[k];
        }
        double det = n * sxx - sx * sx;
        if (n < 2 || !(det > 1e-300 * Math.Max(1, n * sxx))) return (double.NaN, double.NaN);
        double b = (n * sxy - sx * sy) / det;
        return ((sy - b * sx) / n, b);
    }

    private static double Median(IEnumerable<double> values) => Quantile(values, 0.5);

    private static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        double position = q * (sorted.Length - 1);
        int i = (int)Math.Floor(position);
        return i + 1 < sorted.Length ? sorted[i] + (position - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
    }
}
