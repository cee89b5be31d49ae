using CathodeSim.Model.Materials;

namespace CathodeSim.Model.Dfn;

/// <summary>
/// OCP of LiCoO2 vs Li/Li+: the Dualfoil fit (Garcia 2001 for 0.5 &lt; x &lt; 0.99, Doyle 1995 below 0.4) as used in the
/// Marquis et al. 2019 parameter set of PyBaMM (input/parameters/lithium-ion/cathodes/lico2_Marquis2019/lico2_ocp_Dualfoil1998.py,
/// pybamm-team/PyBaMM commit 0c30b1c24261258d26f2061e746150676cb55664, BSD-3). The fit is written in a stretched
/// stoichiometry s = 1.062 x: U = 2.16216 + sum_k a_k tanh(p_k + q_k s).
/// </summary>
public sealed class DualfoilLiCoO2Ocp : IOpenCircuitPotential
{
    /// <summary>The one instance (the law has no parameters; the OCP lookups are cached per instance).</summary>
    public static DualfoilLiCoO2Ocp Instance { get; } = new();

    private const double Stretch = 1.062;

    // a_k (V), p_k and q_k of each tanh term; the last two are the published (0.56478 - s)/0.1316 and (s - 0.525)/0.006.
    private static readonly double[] Amplitude = [0.07645, 2.1581, -0.14169, 0.2051, 0.2531, -0.02167];
    private static readonly double[] Offset = [30.834, 52.294, 11.0923, 1.4684, 0.56478 / 0.1316, -0.525 / 0.006];
    private static readonly double[] Gain = [-54.4806, -50.294, -19.8543, -5.4888, -1 / 0.1316, 1 / 0.006];

    private DualfoilLiCoO2Ocp() { }

    /// <inheritdoc/>
    public double Potential(double stoichiometry)
    {
        double s = Stretch * stoichiometry, u = 2.16216;
        for (int k = 0; k < Amplitude.Length; k++) u += Amplitude[k] * Math.Tanh(Offset[k] + Gain[k] * s);
        return u;
    }

    /// <inheritdoc/>
    public double Slope(double stoichiometry)
    {
        double s = Stretch * stoichiometry, du = 0;
        for (int k = 0; k < Amplitude.Length; k++)
        {
            double t = Math.Tanh(Offset[k] + Gain[k] * s);
            du += Amplitude[k] * Gain[k] * (1 - t * t);
        }
        return Stretch * du;
    }
}
