using CathodeSim.Model.Microstructure.Structures;
using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Analysis.Microstructure;

/// <summary>A built structure with everything computed on it.</summary>
/// <param name="Request">What was asked.</param>
/// <param name="Structure">The voxels with their particle ids.</param>
/// <param name="Packing">How the packing went (null for the Boolean model).</param>
/// <param name="Statistics">Phase fractions, clusters, interfaces, accessibility, geodesic tortuosity.</param>
/// <param name="Ionic">The electrolyte's conductivity solve.</param>
/// <param name="Electronic">The NCM's conductivity solve.</param>
/// <param name="Properties">The numbers the cell model takes.</param>
/// <param name="WallTime">Building, analysing and solving together.</param>
public sealed record MicrostructureResult(
    MicrostructureRequest Request,
    VoxelisedPacking Structure,
    PackingOutcome? Packing,
    StructureStatistics Statistics,
    VoxelConductivityResult Ionic,
    VoxelConductivityResult Electronic,
    MicrostructureProperties Properties,
    TimeSpan WallTime);
