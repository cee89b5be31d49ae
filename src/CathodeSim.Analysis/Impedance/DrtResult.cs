using System.Numerics;

namespace CathodeSim.Analysis.Impedance;

/// <summary>Result of <see cref="Drt.Compute"/>.</summary>
/// <param name="Frequency">Frequencies used (after cropping), Hz.</param>
/// <param name="Measured">Data, ohm.</param>
/// <param name="Fitted">R_inf + j omega L + the DRT's impedance, ohm.</param>
/// <param name="TimeConstants">Output grid of tau, s (log-spaced, ascending).</param>
/// <param name="Gamma">gamma(ln tau) on that grid, ohm (resistance per unit ln tau: its integral over ln tau is a resistance).</param>
/// <param name="BandLow">Lower bound of the bootstrap band, ohm.</param>
/// <param name="BandHigh">Upper bound of the bootstrap band, ohm.</param>
/// <param name="Peaks">Peaks of gamma, ascending in tau.</param>
/// <param name="Lambda">The regularisation parameter used.</param>
/// <param name="LambdaFromGcv">True when lambda was chosen by GCV, false when given.</param>
/// <param name="LambdaGrid">Lambdas tried by GCV (empty when lambda was given).</param>
/// <param name="Gcv">GCV score per lambda of <paramref name="LambdaGrid"/>.</param>
/// <param name="HighFrequencyResistance">R_inf, ohm (&gt;= 0).</param>
/// <param name="Inductance">Series L, H (free sign).</param>
/// <param name="ResidualRms">RMS of the relative residuals (Z - Z_fit)/|Z| over real and imaginary parts together.</param>
/// <param name="BasisTimeConstants">Centres of the Gaussian basis functions, s.</param>
/// <param name="BasisWeights">Their weights x_m, ohm (the height of each Gaussian, &gt;= 0).</param>
/// <param name="BootstrapSamples">Resamples behind the band.</param>
public sealed record DrtResult(double[] Frequency, Complex[] Measured, Complex[] Fitted, double[] TimeConstants, double[] Gamma,
    double[] BandLow, double[] BandHigh, IReadOnlyList<DrtPeak> Peaks, double Lambda, bool LambdaFromGcv, double[] LambdaGrid, double[] Gcv,
    double HighFrequencyResistance, double Inductance, double ResidualRms, double[] BasisTimeConstants, double[] BasisWeights, int BootstrapSamples)
{
    /// <summary>Total polarisation resistance: the integral of gamma over ln tau, ohm.</summary>
    public double PolarisationResistance
    {
        get
        {
            double sum = 0;
            for (int i = 1; i < TimeConstants.Length; i++)
                sum += 0.5 * (Gamma[i] + Gamma[i - 1]) * Math.Log(TimeConstants[i] / TimeConstants[i - 1]);
            return sum;
        }
    }
}
