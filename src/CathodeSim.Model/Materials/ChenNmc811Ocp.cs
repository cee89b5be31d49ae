namespace CathodeSim.Model.Materials;

/// <summary>
/// NMC811 open-circuit potential of Chen et al. 2020 (J. Electrochem. Soc. 167, 080534; the fit PyBaMM ships),
/// extended near full lithiation by a documented edge term so that it covers the whole cycling window.
/// </summary>
/// <remarks>
/// The Chen fit was made on x = 0.266-0.906. Extrapolated to x = 1 it stays near 3.49 V vs Li, so a 2.1 V vs Li-In
/// (2.72 V vs Li) discharge cut-off would only be reached by a kinetic collapse (spec section 8). Real Ni-rich NCM
/// OCVs fall steeply in the last few per cent of lithiation, as the Nernstian vacancy term ln((1-x)/x) does for any
/// intercalation host. We add ΔU(x) = -EdgeDrop * exp(-(1 - x) / EdgeWidth): below x = 0.9 it is under 2 mV with the
/// defaults (1.0 V, 0.015), so the fitted range is untouched, and U(1) falls to about 2.5 V vs Li, below the cut-off,
/// so a discharge ends on the OCP. EdgeDrop = 0 recovers the plain Chen fit.
/// <para>
/// <see cref="StoichiometryScale"/> s maps the material's x onto the fit's, x_fit = 1 - s (1 - x): s &lt; 1 stretches
/// the NMC811 curve over a wider lithium window, as a Ni-richer NCM releases more lithium below a given voltage
/// (NCM90 charges to about 235 mAh/g at 4.3 V vs Li where NMC811 reaches about 215). s = 1 is the plain fit.
/// </para>
/// </remarks>
/// <param name="EdgeDrop">Magnitude of the full-lithiation drop at x = 1, V.</param>
/// <param name="EdgeWidth">Stoichiometry width over which the drop develops.</param>
/// <param name="StoichiometryScale">s in x_fit = 1 - s (1 - x).</param>
public sealed record ChenNmc811Ocp(double EdgeDrop = 1.0, double EdgeWidth = 0.015, double StoichiometryScale = 1.0) : IOpenCircuitPotential
{
    /// <inheritdoc />
    public double Potential(double stoichiometry)
    {
        double x = 1 - StoichiometryScale * (1 - stoichiometry);
        double u = -0.8090 * x + 4.4875
                   - 0.0428 * Math.Tanh(18.5138 * (x - 0.5542))
                   - 17.7326 * Math.Tanh(15.7890 * (x - 0.3117))
                   + 17.5842 * Math.Tanh(15.9308 * (x - 0.3120));
        if (EdgeDrop != 0) u -= EdgeDrop * Math.Exp(-(1.0 - stoichiometry) / EdgeWidth);
        return u;
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
        du *= StoichiometryScale;
        if (EdgeDrop != 0) du -= EdgeDrop / EdgeWidth * Math.Exp(-(1.0 - stoichiometry) / EdgeWidth);
        return du;
    }
}
