namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>
/// The xoshiro256** pseudo-random generator (Blackman and Vigna 2021, ACM Trans. Math. Softw. 47, 36), its state filled
/// from the seed by SplitMix64 (Steele, Lea and Flood 2014) as its authors recommend. Written out here rather than taken
/// from <see cref="System.Random"/>, whose sequence for a given seed is not promised to stay the same across .NET
/// versions: a structure's seed must give the same structure, bit for bit, on every runtime.
/// </summary>
/// <remarks>Mutable and not thread-safe: one instance per stream of draws.</remarks>
public sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator whose whole sequence is fixed by <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform draw from [0, 1) with 53 random bits (every double of the form k 2^-53).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform draw from [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextDouble(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>A unit-rate exponential draw, by inversion (1 - u lies in (0, 1], so the logarithm is finite).</summary>
    public double NextExponential() => -Math.Log(1.0 - NextDouble());

    /// <summary>
    /// A Poisson draw of mean <paramref name="mean"/>: the number of unit-rate exponential gaps that fit into the mean
    /// (exact for any mean, O(mean) draws, which the generators spend anyway on the germs themselves).
    /// </summary>
    public long NextPoisson(double mean)
    {
        if (!(mean >= 0) || !double.IsFinite(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "a Poisson mean must be finite and non-negative");
        long count = 0;
        double sum = NextExponential();
        while (sum <= mean)
        {
            count++;
            sum += NextExponential();
        }
        return count;
    }

    /// <summary>An index k drawn with probability proportional to <paramref name="cumulativeWeights"/>[k] - [k-1].</summary>
    /// <param name="cumulativeWeights">Non-decreasing running sums of the weights, the last one positive.</param>
    public int NextIndex(ReadOnlySpan<double> cumulativeWeights)
    {
        double u = NextDouble() * cumulativeWeights[^1];
        for (int k = 0; k < cumulativeWeights.Length - 1; k++)
            if (u < cumulativeWeights[k]) return k;
        return cumulativeWeights.Length - 1;
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
