namespace CathodeSim.Numerics.LinearAlgebra;

/// <summary>
/// Direct solver for block-tridiagonal systems with 2x2 blocks (two coupled potentials per node along the electrode),
/// by block Thomas elimination. Storage is preallocated; each block is row-major [b00, b01, b10, b11].
/// </summary>
public sealed class BlockTridiagonal2Solver
{
    private readonly double[] _work;

    /// <summary>Allocates storage for <paramref name="nodes"/> block rows.</summary>
    public BlockTridiagonal2Solver(int nodes)
    {
        Nodes = nodes;
        Lower = new double[4 * nodes];
        Diagonal = new double[4 * nodes];
        Upper = new double[4 * nodes];
        _work = new double[4 * nodes];
    }

    /// <summary>Number of block rows.</summary>
    public int Nodes { get; }

    /// <summary>Sub-diagonal blocks (block j couples node j to node j-1).</summary>
    public double[] Lower { get; }

    /// <summary>Diagonal blocks.</summary>
    public double[] Diagonal { get; }

    /// <summary>Super-diagonal blocks (block j couples node j to node j+1).</summary>
    public double[] Upper { get; }

    /// <summary>Zeroes every block.</summary>
    public void Clear()
    {
        Array.Clear(Lower);
        Array.Clear(Diagonal);
        Array.Clear(Upper);
    }

    /// <summary>
    /// Factorises the matrix (destroying Diagonal) and solves for <paramref name="rhs"/> in place
    /// (2 entries per node). Further right-hand sides can be solved with <see cref="SolveFactored"/>.
    /// </summary>
    public void FactorAndSolve(Span<double> rhs)
    {
        int n = Nodes;
        double[] l = Lower, d = Diagonal, u = Upper, g = _work;
        // g_j = D_j^-1 U_j where D_j is the eliminated diagonal block.
        for (int j = 0; j < n; j++)
        {
            int o = 4 * j;
            if (j > 0)
            {
                // D_j -= L_j g_{j-1}
                int p = o - 4;
                double l00 = l[o], l01 = l[o + 1], l10 = l[o + 2], l11 = l[o + 3];
                d[o] -= l00 * g[p] + l01 * g[p + 2];
                d[o + 1] -= l00 * g[p + 1] + l01 * g[p + 3];
                d[o + 2] -= l10 * g[p] + l11 * g[p + 2];
                d[o + 3] -= l10 * g[p + 1] + l11 * g[p + 3];
            }
            double det = d[o] * d[o + 3] - d[o + 1] * d[o + 2];
            if (det == 0 || !double.IsFinite(det)) throw new ArithmeticException($"singular block at node {j}");
            double invDet = 1.0 / det;
            // Store the inverse of the eliminated diagonal block in place.
            double i00 = d[o + 3] * invDet, i01 = -d[o + 1] * invDet, i10 = -d[o + 2] * invDet, i11 = d[o] * invDet;
            d[o] = i00; d[o + 1] = i01; d[o + 2] = i10; d[o + 3] = i11;
            if (j < n - 1)
            {
                g[o] = i00 * u[o] + i01 * u[o + 2];
                g[o + 1] = i00 * u[o + 1] + i01 * u[o + 3];
                g[o + 2] = i10 * u[o] + i11 * u[o + 2];
                g[o + 3] = i10 * u[o + 1] + i11 * u[o + 3];
            }
        }
        SolveFactored(rhs);
    }

    /// <summary>Solves with the factorisation from the last <see cref="FactorAndSolve"/>.</summary>
    public void SolveFactored(Span<double> rhs)
    {
        int n = Nodes;
        double[] l = Lower, d = Diagonal, g = _work;
        for (int j = 0; j < n; j++)
        {
            int o = 4 * j, r = 2 * j;
            double r0 = rhs[r], r1 = rhs[r + 1];
            if (j > 0)
            {
                r0 -= l[o] * rhs[r - 2] + l[o + 1] * rhs[r - 1];
                r1 -= l[o + 2] * rhs[r - 2] + l[o + 3] * rhs[r - 1];
            }
            rhs[r] = d[o] * r0 + d[o + 1] * r1;
            rhs[r + 1] = d[o + 2] * r0 + d[o + 3] * r1;
        }
        for (int j = n - 2; j >= 0; j--)
        {
            int o = 4 * j, r = 2 * j;
            rhs[r] -= g[o] * rhs[r + 2] + g[o + 1] * rhs[r + 3];
            rhs[r + 1] -= g[o + 2] * rhs[r + 2] + g[o + 3] * rhs[r + 3];
        }
    }
}
