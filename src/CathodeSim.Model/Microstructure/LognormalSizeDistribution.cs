using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace CathodeSim.Model.Microstructure;

/// <summary>
/// A volume-weighted lognormal PSD (as laser diffraction reports it): median diameter D50 and geometric standard deviation.
/// </summary>
/// <param name="MedianDiameter">D50 by volume, m.</param>
/// <param name="GeometricStd">Geometric standard deviation sigma_g >= 1 (1: monodisperse).</param>
public sealed record LognormalSizeDistribution(double MedianDiameter, double GeometricStd) : ParticleSizeDistribution
{
    /// <summary>
    /// Equal volume shares per bin; each bin's radius preserves the bin's surface area (its volume-weighted harmonic mean),
    /// so sum_k a_k equals the distribution's exact specific surface for any K.
    /// </summary>
    public override SizeBins Discretise(int binCount)
    {
        if (binCount < 1) throw new ArgumentOutOfRangeException(nameof(binCount), "at least one size bin");
        double s = Math.Log(GeometricStd);
        double medianRadius = MedianDiameter / 2.0;
        var radii = new double[binCount];
        var shares = new double[binCount];
        for (int k = 0; k < binCount; k++)
        {
            shares[k] = 1.0 / binCount;
            if (s < 1e-12) { radii[k] = medianRadius; continue; }
            double a = k == 0 ? double.NegativeInfinity : Normal.InvCDF(0, 1, (double)k / binCount);
            double b = k == binCount - 1 ? double.PositiveInfinity : Normal.InvCDF(0, 1, (double)(k + 1) / binCount);
            // E[1/R | bin] for ln R = ln R50 + s z, z ~ N(0,1): exp(-ln R50 + s^2/2) (Phi(b+s) - Phi(a+s)) / (Phi(b) - Phi(a)).
            double inverseMean = Math.Exp(-Math.Log(medianRadius) + s * s / 2.0) * (Phi(b + s) - Phi(a + s)) / shares[k];
            radii[k] = 1.0 / inverseMean;
        }
        return new SizeBins(radii, shares);
    }

    private static double Phi(double z) => double.IsNegativeInfinity(z) ? 0.0 : double.IsPositiveInfinity(z) ? 1.0 : 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2.0));
}
