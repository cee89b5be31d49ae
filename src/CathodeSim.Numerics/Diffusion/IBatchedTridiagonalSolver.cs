namespace CathodeSim.Numerics.Diffusion;

/// <summary>
/// Solves many independent tridiagonal systems of one size at once (the particle diffusion solves of every particle of
/// every case). Data are structure-of-arrays with the system index fastest: entry (row r, system s) lives at
/// <c>r * SystemCount + s</c>, so that a GPU thread per system reads coalesced memory and a CPU loop over systems vectorises.
/// </summary>
public interface IBatchedTridiagonalSolver
{
    /// <summary>Short name of the back end, for reports ("cpu", "ilgpu-cuda", ...).</summary>
    string Name { get; }

    /// <summary>
    /// Solves A_s x = b_s for every system s and every right-hand side, overwriting the right-hand sides with the solutions.
    /// The matrix arrays are overwritten with factorisation scratch. No pivoting: the systems must be diagonally dominant
    /// (true for implicit diffusion steps).
    /// </summary>
    void Solve(BatchedTridiagonalSystems systems);
}
