namespace CathodeSim.Numerics.Voxels;

/// <summary>One progress report of a voxel transport solve, sent after every iteration.</summary>
/// <param name="Iteration">Iterations done so far.</param>
/// <param name="RelativeResidual">Current residual 2-norm over that of the right-hand side.</param>
public readonly record struct VoxelSolveProgress(int Iteration, double RelativeResidual);
