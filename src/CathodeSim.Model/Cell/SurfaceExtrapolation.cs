namespace CathodeSim.Model.Cell;

/// <summary>
/// A particle's surface stoichiometry from its outermost shell and its interfacial current: steady diffusion across the
/// outer half shell, -D(x) dx/dr = theta i / (F c_max), integrated with D varying over the layer (Kirchhoff transform),
/// int_{x_s}^{x_last} D dx = gamma i. With D taken at the shell instead, a particle whose D falls by orders of magnitude
/// towards full lithiation (Ni-rich NCM) would need a surface far beyond [0, 1] to pass any current out of its nearly full
/// outer shell, and a pristine cell could not start; with the integral the surface drops only as far as the physics asks.
/// </summary>
internal static class SurfaceExtrapolation
{
    /// <summary>The (raw, unbounded) surface stoichiometry and its derivatives by the outermost shell's value and by the current.</summary>
    /// <param name="diffusivity">D(x) at the run temperature.</param>
    /// <param name="outermost">Stoichiometry of the outermost shell.</param>
    /// <param name="gamma">Half-shell thickness times theta / (F c_max) for this particle, m^3/C (the drop per unit current).</param>
    /// <param name="current">Interfacial current density, A/m^2, positive for delithiation.</param>
    /// <param name="byOutermost">d x_s / d x_last.</param>
    /// <param name="byCurrent">d x_s / d i.</param>
    public static double Surface(DiffusivityLookup diffusivity, double outermost, double gamma, double current, out double byOutermost, out double byCurrent) =>
        Surface(diffusivity, outermost, gamma, current, outermost, out byOutermost, out byCurrent);

    /// <summary>As above, with the table search for the surface started at <paramref name="near"/> (same result, bit for bit; see <see cref="DiffusivityLookup.Below(double, double, double)"/>).</summary>
    public static double Surface(DiffusivityLookup diffusivity, double outermost, double gamma, double current, double near, out double byOutermost, out double byCurrent)
    {
        double surface = diffusivity.Below(outermost, gamma * current, near);
        double atSurface = diffusivity.Evaluate(surface, out _);
        byOutermost = diffusivity.Evaluate(outermost, out _) / atSurface;
        byCurrent = -gamma / atSurface;
        return surface;
    }
}
