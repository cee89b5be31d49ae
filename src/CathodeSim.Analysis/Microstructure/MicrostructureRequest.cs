using CathodeSim.Model.Microstructure.Structures;

namespace CathodeSim.Analysis.Microstructure;

/// <summary>One structure to build and characterise.</summary>
/// <param name="Recipe">Box, phase fractions, particle sizes and seed.</param>
/// <param name="VoxelSize">Edge of a voxel, m.</param>
/// <param name="Generator">Packed (default) or Boolean.</param>
/// <param name="ElectrolyteConductivity">Bulk ionic conductivity of the electrolyte phase, S/m.</param>
/// <param name="ActiveConductivity">Bulk electronic conductivity of the NCM phase, S/m.</param>
public sealed record MicrostructureRequest(
    StructureRecipe Recipe,
    double VoxelSize,
    StructureGenerator Generator,
    double ElectrolyteConductivity,
    double ActiveConductivity);
