using CathodeSim.Model.Materials;
using CathodeSim.Model.Microstructure;

namespace CathodeSim.Model.Dfn;

/// <summary>
/// A porous intercalation negative electrode (e.g. graphite) for the DFN cell, in place of the lithium-metal counter
/// electrode: it spans x = 0 (the negative current collector) to x = <see cref="Thickness"/>, where the separator begins.
/// SI units. The kinetics have the same form as the cathode's: j = 2 i0 sinh(eta F / 2RT) with
/// i0 = <see cref="ExchangeCurrent"/> 2 sqrt(x (1 - x)) sqrt(c_e / c_ref).
/// </summary>
/// <param name="Active">Active material (OCP vs Li, solid diffusivity and its Arrhenius law; c_max = density / molar mass).</param>
/// <param name="Thickness">Coating thickness, m.</param>
/// <param name="Porosity">Electrolyte volume fraction.</param>
/// <param name="ActiveVolumeFraction">Active material volume fraction of the coating.</param>
/// <param name="Bruggeman">Bruggeman exponent b of the electrolyte paths (eps^b).</param>
/// <param name="SolidConductivity">Effective electronic conductivity of the coating, S/m.</param>
/// <param name="Particles">Particle radius bins and their volume shares.</param>
/// <param name="InitialStoichiometry">Initial lithium stoichiometry of every particle.</param>
/// <param name="ExchangeCurrent">Exchange current density at x = 1/2, c_e = the cell's reference concentration and the reference temperature, A/m^2.</param>
public sealed record LiquidAnode(
    ActiveMaterial Active,
    double Thickness,
    double Porosity,
    double ActiveVolumeFraction,
    double Bruggeman,
    double SolidConductivity,
    SizeBins Particles,
    double InitialStoichiometry,
    double ExchangeCurrent)
{
    /// <summary>Lithium the particles can hold per unit area at stoichiometry 1, C/m^2 (times F).</summary>
    public double TheoreticalCharge => ActiveVolumeFraction * Thickness * Active.MaxConcentration * PhysicalConstants.Faraday;
}
