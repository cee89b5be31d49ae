namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>
/// The radius classes of one powder and how often each occurs by number. A PSD gives volume shares v_k; a class of
/// radius R_k then holds a number share proportional to v_k / R_k^3 (the same volume is made of more small particles).
/// </summary>
internal sealed record SizeClasses(double[] Radii, double[] VolumeShares, double[] NumberShares)
{
    /// <summary>Classes from <paramref name="distribution"/> discretised into <paramref name="binCount"/> bins.</summary>
    public static SizeClasses From(ParticleSizeDistribution distribution, int binCount, string powder)
    {
        var bins = distribution.Discretise(binCount);
        double volumeTotal = bins.VolumeShares.Sum();
        var radii = new double[bins.Count];
        var volume = new double[bins.Count];
        var number = new double[bins.Count];
        double numberTotal = 0;
        for (int k = 0; k < bins.Count; k++)
        {
            radii[k] = bins.Radii[k];
            if (!(radii[k] > 0) || !double.IsFinite(radii[k]))
                throw new ArgumentException($"the {powder} size distribution gives a radius of {radii[k]} m in class {k}; radii must be positive", powder);
            volume[k] = bins.VolumeShares[k] / volumeTotal;
            number[k] = volume[k] / (radii[k] * radii[k] * radii[k]);
            numberTotal += number[k];
        }
        for (int k = 0; k < number.Length; k++) number[k] /= numberTotal;
        return new SizeClasses(radii, volume, number);
    }

    /// <summary>Number of classes.</summary>
    public int Count => Radii.Length;

    /// <summary>Largest radius, m.</summary>
    public double MaxRadius => Radii.Max();

    /// <summary>Smallest radius, m.</summary>
    public double MinRadius => Radii.Min();

    /// <summary>Number-weighted mean sphere volume E[V] = sum_k n_k 4/3 pi R_k^3, m^3.</summary>
    public double MeanVolume
    {
        get
        {
            double sum = 0;
            for (int k = 0; k < Count; k++) sum += NumberShares[k] * SphereVolume(Radii[k]);
            return sum;
        }
    }

    /// <summary>Running sums of the number shares, for drawing a class.</summary>
    public double[] CumulativeNumberShares()
    {
        var cumulative = new double[Count];
        double sum = 0;
        for (int k = 0; k < Count; k++) cumulative[k] = sum += NumberShares[k];
        return cumulative;
    }

    /// <summary>4/3 pi R^3.</summary>
    public static double SphereVolume(double radius) => 4.0 / 3.0 * Math.PI * radius * radius * radius;
}
