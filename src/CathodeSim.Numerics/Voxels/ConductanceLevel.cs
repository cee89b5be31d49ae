namespace CathodeSim.Numerics.Voxels;

/// <summary>
/// One level of a voxel conductance network: the unknowns (cells of a structured Nx x Ny x Nz grid that take part), each
/// with six faces (-x, +x, -y, +y, -z, +z) holding the neighbouring unknown and the face conductance, and a diagonal
/// that also carries the conductance to the Dirichlet faces. The operator is (A u)_i = d_i u_i - sum_f g_if u_nb(i,f),
/// a symmetric M-matrix. A face without a neighbour points at its own unknown with conductance 0, so the matvec needs no
/// branch and no sentinel entry.
/// </summary>
/// <remarks>
/// Unknowns are numbered in ascending structured index (x fastest), so neighbours along x are adjacent in memory and the
/// gathers stay mostly in cache. Links to the next coarser level (<see cref="Parent"/>) and from the next finer level
/// (<see cref="ChildStart"/>, <see cref="Children"/>) are set by <see cref="AggregationHierarchy"/>.
/// </remarks>
internal sealed class ConductanceLevel
{
    /// <summary>Faces per unknown, in the order -x, +x, -y, +y, -z, +z.</summary>
    public const int Faces = 6;

    public ConductanceLevel(int nx, int ny, int nz, int[] cell)
    {
        Nx = nx;
        Ny = ny;
        Nz = nz;
        Cell = cell;
        Count = cell.Length;
        Neighbour = new int[Faces * Count];
        Conductance = new float[Faces * Count];
        Diagonal = new double[Count];
        InverseDiagonal = new double[Count];
    }

    public int Nx { get; }
    public int Ny { get; }
    public int Nz { get; }

    /// <summary>Unknowns on this level.</summary>
    public int Count { get; }

    /// <summary>Structured index x + Nx (y + Ny z) of each unknown, ascending.</summary>
    public int[] Cell { get; }

    /// <summary>Neighbouring unknown across face f of unknown i at [6 i + f] (i itself where there is none).</summary>
    public int[] Neighbour { get; }

    /// <summary>
    /// Conductance of face f of unknown i at [6 i + f], S m (current per volt); 0 where there is no neighbour. Stored in
    /// single precision because the matvec is bound by memory traffic and these are its largest array; the diagonal is
    /// summed from the stored (rounded) values in double, so every row still sums exactly to its Dirichlet coupling and
    /// current is conserved to round-off. The rounding perturbs the conductances by at most 6e-8 relative.
    /// </summary>
    public float[] Conductance { get; }

    /// <summary>Sum of the unknown's face conductances plus its conductance to Dirichlet faces.</summary>
    public double[] Diagonal { get; }

    /// <summary>1 / <see cref="Diagonal"/> (the Jacobi smoother's weight).</summary>
    public double[] InverseDiagonal { get; }

    /// <summary>The unknown on the next coarser level whose aggregate holds each unknown; null on the coarsest level.</summary>
    public int[]? Parent { get; set; }

    /// <summary>Start of each unknown's children (on the next finer level) in <see cref="Children"/>, Count + 1 entries; null on the finest.</summary>
    public int[]? ChildStart { get; set; }

    /// <summary>Unknowns of the next finer level aggregated into each unknown, in ascending order; null on the finest.</summary>
    public int[]? Children { get; set; }

    /// <summary>Fills <see cref="InverseDiagonal"/> from <see cref="Diagonal"/>.</summary>
    public void InvertDiagonal()
    {
        for (int i = 0; i < Count; i++) InverseDiagonal[i] = 1.0 / Diagonal[i];
    }

    /// <summary>Bytes the level's arrays hold.</summary>
    public long Bytes =>
        4L * Cell.Length + 4L * Neighbour.Length + 4L * Conductance.Length + 16L * Count
        + 4L * (Parent?.Length ?? 0) + 4L * (ChildStart?.Length ?? 0) + 4L * (Children?.Length ?? 0);
}
