namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>Volume and connectivity of one phase of a voxel structure (clusters by face contact, periodic in x and y).</summary>
/// <param name="VolumeFraction">Share of the box's voxels in this phase.</param>
/// <param name="ClusterCount">Number of connected clusters of this phase.</param>
/// <param name="CollectorConnectedShare">Share of this phase's volume in clusters with a voxel at the collector face z = 0 (0 when the phase is absent).</param>
/// <param name="SeparatorConnectedShare">Share of this phase's volume in clusters with a voxel at the separator face z = Nz - 1.</param>
/// <param name="SpanningShare">Share of this phase's volume in clusters that touch both faces.</param>
/// <param name="GeodesicTortuosity">
/// Mean shortest in-phase path (6-connected voxel steps, an upper estimate of the Euclidean length) from the phase's own
/// electrode face to the voxels of the far face that it reaches, over the straight thickness (Nz - 1) h; null when the
/// phase does not span. Its own face: the collector for NCM and void, the separator for the electrolyte.
/// </param>
public sealed record PhaseStatistics(
    double VolumeFraction,
    int ClusterCount,
    double CollectorConnectedShare,
    double SeparatorConnectedShare,
    double SpanningShare,
    double? GeodesicTortuosity)
{
    /// <summary>Whether one cluster of this phase reaches from z = 0 to z = Nz - 1.</summary>
    public bool SpansThickness => SpanningShare > 0;
}
