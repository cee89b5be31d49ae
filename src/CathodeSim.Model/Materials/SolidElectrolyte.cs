namespace CathodeSim.Model.Materials;

/// <summary>A single-ion-conducting solid electrolyte.</summary>
/// <param name="Name">Display name, e.g. "Li3InCl6".</param>
/// <param name="Density">Crystal density, kg/m^3.</param>
/// <param name="IonicConductivity">Bulk ionic conductivity at the reference temperature, S/m.</param>
/// <param name="IonicConductivityTemperature">Arrhenius law of the conductivity.</param>
public sealed record SolidElectrolyte(string Name, double Density, double IonicConductivity, ArrheniusFactor IonicConductivityTemperature);
