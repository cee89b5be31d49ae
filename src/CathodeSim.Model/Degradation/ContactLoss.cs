namespace CathodeSim.Model.Degradation;

/// <summary>
/// Loss of NCM/electrolyte contact from the NCM's volume change. The particle shrinks on delithiation, with a
/// volume strain eps(x) = MaxStrain / (1 + exp((x - StrainMidpoint)/StrainWidth)) (the H2-H3 collapse of Ni-rich
/// NCM at deep charge, about 5 %, Kondrakov et al. 2017). Contact has two parts:
/// <list type="bullet">
/// <item>reversible: gaps that close again on lithiation, theta_rev = 1 - ReversibleFraction * eps / MaxStrain;</item>
/// <item>irreversible: each increase of strain detaches for good a share of the particles (their gaps never close), the
/// connected share falling as A &lt;- A * exp(-gamma * d(eps)/MaxStrain), with
/// gamma = IrreversibleRate * s(eps_se) * (R_k / ReferenceRadius) / Compliance and
/// s(eps_se) = 1 / (1 + exp((eps_se - CushionFraction)/CushionWidth)): enough (and soft) electrolyte accommodates the
/// strain, larger particles open larger gaps.</item>
/// </list>
/// Connected particles carry the contacted fraction theta = theta_0 * theta_rev; detached particles stop cycling and
/// keep their lithium (lost active material), so capacity fades in proportion to the detached share.
/// </summary>
/// <param name="MaxStrain">Volume strain at full delithiation.</param>
/// <param name="StrainMidpoint">x at half the strain.</param>
/// <param name="StrainWidth">Width of the strain step in x.</param>
/// <param name="ReversibleFraction">Share of contact lost reversibly at MaxStrain.</param>
/// <param name="IrreversibleRate">gamma (share detached, per full strain cycle, as a rate) at s = 1, R = ReferenceRadius, compliance 1.</param>
/// <param name="CushionFraction">Electrolyte volume fraction at which s = 1/2.</param>
/// <param name="CushionWidth">Width of that transition.</param>
/// <param name="ReferenceRadius">Particle radius at which gamma applies as given, m.</param>
/// <param name="Compliance">Electrolyte compliance relative to Li3InCl6 (softer: larger, less loss).</param>
public sealed record ContactLoss(double MaxStrain, double StrainMidpoint, double StrainWidth, double ReversibleFraction,
    double IrreversibleRate, double CushionFraction, double CushionWidth, double ReferenceRadius, double Compliance)
{
    /// <summary>Volume strain at stoichiometry <paramref name="x"/>.</summary>
    public double Strain(double x) => MaxStrain / (1 + Math.Exp((x - StrainMidpoint) / StrainWidth));

    /// <summary>Reversible contact factor at stoichiometry <paramref name="x"/>.</summary>
    public double ReversibleFactor(double x) => 1 - ReversibleFraction * Strain(x) / MaxStrain;

    /// <summary>gamma for a particle of radius <paramref name="radius"/> in a composite with electrolyte fraction <paramref name="electrolyteFraction"/>.</summary>
    public double IrreversibleCoefficient(double radius, double electrolyteFraction) =>
        IrreversibleRate / (1 + Math.Exp((electrolyteFraction - CushionFraction) / CushionWidth)) * (radius / ReferenceRadius) / Compliance;
}
