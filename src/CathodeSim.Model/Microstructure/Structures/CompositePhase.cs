namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>
/// The phase label of a voxel of a composite cathode, as stored in a <see cref="CathodeSim.Numerics.Voxels.VoxelGrid"/>.
/// </summary>
public enum CompositePhase : byte
{
    /// <summary>Pore space: conducts neither ions nor electrons.</summary>
    Void = 0,

    /// <summary>Active material (NCM): conducts electrons and stores lithium.</summary>
    Active = 1,

    /// <summary>Solid electrolyte: conducts ions.</summary>
    Electrolyte = 2,
}
