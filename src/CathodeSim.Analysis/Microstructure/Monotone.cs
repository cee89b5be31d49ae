namespace CathodeSim.Analysis.Microstructure;

/// <summary>
/// Isotonic regression (pool adjacent violators, equal weights): the non-decreasing sequence closest in least squares to
/// the data. Seed means of a few finite boxes can dip where the true property rises; pooling the offending neighbours
/// removes the dip without moving monotone data at all, so a table stays a law the optimiser can trust.
/// </summary>
public static class Monotone
{
    /// <summary>The least-squares non-decreasing fit of <paramref name="values"/>.</summary>
    public static double[] NonDecreasing(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var means = new List<double>();
        var counts = new List<int>();
        foreach (double v in values)
        {
            means.Add(v);
            counts.Add(1);
            while (means.Count > 1 && means[^2] > means[^1])
            {
                int n = counts[^2] + counts[^1];
                double m = (means[^2] * counts[^2] + means[^1] * counts[^1]) / n;
                means.RemoveAt(means.Count - 1);
                counts.RemoveAt(counts.Count - 1);
                means[^1] = m;
                counts[^1] = n;
            }
        }
        var result = new double[values.Count];
        int k = 0;
        for (int b = 0; b < means.Count; b++)
            for (int j = 0; j < counts[b]; j++) result[k++] = means[b];
        return result;
    }
}
