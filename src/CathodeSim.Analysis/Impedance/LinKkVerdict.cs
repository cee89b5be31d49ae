namespace CathodeSim.Analysis.Impedance;

/// <summary>
/// What a lin-KK test says of a spectrum: consistent when the RMS of its relative residuals (real and imaginary parts
/// together) is within <see cref="Threshold"/>. Valid spectra stay within their noise, typically well under 1 %
/// (Schoenleber et al. 2014); points beyond three times the threshold are counted apart, so that a user can crop a
/// frequency range that the instrument measured badly (the highest frequencies, most often).
/// </summary>
/// <param name="Consistent">True when the RMS residual is within the threshold.</param>
/// <param name="Threshold">The RMS residual allowed, as a fraction (0.01 = 1 %).</param>
/// <param name="RmsResidual">RMS of the real and imaginary relative residuals together.</param>
/// <param name="Outliers">Points whose real or imaginary residual exceeds three times the threshold.</param>
/// <param name="OutlierRange">Lowest and highest frequency of those points, Hz (null when there are none).</param>
/// <param name="LooksBlocking">
/// True when, without a series capacitance in the test and not consistent, -Im Z rises over the three lowest frequencies
/// with a phase beyond -45 degrees at the lowest or turning more capacitive: the spectrum of a blocking electrode, which
/// lin-KK can only follow with <c>--capacitance</c>.
/// </param>
public sealed record LinKkVerdict(bool Consistent, double Threshold, double RmsResidual, int Outliers, (double Low, double High)? OutlierRange, bool LooksBlocking)
{
    /// <summary>The RMS residual allowed by default, 1 %.</summary>
    public const double DefaultThreshold = 0.01;

    /// <summary>Judges <paramref name="kk"/> against <paramref name="threshold"/>.</summary>
    /// <param name="kk">The test's result.</param>
    /// <param name="threshold">RMS relative residual allowed, in (0, 1).</param>
    /// <param name="capacitanceFitted">Whether the test had a series capacitance.</param>
    public static LinKkVerdict Judge(LinKkResult kk, double threshold = DefaultThreshold, bool capacitanceFitted = false)
    {
        ArgumentNullException.ThrowIfNull(kk);
        if (!(threshold > 0 && threshold < 1)) throw new ArgumentException($"the residual threshold must be in (0, 1), got {threshold}");
        int n = kk.Frequency.Length;
        double sum = 0;
        int outliers = 0;
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            double re = kk.ResidualReal[i], im = kk.ResidualImaginary[i];
            sum += re * re + im * im;
            if (Math.Max(Math.Abs(re), Math.Abs(im)) > 3 * threshold)
            {
                outliers++;
                low = Math.Min(low, kk.Frequency[i]);
                high = Math.Max(high, kk.Frequency[i]);
            }
        }
        double rms = Math.Sqrt(sum / (2.0 * n));
        bool consistent = rms <= threshold;
        bool blocking = !consistent && !capacitanceFitted && RisesCapacitivelyAtLowFrequency(kk);
        return new LinKkVerdict(consistent, threshold, rms, outliers, outliers > 0 ? (low, high) : null, blocking);
    }

    /// <summary>The three lowest frequencies: -Im Z growing as f falls ...</summary>
    private static bool RisesCapacitivelyAtLowFrequency(LinKkResult kk)
    {
        int n = kk.Frequency.Length;
        if (n < 3) return false;
        var order = Enumerable.Range(0, n).OrderBy(i => kk.Frequency[i]).Take(3).ToArray();   // lowest first
        double NegImag(int i) => -kk.Measured[i].Imaginary;
        bool rising = NegImag(order[0]) > NegImag(order[1]) && NegImag(order[1]) > NegImag(order[2]);
        // ... with a phase beyond -45 degrees at the lowest frequency (a CPE-like blocking tail), or turning more capacitive
        // as f falls (an ideal blocking capacitance still behind a resistance).
        double Phase(int i) => Math.Atan2(kk.Measured[i].Imaginary, kk.Measured[i].Real);
        bool steep = Phase(order[0]) < -Math.PI / 4;
        bool turning = Phase(order[0]) < Phase(order[1]) && Phase(order[1]) < Phase(order[2]);
        return rising && (steep || turning);
    }
}
