using CathodeSim.Model.Microstructure;

namespace CathodeSim.Analysis.Microstructure;

/// <summary>
/// Bounds on the work and memory a 3D structure may ask for (<c>cathodesim microstructure</c>, <c>law: microstructure</c>,
/// <c>optimize-ratio --transport microstructure</c>), checked before anything is generated. Each sits far above the
/// shipped defaults and far below what would exhaust a workstation's memory or run for days; they are constants of
/// CathodeSim, so going beyond one means changing it here (and having the memory).
/// </summary>
public static class MicrostructureLimits
{
    /// <summary>
    /// Most voxels of one structure: 512^3 = 134,217,728. The analysis and the conductivity solve hold about 130 bytes per
    /// voxel (the phase byte; cluster labels, particle ids, distances and a queue as ints, 16 bytes; six face
    /// conductances as floats and six neighbour indices as ints, 48 bytes; the diagonal and its inverse, the solution,
    /// the right-hand side and four conjugate-gradient vectors as doubles, 64 bytes; the multigrid's coarser levels a
    /// seventh more), so 512^3 needs about 17 GB, what a 32 GB workstation can give; the solvers also index faces
    /// (6 per voxel) with 32-bit integers, which overflow above 357 million voxels. The default B-NCM structure has about
    /// 2.3 million voxels (160 x 160 x 88), the default of law: microstructure 110,592 (48^3).
    /// </summary>
    public const long MaxVoxels = 512L * 512 * 512;

    /// <summary>
    /// Most particles (NCM and electrolyte) one structure may hold, as estimated from the box volume, the volume fractions
    /// and the size classes: 1,000,000. The default B-NCM box (40 x 40 x 22 um) holds roughly 15,000; the packing moves every
    /// particle on every one of its rearrangement sweeps, so its time grows with the count, and a nanometre d50 in a
    /// millimetre box would ask for 10^18 particles (arrays of exabytes) before the voxel limit is even reached.
    /// </summary>
    public const double MaxParticles = 1_000_000;

    /// <summary>
    /// Most random realisations per composition of <c>law: microstructure</c> (<c>seeds</c>): 100. The default is 3; each
    /// seed is a full structure build and two conductivity solves per composition point.
    /// </summary>
    public const int MaxSeeds = 100;

    /// <summary>
    /// Most composition points of <c>law: microstructure</c> (<c>composition_points</c>): 100. The default is 9, spaced
    /// 0.0625 of the solids, finer than the percolation width of 0.11; 100 points are 0.005 apart.
    /// </summary>
    public const int MaxCompositionPoints = 100;

    /// <summary>
    /// Expected number of particles of a powder of <paramref name="sizes"/> (discretised into <paramref name="classes"/>
    /// classes, as the generators do) filling <paramref name="volume"/> m^3 of solid: volume x sum_k v_k / (4/3 pi R_k^3).
    /// </summary>
    public static double ParticleCount(ParticleSizeDistribution sizes, int classes, double volume)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var bins = sizes.Discretise(classes);
        double total = bins.VolumeShares.Sum(), perVolume = 0;
        for (int k = 0; k < bins.Radii.Length; k++)
            perVolume += bins.VolumeShares[k] / total / (4.0 / 3.0 * Math.PI * Math.Pow(bins.Radii[k], 3));
        return volume * perVolume;
    }
}
