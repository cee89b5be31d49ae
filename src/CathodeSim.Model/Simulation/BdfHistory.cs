using CathodeSim.Numerics.Diffusion;
using CathodeSim.Numerics.Integration;

namespace CathodeSim.Model.Simulation;

/// <summary>
/// The last three accepted stoichiometry fields, charge counters and times: what variable-step BDF2, its predictor and
/// its error estimate need. Buffers rotate; nothing is allocated per step.
/// </summary>
internal sealed class BdfHistory
{
    private readonly double[][] _x;
    private readonly double[] _charge = new double[3];
    private readonly double[] _time = new double[3];

    public BdfHistory(int size) => _x = [new double[size], new double[size], new double[size]];

    /// <summary>
    /// A history whose newest buffer is <paramref name="newest"/> (shared with the caller, who keeps it equal to the newest
    /// point; see <see cref="PushOwned"/>); the two older buffers are allocated here.
    /// </summary>
    public BdfHistory(double[] newest) => _x = [newest, new double[newest.Length], new double[newest.Length]];

    /// <summary>A history of the charges and times only, for a caller whose stoichiometry points are resident elsewhere.</summary>
    public static BdfHistory ScalarsOnly() => new(0);

    /// <summary>Number of valid entries (1-3); 0 before the first <see cref="Restart(ReadOnlySpan{double}, double, double)"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Forgets all but the given point (after a discontinuity in the control).</summary>
    public void Restart(ReadOnlySpan<double> x, double charge, double time)
    {
        // A caller that shares the newest buffer (PushOwned) passes that buffer itself: nothing to copy.
        if (!x.Overlaps(_x[0])) x.CopyTo(_x[0]);
        _charge[0] = charge;
        _time[0] = time;
        Count = 1;
    }

    /// <summary>Forgets all but the given point's charge and time (its x is held by a resident history).</summary>
    public void Restart(double charge, double time) => Restart([], charge, time);

    /// <summary>Pushes an accepted point's charge and time (its x is held by a resident history).</summary>
    public void Push(double charge, double time) => Push([], charge, time);

    /// <summary>Pushes an accepted point.</summary>
    public void Push(ReadOnlySpan<double> x, double charge, double time)
    {
        var oldest = _x[2];
        _x[2] = _x[1];
        _x[1] = _x[0];
        _x[0] = oldest;
        x.CopyTo(oldest);
        _charge[2] = _charge[1]; _charge[1] = _charge[0]; _charge[0] = charge;
        _time[2] = _time[1]; _time[1] = _time[0]; _time[0] = time;
        Count = Math.Min(Count + 1, 3);
    }

    /// <summary>
    /// Pushes an accepted point by taking <paramref name="x"/> itself as the newest buffer (no copy of the field) and
    /// returns the buffer that drops out of the ring (the oldest point's, or an unused one while fewer than three points
    /// exist) for the caller to reuse. The caller must not write into <paramref name="x"/> while it is in the history.
    /// </summary>
    public double[] PushOwned(double[] x, double charge, double time)
    {
        if (x.Length != _x[0].Length) throw new ArgumentException("the point's length differs from the history's", nameof(x));
        var oldest = _x[2];
        _x[2] = _x[1];
        _x[1] = _x[0];
        _x[0] = x;
        _charge[2] = _charge[1]; _charge[1] = _charge[0]; _charge[0] = charge;
        _time[2] = _time[1]; _time[1] = _time[0]; _time[0] = time;
        Count = Math.Min(Count + 1, 3);
        return oldest;
    }

    /// <summary>Coefficients for a step of <paramref name="h"/>: BDF1 until three points exist, then BDF2.</summary>
    public BdfCoefficients Coefficients(double h)
    {
        double h1 = Count >= 2 ? _time[0] - _time[1] : 0;
        double h2 = Count >= 3 ? _time[1] - _time[2] : 0;
        return BdfCoefficients.For(Count >= 3 ? 2 : 1, h, h1, h2);
    }

    /// <summary>Writes the history combination a0 x_n + a1 x_{n-1} and the extrapolated predictor at t_n + h.</summary>
    public double Prepare(BdfCoefficients bdf, double h, Span<double> combination, Span<double> predictor)
    {
        double[] x0 = _x[0], x1 = _x[1], x2 = _x[2];
        int n = x0.Length;
        if (bdf.A1 == 0) x0.CopyTo(combination);
        else for (int i = 0; i < n; i++) combination[i] = bdf.A0 * x0[i] + bdf.A1 * x1[i];
        double t = _time[0] + h;
        if (Count == 1) x0.CopyTo(predictor);
        else if (Count == 2)
        {
            double w = h / (_time[0] - _time[1]);
            for (int i = 0; i < n; i++) predictor[i] = x0[i] + w * (x0[i] - x1[i]);
        }
        else
        {
            // Lagrange weights of the quadratic through the last three points, evaluated at t.
            double t0 = _time[0], t1 = _time[1], t2 = _time[2];
            double l0 = (t - t1) * (t - t2) / ((t0 - t1) * (t0 - t2));
            double l1 = (t - t0) * (t - t2) / ((t1 - t0) * (t1 - t2));
            double l2 = (t - t0) * (t - t1) / ((t2 - t0) * (t2 - t1));
            for (int i = 0; i < n; i++) predictor[i] = l0 * x0[i] + l1 * x1[i] + l2 * x2[i];
        }
        return bdf.A0 * _charge[0] + bdf.A1 * _charge[1];
    }

    /// <summary>
    /// The weights <see cref="Prepare"/> applies, for a resident history that applies them to its own points (same
    /// expressions, so the same values); returns the charge combination as <see cref="Prepare"/> does.
    /// </summary>
    public double Weights(BdfCoefficients bdf, double h, out BdfStepWeights weights)
    {
        double t = _time[0] + h;
        if (Count == 1) weights = new BdfStepWeights(1, bdf.A0, bdf.A1, 0, 0, 0);
        else if (Count == 2) weights = new BdfStepWeights(2, bdf.A0, bdf.A1, h / (_time[0] - _time[1]), 0, 0);
        else
        {
            double t0 = _time[0], t1 = _time[1], t2 = _time[2];
            double l0 = (t - t1) * (t - t2) / ((t0 - t1) * (t0 - t2));
            double l1 = (t - t0) * (t - t2) / ((t1 - t0) * (t1 - t2));
            double l2 = (t - t0) * (t - t1) / ((t2 - t0) * (t2 - t1));
            weights = new BdfStepWeights(3, bdf.A0, bdf.A1, l0, l1, l2);
        }
        return bdf.A0 * _charge[0] + bdf.A1 * _charge[1];
    }

    /// <summary>Time of the newest point.</summary>
    public double Time => _time[0];
}
