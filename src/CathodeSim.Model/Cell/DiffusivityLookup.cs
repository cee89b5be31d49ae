using CathodeSim.Model.Materials;
using CathodeSim.Numerics.Diffusion;

namespace CathodeSim.Model.Cell;

/// <summary>
/// D(x) at one temperature sampled on a uniform stoichiometry grid and interpolated linearly. The particle Jacobian
/// evaluates D at every face of every particle on every Newton iteration; a lookup costs a few nanoseconds where
/// the tabulated law costs a pow and a search. The slope returned is the exact slope of the interpolant, so Newton
/// stays exact for the interpolated law.
/// </summary>
public sealed class DiffusivityLookup
{
    /// <summary>Samples <paramref name="diffusivity"/> times <paramref name="factor"/> at <paramref name="points"/> points on [0, 1].</summary>
    public DiffusivityLookup(IDiffusivity diffusivity, double factor, int points = 4001)
    {
        var values = new double[points];
        var slopes = new double[points - 1];
        double scale = points - 1;
        for (int i = 0; i < points; i++) values[i] = factor * diffusivity.At(i / scale);
        for (int i = 0; i < points - 1; i++) slopes[i] = (values[i + 1] - values[i]) * scale;
        Table = new UniformLinearTable(values, slopes);
        Factor = 1;
        // Integrals of the interpolant from each end, summed from that end so that each is exact to round-off where it
        // is small: near x = 0 for the lower one, near x = 1 (where the surface of a full particle sits) for the upper.
        _fromZero = new double[points];
        _toOne = new double[points];
        double h = 1 / scale;
        for (int i = 1; i < points; i++) _fromZero[i] = _fromZero[i - 1] + 0.5 * h * (values[i - 1] + values[i]);
        for (int i = points - 2; i >= 0; i--) _toOne[i] = _toOne[i + 1] + 0.5 * h * (values[i] + values[i + 1]);
    }

    private DiffusivityLookup(DiffusivityLookup table, double factor)
    {
        Table = table.Table;
        Factor = factor;
        _fromZero = table._fromZero;
        _toOne = table._toOne;
    }

    private readonly double[] _fromZero, _toOne;   // integral of the reference D from 0 to x_i, and from x_i to 1

    /// <summary>
    /// The samples, shared by every <see cref="Scaled"/> copy: a device stepper uploads them once per model and only the
    /// <see cref="Factor"/> when the temperature changes.
    /// </summary>
    public UniformLinearTable Table { get; }

    /// <summary>The factor the samples are multiplied by at evaluation (1 for the reference table).</summary>
    public double Factor { get; }

    /// <summary>The same table times <paramref name="factor"/> (an Arrhenius factor), sharing the samples.</summary>
    public DiffusivityLookup Scaled(double factor) => new(this, factor);

    /// <summary>D and dD/dx at <paramref name="x"/> (clamped to [0, 1]).</summary>
    public double Evaluate(double x, out double slope) => Table.Evaluate(x, Factor, out slope);

    /// <summary>
    /// The stoichiometry y with integral of D from y to <paramref name="x"/> equal to <paramref name="drop"/> (m^2/s): the
    /// Kirchhoff transform of steady diffusion, -D dx/dr = flux, across a layer carrying flux * thickness = drop. Exact
    /// for the interpolated D, however steeply it varies between x and y; beyond [0, 1] D is held at its end values, as
    /// <see cref="Evaluate"/> holds it.
    /// </summary>
    public double Below(double x, double drop) => Below(x, drop, x);

    /// <summary>
    /// As <see cref="Below(double, double)"/>, with the interval search started at <paramref name="near"/> (a guess of the
    /// result, such as the previous Newton iterate's surface). The interval found does not depend on where the search
    /// starts (the cumulative integrals are monotone, so exactly one interval holds the target), so neither does the
    /// result, bit for bit; a close guess only saves the search its outward steps.
    /// </summary>
    public double Below(double x, double drop, double near)
    {
        if (drop == 0) return x;
        double scaled = drop / Factor;
        // Saturating conversion: a guess outside [0, 1] (or NaN, which converts to 0) just starts at an end of the table.
        int start = Math.Clamp((int)(near * Table.Scale), 0, Table.Values.Length - 2);
        // Work from the nearer end of the window, where the integral is small and so resolved to round-off.
        return x > 0.5 ? FromUpper(ToOne(x) + scaled, start) : FromLower(FromZero(x) - scaled, start);
    }

