using System.Collections.Concurrent;
using CathodeSim.Model.Materials;

namespace CathodeSim.Model.Cell;

/// <summary>
/// U(x) sampled with its slope and interpolated by cubic Hermite polynomials: on a uniform grid in x over the middle of
/// the window, and on uniform grids in s = ln(x) and s = ln(1 - x) over the last <see cref="EdgeWidth"/> at each end.
/// The Butler-Volmer condition evaluates U and dU/dx for every particle on every Newton iteration; a closed-form law costs
/// transcendental functions (an MSMR law a Newton inversion) per call, the lookup a dozen multiplications. The edge grids
/// follow a Nernstian law U ~ -(omega RT/F) ln((1-x)/x) down to vacancies of <see cref="SmallestDistance"/> (and extrapolate
/// it linearly in s beyond, as the law itself does), so a surface near full lithiation sees the OCP it should and not the
/// value at the nearest grid point.
/// </summary>
public sealed class OcpLookup
{
    /// <summary>Width of each edge region in x.</summary>
    public const double EdgeWidth = 1.0 / 64;

    /// <summary>Smallest distance from x = 0 or 1 that the edge grids sample.</summary>
    public const double SmallestDistance = 1e-20;

    private const int MiddlePoints = 4001, EdgePoints = 1025;
    private static readonly double EdgeLow = Math.Log(SmallestDistance), EdgeHigh = Math.Log(EdgeWidth);
    private static readonly ConcurrentDictionary<(IOpenCircuitPotential, double), OcpLookup> Cache = new();

    private readonly double[] _value, _slope;          // middle: U - offset, dU/dx
    private readonly double[] _lowValue, _lowSlope;    // s = ln x: U - offset, dU/ds
    private readonly double[] _highValue, _highSlope;  // s = ln(1 - x): U - offset, dU/ds
    private readonly double _scale, _edgeScale;

    /// <summary>The lookup of <paramref name="ocp"/> minus <paramref name="offset"/>, shared between runs of the same (immutable) law.</summary>
    public static OcpLookup For(IOpenCircuitPotential ocp, double offset)
    {
        if (Cache.Count > 256) Cache.Clear();
        return Cache.GetOrAdd((ocp, offset), key => new OcpLookup(key.Item1, key.Item2));
    }

    /// <summary>Samples <paramref name="ocp"/> minus <paramref name="offset"/>.</summary>
    public OcpLookup(IOpenCircuitPotential ocp, double offset)
    {
        ArgumentNullException.ThrowIfNull(ocp);
        _value = new double[MiddlePoints];
        _slope = new double[MiddlePoints];
        _scale = (MiddlePoints - 1) / (1 - 2 * EdgeWidth);
        for (int i = 0; i < MiddlePoints; i++)
        {
            double x = EdgeWidth + i / _scale;
            _value[i] = ocp.Potential(x) - offset;
            _slope[i] = ocp.Slope(x);
        }
        _lowValue = new double[EdgePoints];
        _lowSlope = new double[EdgePoints];
        _highValue = new double[EdgePoints];
        _highSlope = new double[EdgePoints];
        _edgeScale = (EdgePoints - 1) / (EdgeHigh - EdgeLow);
        for (int i = 0; i < EdgePoints; i++)
        {
            double s = EdgeLow + i / _edgeScale, d = Math.Exp(s);
            _lowValue[i] = ocp.Potential(d) - offset;
            _lowSlope[i] = ocp.Slope(d) * d;                 // dU/ds = dU/dx dx/ds, x = e^s
            _highValue[i] = ocp.PotentialNearFull(d) - offset;
            _highSlope[i] = -ocp.SlopeNearFull(d) * d;       // x = 1 - e^s
        }
    }

    /// <summary>U(x) - offset and dU/dx at <paramref name="x"/> in [0, 1].</summary>
    public double Evaluate(double x, out double slope)
    {
        if (x < EdgeWidth)
        {
            double value = Edge(_lowValue, _lowSlope, Math.Log(Math.Max(x, 1e-300)), out double dUds);
            slope = dUds / Math.Max(x, 1e-300);
            return value;
        }
        if (x > 1 - EdgeWidth)
        {
            double vacancy = Math.Max(1 - x, 1e-300);
            double value = Edge(_highValue, _highSlope, Math.Log(vacancy), out double dUds);
            slope = -dUds / vacancy;
            return value;
        }
        return Hermite(_value, _slope, (x - EdgeWidth) * _scale, _scale, out slope);
    }

    private double Edge(double[] values, double[] slopes, double s, out double dUds)
    {
        if (s <= EdgeLow)
        {
            // Beyond the grid the law is taken on along its tangent in s, as a Nernstian law continues.
            dUds = slopes[0];
            return values[0] + slopes[0] * (s - EdgeLow);
        }
        return Hermite(values, slopes, Math.Min((s - EdgeLow) * _edgeScale, values.Length - 1), _edgeScale, out dUds);
    }

    private static double Hermite(double[] values, double[] slopes, double position, double scale, out double slope)
    {
        int i = Math.Clamp((int)position, 0, values.Length - 2);
        double t = position - i, h = 1 / scale;
        double y0 = values[i], y1 = values[i + 1], m0 = slopes[i] * h, m1 = slopes[i + 1] * h;
        double t2 = t * t, t3 = t2 * t;
        double value = (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * y1 + (t3 - t2) * m1;
        slope = ((6 * t2 - 6 * t) * y0 + (3 * t2 - 4 * t + 1) * m0 + (-6 * t2 + 6 * t) * y1 + (3 * t2 - 2 * t) * m1) * scale;
        return value;
    }
}
