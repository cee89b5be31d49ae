namespace CathodeSim.Tests.Model;

/// <summary>
/// Analytical solution for a sphere of radius R, uniform initial x0, constant outward flux N (in stoichiometry units,
/// N = j / c_max) (Crank, The Mathematics of Diffusion, 2nd ed., eq. 6.43 with the sign of an outward flux):
/// x(r,t) = x0 - (N R / D) [3 D t / R^2 + r^2/(2R^2) - 3/10 - (2R/r) sum_n sin(a_n r/R) / (a_n^2 sin a_n) exp(-D a_n^2 t / R^2)],
/// with a_n the positive roots of a cot a = 1.
/// </summary>
internal static class SphericalDiffusionSolution
{
    public static double Stoichiometry(double r, double t, double radius, double diffusivity, double x0, double flux, int terms = 200)
    {
        double rho = Math.Max(r / radius, 1e-12), tau = diffusivity * t / (radius * radius);
        double sum = 0;
        for (int n = 1; n <= terms; n++)
        {
            double a = Root(n);
            sum += Math.Sin(a * rho) / (a * a * Math.Sin(a)) * Math.Exp(-a * a * tau);
        }
        return x0 - flux * radius / diffusivity * (3 * tau + rho * rho / 2 - 0.3 - 2 / rho * sum);
    }

    /// <summary>n-th positive root of tan a = a, in (n pi, n pi + pi/2).</summary>
    public static double Root(int n)
    {
        double lo = n * Math.PI + 1e-12, hi = n * Math.PI + Math.PI / 2 - 1e-12;
        for (int i = 0; i < 200; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Math.Tan(mid) - mid > 0) hi = mid; else lo = mid;
        }
        return 0.5 * (lo + hi);
    }
}
