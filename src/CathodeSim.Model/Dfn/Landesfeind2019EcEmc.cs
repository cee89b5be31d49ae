namespace CathodeSim.Model.Dfn;

/// <summary>
/// LiPF6 in EC:EMC 3:7 (w:w): the fits of Landesfeind and Gasteiger, J. Electrochem. Soc. 166 (2019) A3079, their
/// Table II coefficients for EC:EMC 3:7 (the same numbers PyBaMM ships as lipf6_EC_EMC_3_7_Landesfeind2019). With
/// c in mol/L and T in K:
/// <list type="bullet">
/// <item>kappa = p1 (1 + (T - p2)) c (1 + p3 sqrt(c) + p4 (1 + p5 e^(1000/T)) c) / (1 + c^4 p6 e^(1000/T)) mS/cm,
/// p = (0.521, 228, -1.06, 0.353, -3.59e-3, 1.48e-3);</item>
/// <item>D = p1 e^(p2 c) e^(p3/T) e^(p4 c/T) 1e-10 m^2/s, p = (1010, 1.01, -1560, -487);</item>
/// <item>TDF and t+ = q1 + q2 c + q3 T + q4 c^2 + q5 c T + q6 T^2 + q7 c^3 + q8 c^2 T + q9 c T^2, TDF q = (25.7, -45.1,
/// -0.177, 1.94, 0.295, 3.08e-4, 0.259, -9.46e-3, -4.54e-4), t+ q = (-12.8, -6.12, 0.0821, 0.904, 0.0318, -1.27e-4,
/// 0.0175, -3.12e-3, -3.96e-5).</item>
/// </list>
/// At 1 M and 25 degC: kappa = 0.913 S/m, D = 2.9e-10 m^2/s, TDF = 2.2, t+ = 0.22. Measured range of the fits:
/// about 0.1-2 mol/kg and -10 to +50 degC (the paper's measurements); outside it the values are extrapolations. The
/// concentration is floored at 1e-6 mol/L inside the square root (kappa -> 0 there anyway).
/// </summary>
public sealed class Landesfeind2019EcEmc : ILiquidElectrolyte
{
    /// <summary>The one instance (the fit has no parameters of its own).</summary>
    public static Landesfeind2019EcEmc Instance { get; } = new();

    private Landesfeind2019EcEmc() { }

    /// <inheritdoc/>
    public string Name => "LiPF6 in EC:EMC 3:7 (Landesfeind & Gasteiger 2019)";

    /// <inheritdoc/>
    public double Conductivity(double concentration, double temperature)
    {
        double c = Math.Max(concentration / 1000.0, 1e-6);
        double e = Math.Exp(1000.0 / temperature);
        double a = 0.521 * (1 + (temperature - 228.0));
        double b = 1 - 1.06 * Math.Sqrt(c) + 0.353 * (1 - 3.59e-3 * e) * c;
        double d = 1 + c * c * c * c * (1.48e-3 * e);
        return a * c * b / d / 10.0; // mS/cm -> S/m
    }

    /// <inheritdoc/>
    public double Diffusivity(double concentration, double temperature)
    {
        double c = concentration / 1000.0;
        return 1010.0 * Math.Exp(1.01 * c) * Math.Exp(-1560.0 / temperature) * Math.Exp(-487.0 * c / temperature) * 1e-10;
    }

    /// <inheritdoc/>
    public double Transference(double concentration, double temperature) =>
        Polynomial(concentration / 1000.0, temperature, -12.8, -6.12, 0.0821, 0.904, 0.0318, -1.27e-4, 0.0175, -3.12e-3, -3.96e-5);

    /// <inheritdoc/>
    public double ThermodynamicFactor(double concentration, double temperature) =>
        Polynomial(concentration / 1000.0, temperature, 25.7, -45.1, -0.177, 1.94, 0.295, 3.08e-4, 0.259, -9.46e-3, -4.54e-4);

    /// <inheritdoc/>
    public double ConductivitySlope(double concentration, double temperature)
    {
        double c = concentration / 1000.0;
        if (!(c > 1e-6)) return 0; // the floor of Conductivity
        double e = Math.Exp(1000.0 / temperature);
        double a = 0.521 * (1 + (temperature - 228.0));
        double sqrt = Math.Sqrt(c), B = 0.353 * (1 - 3.59e-3 * e), G = 1.48e-3 * e;
        double b = 1 - 1.06 * sqrt + B * c, db = -0.53 / sqrt + B;
        double c3 = c * c * c, d = 1 + c3 * c * G, dd = 4 * c3 * G;
        return a * ((b + c * db) / d - c * b * dd / (d * d)) / 10.0 / 1000.0;
    }

    /// <inheritdoc/>
    public double DiffusivitySlope(double concentration, double temperature) =>
        Diffusivity(concentration, temperature) * (1.01 - 487.0 / temperature) / 1000.0;

    /// <inheritdoc/>
    public double TransferenceSlope(double concentration, double temperature) =>
        PolynomialSlope(concentration / 1000.0, temperature, -6.12, 0.904, 0.0318, 0.0175, -3.12e-3, -3.96e-5) / 1000.0;

    /// <inheritdoc/>
    public double ThermodynamicFactorSlope(double concentration, double temperature) =>
        PolynomialSlope(concentration / 1000.0, temperature, -45.1, 1.94, 0.295, 0.259, -9.46e-3, -4.54e-4) / 1000.0;

    /// <summary>d/dc of <see cref="Polynomial"/> (the coefficients of its c terms: q2, q4, q5, q7, q8, q9).</summary>
    private static double PolynomialSlope(double c, double t, double q2, double q4, double q5, double q7, double q8, double q9) =>
        q2 + 2 * q4 * c + q5 * t + 3 * q7 * c * c + 2 * q8 * c * t + q9 * t * t;

    private static double Polynomial(double c, double t, double q1, double q2, double q3, double q4, double q5, double q6, double q7, double q8, double q9) =>
        q1 + q2 * c + q3 * t + q4 * c * c + q5 * c * t + q6 * t * t + q7 * c * c * c + q8 * c * c * t + q9 * c * t * t;
}
