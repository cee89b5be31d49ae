namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>A packed structure and how the packing went.</summary>
/// <param name="Packing">The final spheres, cut to the box (spheres that do not reach into [0, Lz] are left out).</param>
/// <param name="ParticleCount">Spheres packed in the padded periodic box (more than <paramref name="Packing"/> holds).</param>
/// <param name="RadiusScale">Hard-packing radii over nominal PSD radii, s &lt;= 1 (1: the recipe's volume was reached without overlap).</param>
/// <param name="HardPackingFraction">Summed sphere volume of the hard packing over the padded box volume.</param>
/// <param name="MaxRelativeOverlap">Largest (R_i + R_j - d) / min(R_i, R_j) of the hard packing, measured over all pairs at its final radii.</param>
/// <param name="ActiveInflation">Final NCM radii over hard-packing NCM radii.</param>
/// <param name="ElectrolyteInflation">Final electrolyte radii over hard-packing electrolyte radii.</param>
/// <param name="ActiveVolumeFraction">NCM fraction of the calibration grid after inflation.</param>
/// <param name="ElectrolyteVolumeFraction">Electrolyte fraction of the calibration grid after inflation.</param>
/// <param name="Stages">Working-overlap levels the growth went through (one per jam).</param>
/// <param name="Sweeps">Relaxation sweeps done (the cost).</param>
public sealed record PackingOutcome(
    SpherePacking Packing,
    int ParticleCount,
    double RadiusScale,
    double HardPackingFraction,
    double MaxRelativeOverlap,
    double ActiveInflation,
    double ElectrolyteInflation,
    double ActiveVolumeFraction,
    double ElectrolyteVolumeFraction,
    int Stages,
    int Sweeps);
