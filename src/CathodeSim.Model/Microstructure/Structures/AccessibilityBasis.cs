namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>What a structure's accessible NCM fraction was counted over.</summary>
public enum AccessibilityBasis
{
    /// <summary>
    /// Per particle (particle ids given): a particle counts when one of its voxels lies in a collector-connected NCM
    /// cluster and one of its voxels shares a face with separator-connected electrolyte. This is the physical one: the
    /// particle gets electrons through the NCM network and ions through its own electrolyte contact.
    /// </summary>
    Particle,

    /// <summary>
    /// Per NCM voxel cluster (no particle ids): a whole collector-connected cluster counts when any of its voxels touches
    /// separator-connected electrolyte. An upper bound of the per-particle value, since one contact admits the cluster.
    /// </summary>
    VoxelCluster,
}
