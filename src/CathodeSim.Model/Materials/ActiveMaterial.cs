namespace CathodeSim.Model.Materials;

/// <summary>A cathode active material (intercalation compound). All values SI; reference values at the Arrhenius reference temperature.</summary>
/// <param name="Name">Display name, e.g. "NCM90".</param>
/// <param name="MolarMass">Molar mass of the lithiated formula unit, kg/mol.</param>
/// <param name="Density">Crystal density, kg/m^3.</param>
/// <param name="OpenCircuitPotential">U(x) vs Li/Li+.</param>
/// <param name="Diffusivity">D(x) at the reference temperature.</param>
/// <param name="DiffusivityTemperature">Arrhenius law of D.</param>
/// <param name="ExchangeCurrentDensity">i0 at x_s = 0.5 and the reference temperature, A/m^2 of contacted surface.</param>
/// <param name="ExchangeCurrentTemperature">Arrhenius law of i0.</param>
/// <param name="ElectronicConductivity">sigma(x) at the reference temperature.</param>
/// <param name="ElectronicConductivityTemperature">Arrhenius law of sigma.</param>
public sealed record ActiveMaterial(
    string Name,
    double MolarMass,
    double Density,
    IOpenCircuitPotential OpenCircuitPotential,
    IDiffusivity Diffusivity,
    ArrheniusFactor DiffusivityTemperature,
    double ExchangeCurrentDensity,
    ArrheniusFactor ExchangeCurrentTemperature,
    IElectronicConductivity ElectronicConductivity,
    ArrheniusFactor ElectronicConductivityTemperature)
{
    /// <summary>Maximum lithium concentration c_max = density / molar mass (one Li per formula unit), mol/m^3.</summary>
    public double MaxConcentration => Density / MolarMass;

    /// <summary>Theoretical specific capacity for one Li per formula unit, C/kg.</summary>
    public double TheoreticalSpecificCharge => PhysicalConstants.Faraday / MolarMass;
}
