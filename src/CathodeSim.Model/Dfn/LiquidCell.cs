using CathodeSim.Model.Degradation;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Microstructure;

namespace CathodeSim.Model.Dfn;

/// <summary>
/// A porous cathode | porous separator | lithium-metal coin cell with a liquid electrolyte, for the DFN mode, or, with
/// <see cref="Anode"/> set, a porous anode | separator | porous cathode cell. SI units.
/// Coordinates: x = 0 at the lithium metal (or the negative current collector), then the anode (if any), the separator,
/// the cathode, and x = L at the aluminium current collector.
/// </summary>
/// <param name="Area">Electrode area, m^2.</param>
/// <param name="Active">Cathode active material (OCP vs Li, solid diffusivity, Arrhenius factors).</param>
/// <param name="ActiveMass">Active material mass, kg (defines specific capacities and 1C).</param>
/// <param name="NominalSpecificCapacity">Nominal specific charge that defines 1C, C/kg.</param>
/// <param name="Electrolyte">Liquid electrolyte properties.</param>
/// <param name="InitialConcentration">Initial (uniform) salt concentration, mol/m^3.</param>
/// <param name="SeparatorThickness">Separator thickness, m.</param>
/// <param name="SeparatorPorosity">Separator porosity (electrolyte volume fraction).</param>
/// <param name="SeparatorBruggeman">Bruggeman exponent b of the separator (eps^b).</param>
/// <param name="CathodeThickness">Cathode coating thickness, m.</param>
/// <param name="CathodePorosity">Cathode porosity (electrolyte volume fraction).</param>
/// <param name="ActiveVolumeFraction">Active material volume fraction of the coating.</param>
/// <param name="CathodeBruggeman">Bruggeman exponent b of the cathode.</param>
/// <param name="SolidConductivity">Effective electronic conductivity of the coating (carbon network), S/m.</param>
/// <param name="Particles">Particle radius bins and their volume shares.</param>
/// <param name="InitialStoichiometry">Initial lithium stoichiometry of every particle.</param>
/// <param name="ExchangeCurrent">Cathode exchange current density at x = 1/2, c_e = ReferenceConcentration and the reference temperature, A/m^2.</param>
/// <param name="LithiumExchangeCurrent">Lithium-metal exchange current density at c_e = ReferenceConcentration, A/m^2.</param>
/// <param name="LithiumExchangeTemperature">Arrhenius factor of the lithium-metal exchange current.</param>
/// <param name="ReferenceConcentration">Concentration at which the exchange currents are given, mol/m^3.</param>
public sealed record LiquidCell(
    double Area,
    ActiveMaterial Active,
    double ActiveMass,
    double NominalSpecificCapacity,
    ILiquidElectrolyte Electrolyte,
    double InitialConcentration,
    double SeparatorThickness,
    double SeparatorPorosity,
    double SeparatorBruggeman,
    double CathodeThickness,
    double CathodePorosity,
    double ActiveVolumeFraction,
    double CathodeBruggeman,
    double SolidConductivity,
    SizeBins Particles,
    double InitialStoichiometry,
    double ExchangeCurrent,
    double LithiumExchangeCurrent,
    ArrheniusFactor LithiumExchangeTemperature,
    double ReferenceConcentration = 1000.0)
{
    /// <summary>
    /// The porous negative electrode, or null for the lithium-metal counter electrode (then
    /// <see cref="LithiumExchangeCurrent"/> and <see cref="LithiumExchangeTemperature"/> apply, else they are unused).
    /// </summary>
    public LiquidAnode? Anode { get; init; }

    /// <summary>
    /// Resistance of the cathode-electrolyte interphase (CEI) film on every cathode particle at the start, ohm m^2 of
    /// particle surface (0: a bare surface). It carries the particle's reaction current in series with the charge transfer.
    /// </summary>
    public double CathodeFilmResistance { get; init; }

    /// <summary>
    /// Growth law of the cathode's CEI film with the local electrode potential and time (the solid-state mode's law,
    /// <see cref="InterphaseGrowth"/>, applied per volume and size bin after each accepted time step); null: the film
    /// keeps <see cref="CathodeFilmResistance"/>.
    /// </summary>
    public InterphaseGrowth? Interphase { get; init; }

    /// <summary>1C current, A.</summary>
    public double OneCCurrent => ActiveMass * NominalSpecificCapacity / 3600.0;

    /// <summary>Lithium the particles hold per unit area at stoichiometry 1, C/m^2 (times F).</summary>
    public double TheoreticalCharge => ActiveVolumeFraction * CathodeThickness * Active.MaxConcentration * PhysicalConstants.Faraday;
}
