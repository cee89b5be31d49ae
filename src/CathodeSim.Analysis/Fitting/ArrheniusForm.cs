namespace CathodeSim.Analysis.Fitting;

/// <summary>Which Arrhenius law an ionic conductivity fit assumes.</summary>
public enum ArrheniusForm
{
    /// <summary>
    /// sigma T = A exp(-Ea / (R T)) (hopping conduction, Nernst-Einstein): ln(sigma T) is linear in 1/T.
    /// A is in S K/m.
    /// </summary>
    SigmaT,

    /// <summary>
    /// sigma = A exp(-Ea / (R T)), the law of the model's <c>ArrheniusFactor</c>: ln(sigma) is linear in 1/T. A is in S/m.
    /// </summary>
    Plain,
}

/// <summary>One conductivity measurement.</summary>
/// <param name="Temperature">Temperature, K (&gt; 0).</param>
/// <param name="Conductivity">Ionic conductivity, S/m (&gt; 0).</param>
/// <param name="StandardUncertainty">
/// Standard uncertainty of <paramref name="Conductivity"/>, S/m, or null. When every measurement of a fit has one, the fit is
/// weighted by (sigma / u)^2, the inverse variance of ln(sigma); the weights are relative (the standard errors are scaled by the
/// scatter of the residuals, as in the unweighted fit).
/// </param>
public sealed record ConductivityMeasurement(double Temperature, double Conductivity, double? StandardUncertainty = null);
