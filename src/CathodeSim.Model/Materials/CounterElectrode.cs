namespace CathodeSim.Model.Materials;

/// <summary>An alloy or metal counter electrode with a flat potential plateau (e.g. Li-In).</summary>
/// <param name="Name">Display name.</param>
/// <param name="Potential">Plateau potential vs Li/Li+, V.</param>
/// <param name="ExchangeCurrentDensity">Exchange current density of its interface with the separator electrolyte, A/m^2 of geometric area, at the reference temperature (symmetric Butler-Volmer).</param>
/// <param name="ExchangeCurrentTemperature">Arrhenius law of the exchange current density.</param>
public sealed record CounterElectrode(string Name, double Potential, double ExchangeCurrentDensity, ArrheniusFactor ExchangeCurrentTemperature);
