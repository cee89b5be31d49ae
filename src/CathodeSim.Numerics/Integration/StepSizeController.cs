namespace CathodeSim.Numerics.Integration;

/// <summary>
/// PI step-size controller (Gustafsson 1991): h_new = h * safety * err^-(kI/(q+1)) * (err_prev/err)^(kP/(q+1)),
/// with growth and shrink limits. Errors are normalised (accept when err &lt;= 1).
/// </summary>
public sealed class StepSizeController
{
    private double _previousError = 1.0;

    /// <summary>Safety factor.</summary>
    public double Safety { get; init; } = 0.85;

    /// <summary>Largest growth per step.</summary>
    public double MaxGrowth { get; init; } = 4.0;

    /// <summary>Smallest factor on rejection.</summary>
    public double MinShrink { get; init; } = 0.2;

    /// <summary>Forgets the error history (after a discontinuity).</summary>
    public void Reset() => _previousError = 1.0;

    /// <summary>Next step after an accepted step of size <paramref name="h"/> with normalised error <paramref name="error"/>.</summary>
    public double Accepted(double h, double error, int order)
    {
        double e = Math.Max(error, 1e-10);
        double q = order + 1;
        double factor = Safety * Math.Pow(e, -0.7 / q) * Math.Pow(_previousError / e, 0.4 / q);
        _previousError = e;
        return h * Math.Clamp(factor, 0.5, MaxGrowth);
    }

    /// <summary>Retry size after a rejected step.</summary>
    public double Rejected(double h, double error, int order)
    {
        double factor = Safety * Math.Pow(Math.Max(error, 1e-10), -1.0 / (order + 1));
        return h * Math.Clamp(factor, MinShrink, 0.9);
    }
}
