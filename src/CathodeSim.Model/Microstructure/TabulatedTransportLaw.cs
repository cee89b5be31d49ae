namespace CathodeSim.Model.Microstructure;

/// <summary>
/// A transport law given as a table over the phase's own volume fraction: conductivity factor sigma_eff / sigma_bulk and
/// percolating share at each tabulated fraction, linear in between, the end values outside the table. Pure data: the
/// workflow fills it (from computed 3D structures, <c>law: microstructure</c>), the cell model only reads it.
/// Both columns must be non-decreasing in the fraction and lie in [0, 1]: more of a phase never conducts worse in a random
/// composite, and linear interpolation of such data stays monotone and bounded, which keeps optimisers over the
/// composition free of spurious wiggles.
/// </summary>
public sealed record TabulatedTransportLaw : IEffectiveTransportLaw
{
    /// <summary>
    /// Factor kept at fractions where the table says 0 (nothing spans): the same floor as <see cref="PercolationLaw"/>'s
    /// default (1e-4, SetupBuilder), for the same reason: it keeps the node system regular while the share, 0 there,
    /// keeps the material from carrying current.
    /// </summary>
    public const double DefaultFloor = 1e-4;

    private readonly double[] _fractions;
    private readonly double[] _factors;
    private readonly double[] _shares;

    /// <summary>A table; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    /// <param name="fractions">The phase's volume fractions of the whole composite, strictly increasing, at least 2.</param>
    /// <param name="factors">sigma_eff / sigma_bulk at each fraction, in [0, 1], non-decreasing.</param>
    /// <param name="shares">Percolating share at each fraction, in [0, 1], non-decreasing.</param>
    /// <param name="floor">Least factor returned (<see cref="DefaultFloor"/>).</param>
    public TabulatedTransportLaw(IReadOnlyList<double> fractions, IReadOnlyList<double> factors, IReadOnlyList<double> shares, double floor = DefaultFloor)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(shares);
        if (fractions.Count < 2) throw new ArgumentException("a tabulated transport law needs at least 2 fractions", nameof(fractions));
        if (factors.Count != fractions.Count || shares.Count != fractions.Count)
            throw new ArgumentException($"expected {fractions.Count} factors and shares, one per fraction, got {factors.Count} and {shares.Count}", nameof(factors));
        if (!(floor >= 0 && floor < 1)) throw new ArgumentOutOfRangeException(nameof(floor), floor, "floor must be in [0, 1)");
        for (int i = 0; i < fractions.Count; i++)
        {
            if (!(fractions[i] >= 0 && fractions[i] <= 1)) throw new ArgumentException($"fraction {i} = {fractions[i]} is not in [0, 1]", nameof(fractions));
            if (i > 0 && !(fractions[i] > fractions[i - 1])) throw new ArgumentException($"fractions must increase strictly, got {fractions[i]} after {fractions[i - 1]}", nameof(fractions));
            Check(factors, i, "factor", nameof(factors));
            Check(shares, i, "share", nameof(shares));
        }
        _fractions = [.. fractions];
        _factors = [.. factors];
        _shares = [.. shares];
        Floor = floor;
    }

    /// <summary>The tabulated volume fractions of the phase.</summary>
    public IReadOnlyList<double> Fractions => _fractions;

    /// <summary>sigma_eff / sigma_bulk at <see cref="Fractions"/>.</summary>
    public IReadOnlyList<double> Factors => _factors;

    /// <summary>Percolating share at <see cref="Fractions"/>.</summary>
    public IReadOnlyList<double> Shares => _shares;

    /// <summary>Least factor returned.</summary>
    public double Floor { get; }

    /// <inheritdoc />
    public double Factor(double volumeFraction) => Math.Max(Floor, Interpolate(_factors, volumeFraction));

    /// <inheritdoc />
    public double PercolatingShare(double volumeFraction) => Interpolate(_shares, volumeFraction);

    private double Interpolate(double[] values, double x)
    {
        if (double.IsNaN(x)) throw new ArgumentException("volume fraction is NaN", nameof(x));
        if (x <= _fractions[0]) return values[0];
        if (x >= _fractions[^1]) return values[^1];
        int hi = Array.BinarySearch(_fractions, x);
        if (hi >= 0) return values[hi];
        hi = ~hi;
        int lo = hi - 1;
        double t = (x - _fractions[lo]) / (_fractions[hi] - _fractions[lo]);
        return values[lo] + t * (values[hi] - values[lo]);
    }

    private static void Check(IReadOnlyList<double> values, int i, string what, string name)
    {
        if (!(values[i] >= 0 && values[i] <= 1)) throw new ArgumentException($"{what} {i} = {values[i]} is not in [0, 1]", name);
        if (i > 0 && values[i] < values[i - 1]) throw new ArgumentException($"{what}s must not decrease with the fraction, got {values[i]} after {values[i - 1]}", name);
    }

    /// <inheritdoc />
    public bool Equals(TabulatedTransportLaw? other) =>
        other is not null && Floor == other.Floor && _fractions.AsSpan().SequenceEqual(other._fractions)
        && _factors.AsSpan().SequenceEqual(other._factors) && _shares.AsSpan().SequenceEqual(other._shares);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Floor, _fractions.Length, _fractions[0], _factors[^1]);
}
