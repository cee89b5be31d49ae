namespace CathodeSim.Model.Materials;

/// <summary>
/// NMC811 open-circuit potential of Chen et al. 2020 (J. Electrochem. Soc. 167, 080534; the fit PyBaMM ships), exactly as
/// published, so that results can be compared with other codes.
/// </summary>
/// <remarks>
/// The fit was made on x = 0.266-0.906. Extrapolated to x = 1 it stays near 3.49 V vs Li: a 2.72 V vs Li (2.1 V vs Li-In)
/// discharge cut-off is then reached only when the particle surfaces fill and i0 ~ sqrt(x_s (1 - x_s)) vanishes, which the
/// step solver resolves exactly (spec section 8). For the full window use the MSMR description (<see cref="MsmrOcp"/>),
/// which is what the material library does. An earlier version added an unsourced edge term here; it is gone.
/// <para>
/// <see cref="StoichiometryScale"/> s maps the material's x onto the fit's, x_fit = 1 - s (1 - x); s = 1 (the default) is
/// the plain fit.
/// </para>
/// </remarks>
/// <param name="StoichiometryScale">s in x_fit = 1 - s (1 - x).</param>
public sealed record ChenNmc811Ocp(double StoichiometryScale = 1.0) : IOpenCircuitPotential
{
    /// <inheritdoc />
    public double Potential(double stoichiometry)
    {
        double x = 1 - StoichiometryScale * (1 - stoichiometry);
        return -0.8090 * x + 4.4875
               - 0.0428 * Math.Tanh(18.5138 * (x - 0.5542))
               - 17.7326 * Math.Tanh(15.7890 * (x - 0.3117))
               + 17.5842 * Math.Tanh(15.9308 * (x - 0.3120));
    }

    /// <inheritdoc />
    public double Slope(double stoichiometry)
    {
        double x = 1 - StoichiometryScale * (1 - stoichiometry);
        static double Sech2(double z) { double c = Math.Cosh(z); return 1.0 / (c * c); }
        double du = -0.8090
                    - 0.0428 * 18.5138 * Sech2(18.5138 * (x - 0.5542))
                    - 17.7326 * 15.7890 * Sech2(15.7890 * (x - 0.3117))
                    + 17.5842 * 15.9308 * Sech2(15.9308 * (x - 0.3120));
        return du * StoichiometryScale;
    }
}