    /// <summary>
    /// The integral of D from <paramref name="y"/> to <paramref name="x"/>, m^2/s (negative for y above x): the drop that
    /// takes a surface from x to y (<see cref="Below(double, double)"/>'s inverse), in constant time.
    /// </summary>
    public double Drop(double x, double y) =>
        Factor * (y > 0.5 ? ToOne(y) - ToOne(x) : FromZero(x) - FromZero(y));   // resolved near the surface's end

    private double FromZero(double x) => Integral(_fromZero, x, fromZero: true);

    private double ToOne(double x) => Integral(_toOne, x, fromZero: false);

    /// <summary>The integral of the reference D from 0 to x (or from x to 1), linear beyond [0, 1].</summary>
    private double Integral(double[] cumulative, double x, bool fromZero)
    {
        var values = Table.Values;
        int last = values.Length - 1;
        double s = x * Table.Scale;
        if (s <= 0) return fromZero ? x * values[0] : cumulative[0] - x * values[0];
        if (s >= last) return fromZero ? cumulative[last] + (x - 1) * values[last] : (1 - x) * values[last];
        int i = (int)s;
        double u = (s - i) / Table.Scale;   // distance past x_i
        double part = u * (values[i] + 0.5 * Table.Slopes[i] * u);
        return fromZero ? cumulative[i] + part : cumulative[i] - part;
    }

    /// <summary>x with FromZero(x) = <paramref name="target"/>.</summary>
    private double FromLower(double target, int start)
    {
        var values = Table.Values;
        int last = values.Length - 1;
        if (target <= 0) return target / values[0];
        if (target >= _fromZero[last]) return 1 + (target - _fromZero[last]) / values[last];
        int i = Interval(_fromZero, target, increasing: true, start);
        return i / Table.Scale + Within(i, target - _fromZero[i]);
    }

    /// <summary>x with ToOne(x) = <paramref name="target"/>.</summary>
    private double FromUpper(double target, int start)
    {
        var values = Table.Values;
        int last = values.Length - 1;
        if (target <= 0) return 1 - target / values[last];
        if (target >= _toOne[0]) return -(target - _toOne[0]) / values[0];
        int i = Interval(_toOne, target, increasing: false, start);
        return i / Table.Scale + Within(i, _toOne[i] - target);
    }

    /// <summary>Distance u past x_i with u (D_i + slope_i u / 2) = <paramref name="area"/> (the stable root of the quadratic).</summary>
    private double Within(int i, double area)
    {
        double d = Table.Values[i], slope = Table.Slopes[i];
        return 2 * area / (d + Math.Sqrt(Math.Max(d * d + 2 * slope * area, 0)));
    }

    /// <summary>
    /// The interval i with the target between cumulative[i] and cumulative[i + 1], searched outwards from
    /// <paramref name="start"/> (the surface lies within a few intervals of the outermost shell), then by bisection.
    /// </summary>
    private static int Interval(double[] cumulative, double target, bool increasing, int start)
    {
        int last = cumulative.Length - 1;
        // After(i): the target lies at or beyond cumulative[i] in the table's direction.
        bool After(int i) => increasing ? cumulative[i] <= target : cumulative[i] >= target;
        int lo, hi;
        if (After(start))
        {
            lo = start;
            int step = 1;
            hi = Math.Min(last, start + step);
            while (hi < last && After(hi)) { lo = hi; step *= 2; hi = Math.Min(last, lo + step); }
        }
        else
        {
            hi = start;
            int step = 1;
            lo = Math.Max(0, start - step);
            while (lo > 0 && !After(lo)) { hi = lo; step *= 2; lo = Math.Max(0, hi - step); }
        }
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >> 1;
            if (After(mid)) lo = mid; else hi = mid;
        }
        return lo;
    }
}
