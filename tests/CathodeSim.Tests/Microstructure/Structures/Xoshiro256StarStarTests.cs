using CathodeSim.Model.Microstructure.Structures;

namespace CathodeSim.Tests.Microstructure.Structures;

/// <summary>The structures' random generator: its sequence is fixed (reproducible structures) and its draws are right.</summary>
public sealed class Xoshiro256StarStarTests
{
    [Fact]
    public void Sequence_MatchesReferenceAlgorithm_Literature()
    {
        // Blackman and Vigna's xoshiro256** seeded by SplitMix64, transcribed independently from the reference C code
        // (SplitMix64's first output for seed 0 is the published 0xE220A8397B1DCDAF).
        var zero = new Xoshiro256StarStar(0);
        Assert.Equal(0x99ec5f36cb75f2b4UL, zero.NextUInt64());
        Assert.Equal(0xbf6e1f784956452aUL, zero.NextUInt64());
        Assert.Equal(0x1a5f849d4933e6e0UL, zero.NextUInt64());
        var fortyTwo = new Xoshiro256StarStar(42);
        Assert.Equal(0x15780b2e0c2ec716UL, fortyTwo.NextUInt64());
        Assert.Equal(0x6104d9866d113a7eUL, fortyTwo.NextUInt64());
    }

    [Fact]
    public void PoissonDraws_HaveTheirMeanAndVariance_Analytical()
    {
        var random = new Xoshiro256StarStar(7);
        const int draws = 20000;
        const double mean = 30;
        double sum = 0, squares = 0;
        for (int i = 0; i < draws; i++)
        {
            long k = random.NextPoisson(mean);
            sum += k;
            squares += (double)k * k;
        }
        double m = sum / draws, variance = squares / draws - m * m;
        // Standard error of the mean sqrt(30 / 20000) = 0.04; of the variance about 30 sqrt(2 / 20000) = 0.3.
        Assert.Equal(mean, m, 0.2);
        Assert.Equal(mean, variance, 1.5);
    }

    [Fact]
    public void UniformDraws_LieInUnitIntervalWithMeanOneHalf_Analytical()
    {
        var random = new Xoshiro256StarStar(3);
        double sum = 0;
        for (int i = 0; i < 100000; i++)
        {
            double u = random.NextDouble();
            Assert.InRange(u, 0.0, 1.0 - 1e-17);
            sum += u;
        }
        Assert.Equal(0.5, sum / 100000, 0.005);
    }
}
