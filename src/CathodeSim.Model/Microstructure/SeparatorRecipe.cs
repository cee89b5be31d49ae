namespace CathodeSim.Model.Microstructure;

/// <summary>The pressed solid-electrolyte separator pellet.</summary>
/// <param name="Mass">Pellet mass, kg.</param>
/// <param name="RelativeDensity">Pellet density / crystal density after pressing, in (0, 1].</param>
/// <param name="PelletConductivity">Measured ionic conductivity of the pressed pellet (porosity included) at the electrolyte's reference temperature, S/m. Null: the electrolyte's bulk value.</param>
public sealed record SeparatorRecipe(double Mass, double RelativeDensity, double? PelletConductivity = null);
