namespace CathodeSim.Analysis.Microstructure;

/// <summary>
/// What a user may change of the structure a cell design implies (<see cref="MicrostructureSetup.From"/>); null keeps the
/// design's value or the documented default.
/// </summary>
/// <param name="ActiveVolumeFraction">NCM share of the box; the electrolyte then takes the rest but the voids.</param>
/// <param name="VoidFraction">Void share of the box; without <paramref name="ActiveVolumeFraction"/> the solids keep the design's NCM : electrolyte volume ratio.</param>
/// <param name="InPlaneVoxels">Voxels along the in-plane edge (sets the voxel size as edge / N).</param>
/// <param name="BoxEdge">In-plane edge of the box, m.</param>
/// <param name="Seed">Seed of the random structure (default 1).</param>
/// <param name="Generator">Packed (default) or Boolean.</param>
public sealed record MicrostructureOverrides(
    double? ActiveVolumeFraction = null,
    double? VoidFraction = null,
    int? InPlaneVoxels = null,
    double? BoxEdge = null,
    ulong? Seed = null,
    StructureGenerator Generator = StructureGenerator.Packed);
