namespace CathodeSim.Numerics.Integration;

/// <summary>
/// The error left in a Newton iterate, estimated from how fast its updates shrink (Hairer and Wanner, Solving Ordinary
/// Differential Equations II, section IV.8): with contraction rate r = |update k| / |update k-1| &lt; 1, the updates still
/// to come sum to at most |update k| r / (1 - r). Exact for updates that shrink geometrically; an overestimate for
/// Newton's quadratic convergence, whose rate falls from one iteration to the next.
/// </summary>
public static class NewtonContraction
{
    /// <summary>
    /// Bound on the error left after an update of size <paramref name="update"/> that followed one of size
    /// <paramref name="previous"/>; +infinity where they do not contract, or there was no previous update (0), so that
    /// the caller's plain test on the update's size alone decides.
    /// </summary>
    public static double RemainingError(double update, double previous)
    {
        if (!(previous > 0) || !(update < previous)) return double.PositiveInfinity;
        double rate = update / previous;
        return update * rate / (1 - rate);
    }
}
