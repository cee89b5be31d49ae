using CathodeSim.Analysis.Microstructure;
using CathodeSim.Model.Microstructure;

namespace CathodeSim.Tests.Microstructure.Coupling;

/// <summary>The tabulated law's interpolation and its guarantees (monotone, bounded, clamped).</summary>
public sealed class TabulatedTransportLawTests
{
    [Fact]
    public void LinearTable_InterpolatesExactly_Analytical()
    {
        // factor = 2 eps - 0.2 and share = eps on [0.2, 0.6]: linear data, so linear interpolation is exact everywhere inside.
        var law = new TabulatedTransportLaw([0.2, 0.3, 0.45, 0.6], [0.2, 0.4, 0.7, 1.0], [0.2, 0.3, 0.45, 0.6]);
        foreach (double eps in new[] { 0.2, 0.25, 0.33, 0.45, 0.512, 0.6 })
        {
            Assert.Equal(2 * eps - 0.2, law.Factor(eps), 12);
            Assert.Equal(eps, law.PercolatingShare(eps), 12);
        }
    }

    [Fact]
    public void OutsideTheTable_ClampsToTheEndValues_Limit()
    {
        var law = new TabulatedTransportLaw([0.2, 0.6], [0.01, 0.5], [0.1, 0.9]);
        Assert.Equal(0.01, law.Factor(0.05));
        Assert.Equal(0.5, law.Factor(0.95));
        Assert.Equal(0.1, law.PercolatingShare(0.0));
        Assert.Equal(0.9, law.PercolatingShare(1.0));
    }

    [Fact]
    public void ZeroFactor_KeepsTheFloor_Limit()
    {
        var law = new TabulatedTransportLaw([0.2, 0.6], [0.0, 0.5], [0.0, 1.0]);
        Assert.Equal(TabulatedTransportLaw.DefaultFloor, law.Factor(0.2));
        Assert.Equal(0.0, law.PercolatingShare(0.2));
    }

    [Fact]
    public void Interpolation_IsMonotoneAndBounded_Limit()
    {
        var law = new TabulatedTransportLaw([0.1, 0.2, 0.35, 0.5, 0.7], [0.0, 0.001, 0.05, 0.2, 0.45], [0.0, 0.3, 0.8, 0.95, 1.0]);
        double previousFactor = 0, previousShare = 0;
        for (double eps = 0; eps <= 1; eps += 0.001)
        {
            double f = law.Factor(eps), s = law.PercolatingShare(eps);
            Assert.InRange(f, 0, 1);
            Assert.InRange(s, 0, 1);
            Assert.True(f >= previousFactor && s >= previousShare, $"not monotone at {eps}");
            previousFactor = f;
            previousShare = s;
        }
    }

    [Fact]
    public void NonMonotoneOrUnboundedData_AreRejected_Limit()
    {
        Assert.Throws<ArgumentException>(() => new TabulatedTransportLaw([0.2, 0.4], [0.3, 0.2], [0.5, 0.6]));
        Assert.Throws<ArgumentException>(() => new TabulatedTransportLaw([0.2, 0.4], [0.3, 1.2], [0.5, 0.6]));
        Assert.Throws<ArgumentException>(() => new TabulatedTransportLaw([0.4, 0.2], [0.1, 0.2], [0.5, 0.6]));
    }

    [Fact]
    public void PoolAdjacentViolators_RemovesADipAndKeepsMonotoneData_Analytical()
    {
        // A dip of 0.3 after 0.5 pools to their mean, 0.4; monotone data pass unchanged.
        Assert.Equal([0.1, 0.4, 0.4, 0.7], Monotone.NonDecreasing([0.1, 0.5, 0.3, 0.7]));
        Assert.Equal([0.1, 0.2, 0.3], Monotone.NonDecreasing([0.1, 0.2, 0.3]));
    }
}
