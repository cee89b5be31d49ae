namespace CathodeSim.Analysis.Impedance;

/// <summary>
/// What a circuit parameter is, physically: it decides its default bounds, the scale its random starts are drawn on, the
/// data scale degenerate values are judged against, and its data-based first guess.
/// </summary>
public enum CircuitParameterRole
{
    /// <summary>A resistance, ohm (R, the R of K, Zarc, G, Gs, Wo, Ws, TLMQ's ionic resistance, T's A and B).</summary>
    Resistance,
    /// <summary>A capacitance, F.</summary>
    Capacitance,
    /// <summary>An inductance, H.</summary>
    Inductance,
    /// <summary>A CPE-like admittance coefficient Q, F s^(alpha-1) (CPE's Q, TLMQ's Qs); the element's exponent goes with it.</summary>
    AdmittanceCoefficient,
    /// <summary>An inductive coefficient with an exponent, H s^(alpha-1) (La's L).</summary>
    InductiveCoefficient,
    /// <summary>The Warburg coefficient sigma, ohm s^-1/2.</summary>
    WarburgCoefficient,
    /// <summary>A time constant, s.</summary>
    TimeConstant,
    /// <summary>An exponent in (0, 1] (CPE alpha, Zarc alpha, La alpha, TLMQ gamma).</summary>
    Exponent,
    /// <summary>A positive dimensionless number (Gs's phi, T's a).</summary>
    Dimensionless,
}
