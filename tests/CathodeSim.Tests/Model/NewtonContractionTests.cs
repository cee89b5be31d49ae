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
}
