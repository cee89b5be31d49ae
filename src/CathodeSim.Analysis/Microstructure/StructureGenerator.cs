namespace CathodeSim.Analysis.Microstructure;

/// <summary>How a 3D composite is built.</summary>
public enum StructureGenerator
{
    /// <summary>Collective rearrangement to pressed-pellet density, then a calibrated inflation with overlap (the default).</summary>
    Packed,
    /// <summary>The Boolean model: independent overlapping spheres (for verification).</summary>
    Boolean,
}
