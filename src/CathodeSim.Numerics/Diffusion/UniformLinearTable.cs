using System.Runtime.CompilerServices;

namespace CathodeSim.Numerics.Diffusion;

/// <summary>
/// Samples of a function on a uniform grid of [0, 1] with the slope of each interval, interpolated linearly and scaled
/// by a factor at evaluation (an Arrhenius factor: one table serves every temperature). The particle stepper evaluates
/// D(x) at every face of every particle on every Newton iteration through this type, on the host or (copied once) on a
/// device; device kernels repeat <see cref="Evaluate"/>'s arithmetic operation for operation so results agree bit for bit.
/// </summary>
public sealed class UniformLinearTable
{
    /// <summary>Wraps <paramref name="values"/> at x = i / (n - 1) and the interval slopes (n - 1 of them, per unit x).</summary>
    public UniformLinearTable(double[] values, double[] slopes)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(slopes);
        if (values.Length < 2 || slopes.Length != values.Length - 1)
            throw new ArgumentException($"a table of {values.Length} values needs {values.Length - 1} slopes, got {slopes.Length}", nameof(slopes));
        Values = values;
        Slopes = slopes;
        Scale = values.Length - 1;
    }

    /// <summary>Samples at x = i / <see cref="Scale"/>.</summary>
    public double[] Values { get; }

    /// <summary>Slope of the interpolant on interval i, per unit x.</summary>
    public double[] Slopes { get; }

    /// <summary>Intervals per unit x (samples minus one).</summary>
    public double Scale { get; }

    /// <summary>factor * f(x) and its slope at <paramref name="x"/> (clamped to [0, 1], slope 0 outside).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Evaluate(double x, double factor, out double slope)
    {
        double s = x * Scale;
        if (s <= 0) { slope = 0; return factor * Values[0]; }
        if (s >= Scale) { slope = 0; return factor * Values[^1]; }
        int i = (int)s;
        slope = factor * Slopes[i];
        return factor * (Values[i] + (s - i) * Slopes[i] / Scale);
    }
}
