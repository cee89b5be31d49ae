namespace CathodeSim.Numerics.Integration;

/// <summary>
/// Variable-step BDF1/BDF2 coefficients and the matching Milne-device error constants. A step solves
/// y_{n+1} = a0 y_n + a1 y_{n-1} + hBeta f(y_{n+1}).
/// </summary>
/// <param name="Order">1 or 2.</param>
/// <param name="A0">Weight of y_n.</param>
/// <param name="A1">Weight of y_{n-1} (0 for BDF1).</param>
/// <param name="HBeta">Effective step h*beta multiplying f(y_{n+1}), s.</param>
/// <param name="ErrorFactor">Local error = ErrorFactor * (y_{n+1} - predictor); NaN when no predictor is available.</param>
public readonly record struct BdfCoefficients(int Order, double A0, double A1, double HBeta, double ErrorFactor)
{
    /// <summary>Coefficients for a step of size <paramref name="h"/> after steps h1 = t_n - t_{n-1} and h2 = t_{n-1} - t_{n-2} (0 where unknown).</summary>
    public static BdfCoefficients For(int order, double h, double h1, double h2)
    {
        if (order == 1)
        {
            // Corrector error constant h^2/2 * y''; linear predictor error -h(h+h1)/2 * y''.
            double err = double.NaN;
            if (h1 > 0)
            {
                double cc = h * h / 2, cp = -h * (h + h1) / 2;
                err = cc / (cc - cp);
            }
            return new BdfCoefficients(1, 1.0, 0.0, h, err);
        }
        double w = h / h1;
        double a0 = (1 + w) * (1 + w) / (1 + 2 * w);
        double a1 = -w * w / (1 + 2 * w);
        double hBeta = h * (1 + w) / (1 + 2 * w);
        double error = double.NaN;
        if (h2 > 0)
        {
            // Exact solution y = (t - t_{n+1})^3/6 inserted into the formula gives the corrector's error constant;
            // the quadratic predictor through t_n, t_{n-1}, t_{n-2} errs by -h(h+h1)(h+h1+h2)/6 * y'''.
            double cc = a0 * (-h * h * h / 6) + a1 * (-Math.Pow(h + h1, 3) / 6);
            double cp = -h * (h + h1) * (h + h1 + h2) / 6;
            error = cc / (cc - cp);
        }
        return new BdfCoefficients(2, a0, a1, hBeta, error);
    }
}
