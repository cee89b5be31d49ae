namespace CathodeSim.Model.Materials;

/// <summary>A strictly increasing abscissa with values, interpolated linearly and held constant outside its range.</summary>
internal sealed class PiecewiseLinearTable
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _slope; // per interval [x_i, x_i+1]

    public PiecewiseLinearTable(IReadOnlyList<double> x, IReadOnlyList<double> y, string what)
    {
        if (x.Count != y.Count) throw new ArgumentException($"{what}: {x.Count} stoichiometries but {y.Count} values");
        if (x.Count < 2) throw new ArgumentException($"{what}: a table needs at least 2 points");
        for (int i = 1; i < x.Count; i++)
            if (!(x[i] > x[i - 1])) throw new ArgumentException($"{what}: stoichiometries must increase strictly (at entry {i})");
        _x = x.ToArray();
        _y = y.ToArray();
        _slope = new double[_x.Length - 1];
        for (int i = 0; i + 1 < _x.Length; i++) _slope[i] = (_y[i + 1] - _y[i]) / (_x[i + 1] - _x[i]);
    }

    /// <summary>Value and slope at <paramref name="x"/>.</summary>
    public (double Value, double Slope) Evaluate(double x)
    {
        if (x <= _x[0]) return (_y[0], 0.0);
        int n = _x.Length;
        if (x >= _x[n - 1]) return (_y[n - 1], 0.0);
        // Bisection for the interval with x_lo < x <= x_hi (a hot path: the DFN evaluates a tabulated diffusivity at
        // every particle face on every residual).
        int lo = 0, hi = n - 1;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >> 1;
            if (_x[mid] >= x) hi = mid; else lo = mid;
        }
        double slope = _slope[lo];
        return (_y[lo] + slope * (x - _x[lo]), slope);
    }
}
