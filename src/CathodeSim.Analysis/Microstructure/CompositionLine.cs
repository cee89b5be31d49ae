using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Microstructure.Structures;

namespace CathodeSim.Analysis.Microstructure;

/// <summary>
/// The compositions a recipe can move along when only its NCM : electrolyte ratio changes (optimize-ratio, sweeps of
/// the mass fraction): NCM and electrolyte share the solids at the recipe's void fraction, the powders stay the same.
/// </summary>
/// <param name="SolidFraction">1 - void fraction.</param>
/// <param name="ActiveSizes">NCM particle-size distribution.</param>
/// <param name="ElectrolyteDiameter">Electrolyte particle diameter (monodisperse), m.</param>
public sealed record CompositionLine(double SolidFraction, ParticleSizeDistribution ActiveSizes, double ElectrolyteDiameter)
{
    /// <summary>The structure recipe at NCM share <paramref name="activeShareOfSolids"/> of the solids in a cube of edge <paramref name="boxEdge"/>.</summary>
    public StructureRecipe RecipeAt(double activeShareOfSolids, double boxEdge, ulong seed) => new(
        boxEdge, boxEdge, SolidFraction * activeShareOfSolids, SolidFraction * (1 - activeShareOfSolids),
        // Monodisperse electrolyte: a lognormal of geometric standard deviation 1 is one size (as CompositeRecipes in the tests).
        ActiveSizes, new LognormalSizeDistribution(ElectrolyteDiameter, 1.0), seed);
}
