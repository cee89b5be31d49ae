using CathodeSim.Model.Materials;

namespace CathodeSim.Model.Cell;

/// <summary>
/// D(x) at one temperature sampled on a uniform stoichiometry grid and interpolated linearly. The particle Jacobian
/// evaluates D at every face of every particle on every Newton iteration; a lookup costs a few nanoseconds where
/// the tabulated law costs a pow and a search. The slope returned is the exact slope of the interpolant, so Newton
/// stays exact for the interpolated law.
/// </summary>
public sealed class DiffusivityLookup
{
    private readonly double[] _values;
    private readonly double[] _slopes;
    private readonly double _scale;
    private readonly double _factor = 1;

    /// <summary>Samples <paramref name="diffusivity"/> times <paramref name="factor"/> at <paramref name="points"/> points on [0, 1].</summary>
    public DiffusivityLookup(IDiffusivity diffusivity, double factor, int points = 4001)
    {
        _values = new double[points];
        _slopes = new double[points - 1];
        _scale = points - 1;
        for (int i = 0; i < points; i++) _values[i] = factor * diffusivity.At(i / _scale);
        for (int i = 0; i < points - 1; i++) _slopes[i] = (_values[i + 1] - _values[i]) * _scale;
    }

    private DiffusivityLookup(DiffusivityLookup table, double factor)
    {
        _values = table._values;
        _slopes = table._slopes;
        _scale = table._scale;
        _factor = factor;
    }

    /// <summary>The same table times <paramref name="factor"/> (an Arrhenius factor), sharing the samples.</summary>
    public DiffusivityLookup Scaled(double factor) => new(this, factor);

    /// <summary>D and dD/dx at <paramref name="x"/> (clamped to [0, 1]).</summary>
    public double Evaluate(double x, out double slope)
    {
        double s = x * _scale;
        if (s <= 0) { slope = 0; return _factor * _values[0]; }
        if (s >= _scale) { slope = 0; return _factor * _values[^1]; }
        int i = (int)s;
        slope = _factor * _slopes[i];
        return _factor * (_values[i] + (s - i) * _slopes[i] / _scale);
    }
}
