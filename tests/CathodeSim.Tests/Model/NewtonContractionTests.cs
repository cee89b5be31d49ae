using CathodeSim.Numerics.Integration;

namespace CathodeSim.Tests.Model;

public sealed class NewtonContractionTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.1)]
    [InlineData(1e-3)]
    public void RemainingError_OfGeometricUpdates_IsTheirExactTail_Analytical(double rate)
    {
        // Updates d_k = d_0 r^k: after update k the iterate is sum_{j > k} d_j = d_k r / (1 - r) from the limit.
        double previous = 0.3, update = previous * rate;
        double tail = 0;
        for (int j = 1; j < 2000; j++) tail += update * Math.Pow(rate, j);
        Assert.Equal(tail, NewtonContraction.RemainingError(update, previous), 1e-12 * tail);
    }

    [Theory]
    [InlineData(1e-3, 0)]        // no previous update: nothing to estimate the rate from
    [InlineData(1e-3, 1e-3)]     // not contracting
    [InlineData(2e-3, 1e-3)]     // diverging
    [InlineData(double.NaN, 1e-3)]
    public void RemainingError_WithoutContraction_IsInfinite_SoThatOnlyThePlainTestCanAccept(double update, double previous)
    {
        Assert.Equal(double.PositiveInfinity, NewtonContraction.RemainingError(update, previous));
    }

    [Fact]
    public void RemainingError_AfterAZeroUpdate_IsZero_Limit()
    {
        Assert.Equal(0, NewtonContraction.RemainingError(0, 1e-6));
    }

    [Fact]
    public void QuadraticRemainingError_OfNewtonOnASquareRoot_BoundsTheErrorLeft_Analytical()
    {
        // Newton on f(x) = x^2 - 2 from x = 3: the error squares each iteration (e_k+1 = e_k^2 / (2 x_k)). After the
        // second update on, the safety-weighted estimate must bound the true error left, |x_k - sqrt 2|, and the bare
        // estimate (without the safety factor) must be within a factor 3 of it: the constant C varies slowly along the path.
        double x = 3, previous = 0;
        for (int k = 1; k <= 4; k++)
        {
            double update = Math.Abs((x * x - 2) / (2 * x));
            x -= (x * x - 2) / (2 * x);
            double left = Math.Abs(x - Math.Sqrt(2));
            double estimate = NewtonContraction.QuadraticRemainingError(update, previous);
            if (k >= 2 && left > 1e-15)
            {
                Assert.True(estimate >= left, $"iteration {k}: estimate {estimate:E3} below the error left {left:E3}");
                double bare = estimate / NewtonContraction.QuadraticSafety;
                Assert.InRange(bare / left, 1.0 / 3, 3.0);
            }
            previous = update;
        }
    }

    [Theory]
    [InlineData(1e-3, 0)]
    [InlineData(1e-3, 1e-3)]
    [InlineData(2e-3, 1e-3)]
    [InlineData(double.NaN, 1e-3)]
    public void QuadraticRemainingError_WithoutContraction_IsInfinite(double update, double previous)
    {
        Assert.Equal(double.PositiveInfinity, NewtonContraction.QuadraticRemainingError(update, previous));
    }
}
