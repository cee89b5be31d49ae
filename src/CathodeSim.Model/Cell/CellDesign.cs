using CathodeSim.Model.Materials;
using CathodeSim.Model.Degradation;
using CathodeSim.Model.Microstructure;

namespace CathodeSim.Model.Cell;

/// <summary>Everything that defines the physical cell (not how it is operated or discretised). SI units.</summary>
/// <param name="Area">Electrode area, m^2.</param>
/// <param name="Active">Cathode active material.</param>
/// <param name="CathodeElectrolyte">Electrolyte mixed into the cathode composite.</param>
/// <param name="SeparatorElectrolyte">Electrolyte of the separator pellet.</param>
/// <param name="CounterElectrode">Anode (e.g. Li-In).</param>
/// <param name="Cathode">Composite recipe.</param>
/// <param name="Separator">Separator recipe.</param>
/// <param name="FilmResistance">Interphase (CEI) film resistance on the contacted NCM surface, ohm m^2.</param>
/// <param name="JunctionResistance">Contact resistance between separator and cathode electrolytes, ohm m^2 of geometric area.</param>
/// <param name="InitialStoichiometry">Initial x = c/c_max of the NCM, uniform.</param>
/// <param name="NominalSpecificCapacity">Specific capacity that defines 1C, C/kg of active material.</param>
/// <param name="Degradation">Ageing laws (interphase growth, contact loss); null: none.</param>
/// <param name="Thermal">Lumped thermal model; null: the cell is always at the thermostat temperature.</param>
/// <param name="Impedance">Capacitances used only by the impedance response; null: the documented defaults.</param>
public sealed record CellDesign(
    double Area,
    ActiveMaterial Active,
    SolidElectrolyte CathodeElectrolyte,
    SolidElectrolyte SeparatorElectrolyte,
    CounterElectrode CounterElectrode,
    CathodeRecipe Cathode,
    SeparatorRecipe Separator,
    double FilmResistance,
    double JunctionResistance,
    double InitialStoichiometry,
    double NominalSpecificCapacity,
    DegradationModel? Degradation = null,
    Thermal.LumpedThermalModel? Thermal = null,
    Impedance.ImpedanceParameters? Impedance = null)
{
    /// <summary>Active material mass, kg.</summary>
    public double ActiveMass => Cathode.CathodeMass * Cathode.ActiveMassFraction;

    /// <summary>Current of 1C, A.</summary>
    public double OneCCurrent => ActiveMass * NominalSpecificCapacity / 3600.0;
}
