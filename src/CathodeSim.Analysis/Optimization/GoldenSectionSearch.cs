namespace CathodeSim.Analysis.Optimization;

/// <summary>Outcome of a one-dimensional maximisation.</summary>
/// <param name="Argument">x at the maximum found.</param>
/// <param name="Value">f there.</param>
/// <param name="Evaluations">Function evaluations spent.</param>
public readonly record struct MaximumResult(double Argument, double Value, int Evaluations);

/// <summary>
/// Golden-section search for the maximum of a unimodal function on a bracket: each step shrinks the bracket by
/// 0.618 with one new evaluation, and never evaluates outside the bracket (so a physically bounded parameter stays
/// in bounds).
/// </summary>
public static class GoldenSectionSearch
{
    private static readonly double InverseGolden = (Math.Sqrt(5) - 1) / 2;

    /// <summary>Maximises <paramref name="f"/> on [<paramref name="lower"/>, <paramref name="upper"/>] until the bracket is narrower than <paramref name="tolerance"/>.</summary>
    public static MaximumResult Maximise(Func<double, double> f, double lower, double upper, double tolerance)
    {
        if (!(upper > lower)) throw new ArgumentException($"empty bracket [{lower}, {upper}]");
        if (!(tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), "tolerance must be positive");
        double a = lower, b = upper;
        double c = b - InverseGolden * (b - a), d = a + InverseGolden * (b - a);
        double fc = f(c), fd = f(d);
        int evaluations = 2;
        while (b - a > tolerance)
        {
            // NaN (a failed evaluation) counts as worse than anything.
            if (Better(fc, fd)) { b = d; d = c; fd = fc; c = b - InverseGolden * (b - a); fc = f(c); }
            else { a = c; c = d; fc = fd; d = a + InverseGolden * (b - a); fd = f(d); }
            evaluations++;
        }
        return Better(fc, fd) ? new MaximumResult(c, fc, evaluations) : new MaximumResult(d, fd, evaluations);
    }

    private static bool Better(double x, double y) => !double.IsNaN(x) && (double.IsNaN(y) || x >= y);
}
