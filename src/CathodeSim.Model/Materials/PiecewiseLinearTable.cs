namespace CathodeSim.Model.Materials;

/// <summary>A strictly increasing abscissa with values, interpolated linearly and held constant outside its range.</summary>
internal sealed class PiecewiseLinearTable
{
    private readonly double[] _x;
    private readonly double[] _y;

    public PiecewiseLinearTable(IReadOnlyList<double> x, IReadOnlyList<double> y, string what)
    {
        if (x.Count != y.Count) throw new ArgumentException($"{what}: {x.Count} stoichiometries but {y.Count} values");
        if (x.Count < 2) throw new ArgumentException($"{what}: a table needs at least 2 points");
        for (int i = 1; i < x.Count; i++)
            if (!(x[i] > x[i - 1])) throw new ArgumentException($"{what}: stoichiometries must increase strictly (at entry {i})");
        _x = x.ToArray();
        _y = y.ToArray();
    }

    /// <summary>Value and slope at <paramref name="x"/>.</summary>
    public (double Value, double Slope) Evaluate(double x)
    {
        if (x <= _x[0]) return (_y[0], 0.0);
        int n = _x.Length;
        if (x >= _x[n - 1]) return (_y[n - 1], 0.0);
        int hi = Array.BinarySearch(_x, x);
        if (hi >= 0) hi = Math.Max(hi, 1); else hi = ~hi;
        int lo = hi - 1;
        double slope = (_y[hi] - _y[lo]) / (_x[hi] - _x[lo]);
        return (_y[lo] + slope * (x - _x[lo]), slope);
    }
}
