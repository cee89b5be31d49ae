namespace CathodeSim.Numerics.Interpolation;

/// <summary>Linear interpolation in a sampled record (times ascending, repeats allowed), held flat beyond its ends.</summary>
public static class PiecewiseLinear
{
    /// <summary>
    /// y at each of <paramref name="queries"/> (ascending) into <paramref name="result"/>: the first or last y outside
    /// [x_0, x_n], linear in between; NaN when the record is empty. One pass over the record for all queries.
    /// </summary>
    public static void Sample(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> queries, Span<double> result)
    {
        if (x.Length != y.Length) throw new ArgumentException("x and y differ in length");
        if (result.Length != queries.Length) throw new ArgumentException("one result per query");
        int n = x.Length, j = 0;
        for (int k = 0; k < queries.Length; k++)
        {
            double t = queries[k];
            if (n == 0) { result[k] = double.NaN; continue; }
            if (t >= x[n - 1]) { result[k] = y[n - 1]; continue; }
            if (n == 1 || t <= x[0]) { result[k] = y[0]; continue; }
            while (j < n - 2 && x[j + 1] < t) j++;
            double span = x[j + 1] - x[j];
            double w = span > 0 ? Math.Clamp((t - x[j]) / span, 0, 1) : 0;
            result[k] = y[j] + w * (y[j + 1] - y[j]);
        }
    }
}
