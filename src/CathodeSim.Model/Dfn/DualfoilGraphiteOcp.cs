using CathodeSim.Model.Materials;

namespace CathodeSim.Model.Dfn;

/// <summary>
/// OCP of graphite MCMB 2528 vs Li/Li+: the Dualfoil fit (Doyle, Fuller and Newman's Dualfoil 5, data attributed there to
/// Bogatu, Telcordia / PolyStor 2000) as used in the Marquis et al. 2019 parameter set of PyBaMM
/// (input/parameters/lithium-ion/anodes/graphite_mcmb2528_Marquis2019/graphite_mcmb2528_ocp_Dualfoil1998.py,
/// pybamm-team/PyBaMM commit 392aa242c235fbe27577e989fc4387fbb6e6555c, BSD-3):
/// U(x) = 0.194 + 1.5 exp(-120 x) + sum_k a_k tanh((x - b_k) / w_k).
/// </summary>
public sealed class DualfoilGraphiteOcp : IOpenCircuitPotential
{
    /// <summary>The one instance (the law has no parameters; the OCP lookups are cached per instance).</summary>
    public static DualfoilGraphiteOcp Instance { get; } = new();

    // Amplitude (V), centre and width (stoichiometry) of each tanh step of the fit.
    private static readonly double[] Amplitude = [0.0351, -0.0045, -0.035, -0.0147, -0.102, -0.022, -0.011, 0.0155];
    private static readonly double[] Centre = [0.286, 0.849, 0.9233, 0.5, 0.194, 0.9, 0.124, 0.105];
    private static readonly double[] Width = [0.083, 0.119, 0.05, 0.034, 0.142, 0.0164, 0.0226, 0.029];

    private DualfoilGraphiteOcp() { }

    /// <inheritdoc/>
    public double Potential(double stoichiometry)
    {
        double x = stoichiometry, u = 0.194 + 1.5 * Math.Exp(-120.0 * x);
        for (int k = 0; k < Amplitude.Length; k++) u += Amplitude[k] * Math.Tanh((x - Centre[k]) / Width[k]);
        return u;
    }

    /// <inheritdoc/>
    public double Slope(double stoichiometry)
    {
        double x = stoichiometry, du = -180.0 * Math.Exp(-120.0 * x);
        for (int k = 0; k < Amplitude.Length; k++)
        {
            double t = Math.Tanh((x - Centre[k]) / Width[k]);
            du += Amplitude[k] / Width[k] * (1 - t * t);
        }
        return du;
    }
}
