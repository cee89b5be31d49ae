namespace CathodeSim.Numerics.Voxels;

/// <summary>
/// The multigrid preconditioner's knobs, shared by every back end so that they run the same preconditioner.
/// The defaults were chosen by measuring iterations and time on random overlapping-sphere structures (docs/voxel-transport.md).
/// </summary>
/// <param name="SmoothingWeight">Damping of the Jacobi smoother, in (0, 1]; below 1 keeps the V-cycle positive definite.</param>
/// <param name="Sweeps">Jacobi sweeps before and after each coarse correction (the same number, so the cycle is symmetric).</param>
/// <param name="CoarseVisits">Cycles on the next coarser level per visit of a level: 1 a V-cycle, 2 a W-cycle.</param>
internal sealed record MultigridSettings(double SmoothingWeight = 0.8, int Sweeps = 1, int CoarseVisits = 2)
{
    public static MultigridSettings Default { get; } = new();
}
