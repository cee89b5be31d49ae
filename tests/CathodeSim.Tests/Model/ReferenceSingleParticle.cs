namespace CathodeSim.Tests.Model;

/// <summary>
/// An independent single-particle calculation used to check the engine's single-particle limit: vertex-centred finite
/// differences in r (not finite volumes), Crank-Nicolson in time with a fixed small step, constant D, and the cell voltage
/// assembled by hand from the OCP, the Butler-Volmer overpotential, the film, the separator and the counter electrode.
/// </summary>
internal sealed class ReferenceSingleParticle(double radius, double diffusivity, int points)
{
    private readonly double _dr = radius / (points - 1);

    /// <summary>
    /// Integrates a constant outward flux j (mol/m^2/s, per total particle surface) in stoichiometry units
    /// (flux / c_max) from a uniform x0 over <paramref name="duration"/>, returning x at the nodes r_i = i dr.
    /// </summary>
    public double[] Run(double x0, double fluxOverCmax, double duration, int steps)
    {
        int n = points;
        var x = Enumerable.Repeat(x0, n).ToArray();
        double dt = duration / steps, d = diffusivity, dr = _dr;
        // Operator L x = D (x'' + 2/r x'); at r = 0, 3 D x''; Neumann at R via a ghost node.
        var lower = new double[n]; var diag = new double[n]; var upper = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (i == 0) { diag[i] = -6 * d / (dr * dr); upper[i] = 6 * d / (dr * dr); continue; }
            double r = i * dr;
            lower[i] = d / (dr * dr) - d / (r * dr);
            diag[i] = -2 * d / (dr * dr);
            upper[i] = d / (dr * dr) + d / (r * dr);
        }
        // Ghost: x_{n} = x_{n-2} - 2 dr * flux/D  (since -D dx/dr = flux at R).
        double ghostCoefficient = upper[n - 1];
        double source = ghostCoefficient * (-2 * dr * fluxOverCmax / d);
        lower[n - 1] += ghostCoefficient;
        upper[n - 1] = 0;
        var rhs = new double[n];
        var a = new double[n]; var b = new double[n]; var c = new double[n];
        for (int s = 0; s < steps; s++)
        {
            for (int i = 0; i < n; i++)
            {
                double lx = diag[i] * x[i] + (i > 0 ? lower[i] * x[i - 1] : 0) + (i < n - 1 ? upper[i] * x[i + 1] : 0) + (i == n - 1 ? source : 0);
                rhs[i] = x[i] + 0.5 * dt * lx + (i == n - 1 ? 0.5 * dt * source : 0);
                a[i] = -0.5 * dt * lower[i]; b[i] = 1 - 0.5 * dt * diag[i]; c[i] = -0.5 * dt * upper[i];
            }
            Thomas(a, b, c, rhs);
            Array.Copy(rhs, x, n);
        }
        return x;
    }

    private static void Thomas(double[] a, double[] b, double[] c, double[] d)
    {
        int n = d.Length;
        for (int i = 1; i < n; i++)
        {
            double w = a[i] / b[i - 1];
            b[i] -= w * c[i - 1];
            d[i] -= w * d[i - 1];
        }
        d[n - 1] /= b[n - 1];
        for (int i = n - 2; i >= 0; i--) d[i] = (d[i] - c[i] * d[i + 1]) / b[i];
    }
}
