using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>A voxelised <see cref="SpherePacking"/>: the phase grid and, for every voxel, the particle it belongs to.</summary>
/// <param name="Grid">Phase labels (<see cref="CompositePhase"/> as bytes).</param>
/// <param name="ParticleIds">Index into <see cref="SpherePacking.Spheres"/> per voxel, -1 for void; same order as the grid.</param>
public sealed record VoxelisedPacking(VoxelGrid Grid, int[] ParticleIds);
