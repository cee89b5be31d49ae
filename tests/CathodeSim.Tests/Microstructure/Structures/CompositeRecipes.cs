using CathodeSim.IO.Config;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Microstructure.Structures;

namespace CathodeSim.Tests.Microstructure.Structures;

/// <summary>Structure recipes of the seed-paper composites, from their configs (masses, densities and sizes as the simulator reads them).</summary>
internal static class CompositeRecipes
{
    /// <summary>
    /// B-NCM-65 (NCM90 : Li3InCl6 = 65 : 35 by mass, 15 % voids): the volume fractions and thickness follow from the
    /// masses and crystal densities (4.79 and 2.69 g/cm^3) as in <see cref="CompositeMicrostructure.From"/>; NCM lognormal
    /// D50 2 um, sigma_g 1.6; electrolyte monodisperse at the config's electrolyte_particle_size (3 um).
    /// </summary>
    public static (StructureRecipe Recipe, double Thickness) BNcm65(double inPlaneLength, double? thickness = null, ulong seed = 1)
    {
        var design = ConfigLoader.Load(RepositoryPaths.File("configs", "b-ncm-65.yaml"), []).Setup.Design;
        var structure = CompositeMicrostructure.From(design, 1);
        double electrolyteRadius = design.Cathode.ElectrolyteContacts!.ElectrolyteRadius;
        var recipe = new StructureRecipe(inPlaneLength, thickness ?? structure.CathodeThickness, structure.ActiveVolumeFraction, structure.ElectrolyteVolumeFraction,
            design.Cathode.ParticleSizes, new LognormalSizeDistribution(2 * electrolyteRadius, 1.0), seed);
        return (recipe, structure.CathodeThickness);
    }
}
