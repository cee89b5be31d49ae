using ILGPU;

namespace CathodeSim.Gpu;

/// <summary>
/// The ILGPU kernels of <see cref="IlgpuVoxelConductivitySolver"/>: one thread per unknown, the same per-element
/// arithmetic in the same order as the C# back end's <c>CpuConductanceKernels</c>, so that the two differ only in how
/// dot products are summed.
/// </summary>
internal static class VoxelTransportKernels
{
    private static double Apply(in VoxelLevelArrays level, ArrayView<double> x, int i)
    {
        int o = 6 * i;
        var nb = level.Neighbour;
        var g = level.Conductance;
        return level.Diagonal[i] * x[i]
            - g[o] * x[nb[o]]
            - g[o + 1] * x[nb[o + 1]]
            - g[o + 2] * x[nb[o + 2]]
            - g[o + 3] * x[nb[o + 3]]
            - g[o + 4] * x[nb[o + 4]]
            - g[o + 5] * x[nb[o + 5]];
    }

    /// <summary>y = A x and product[i] = x_i y_i (summed afterwards for x . A x).</summary>
    public static void ApplyAndProduct(Index1D index, VoxelLevelArrays level, ArrayView<double> x, ArrayView<double> y, ArrayView<double> product)
    {
        int i = index.X;
        double ax = Apply(level, x, i);
        y[i] = ax;
        product[i] = x[i] * ax;
    }

    /// <summary>T = b - A X on the level (b given separately so that the finest level can use the PCG right-hand side).</summary>
    public static void Residual(Index1D index, VoxelLevelArrays level, ArrayView<double> b, ArrayView<double> x, ArrayView<double> t)
    {
        int i = index.X;
        t[i] = b[i] - Apply(level, x, i);
    }

    /// <summary>Coarse B_k = sum over the children i of k of (B - A X)_i on the fine level.</summary>
    public static void RestrictResidual(Index1D index, VoxelLevelArrays fine, ArrayView<int> childStart, ArrayView<int> children, ArrayView<double> coarseB)
    {
        int k = index.X;
        double sum = 0;
        for (int c = childStart[k]; c < childStart[k + 1]; c++)
        {
            int i = children[c];
            sum += fine.B[i] - Apply(fine, fine.X, i);
        }
        coarseB[k] = sum;
    }

    /// <summary>X = w D^-1 B: a damped Jacobi sweep from zero.</summary>
    public static void SmoothFromZero(Index1D index, VoxelLevelArrays level, double weight)
    {
        int i = index.X;
        level.X[i] = weight * level.InverseDiagonal[i] * level.B[i];
    }

    /// <summary>X += w D^-1 T: a damped Jacobi sweep given the residual T.</summary>
    public static void JacobiUpdate(Index1D index, VoxelLevelArrays level, double weight)
    {
        int i = index.X;
        level.X[i] += weight * level.InverseDiagonal[i] * level.T[i];
    }

    /// <summary>X += P Xc: each unknown takes its aggregate's coarse correction.</summary>
    public static void Prolong(Index1D index, ArrayView<int> parent, ArrayView<double> coarseX, ArrayView<double> x)
    {
        int i = index.X;
        x[i] += coarseX[parent[i]];
    }

    /// <summary>The coarsest level's exact solve by its dense Cholesky factor: one thread, forward then back substitution.</summary>
    public static void CoarsestSolve(Index1D index, ArrayView<double> factor, VoxelLevelArrays level, int n)
    {
        for (int i = 0; i < n; i++)
        {
            double s = level.B[i];
            for (int k = 0; k < i; k++) s -= factor[i * n + k] * level.X[k];
            level.X[i] = s / factor[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = level.X[i];
            for (int k = i + 1; k < n; k++) s -= factor[k * n + i] * level.X[k];
            level.X[i] = s / factor[i * n + i];
        }
    }

    /// <summary>x += alpha p, r -= alpha q, product[i] = r_i^2 (summed afterwards for the residual norm).</summary>
    public static void UpdateSolutionAndResidual(Index1D index, double alpha, ArrayView<double> x, ArrayView<double> p, ArrayView<double> r,
        ArrayView<double> q, ArrayView<double> product)
    {
        int i = index.X;
        x[i] += alpha * p[i];
        double ri = r[i] - alpha * q[i];
        r[i] = ri;
        product[i] = ri * ri;
    }

    /// <summary>product[i] = a_i b_i.</summary>
    public static void Product(Index1D index, ArrayView<double> a, ArrayView<double> b, ArrayView<double> product)
    {
        int i = index.X;
        product[i] = a[i] * b[i];
    }

    /// <summary>p = z + beta p: the next search direction.</summary>
    public static void Direction(Index1D index, double beta, ArrayView<double> z, ArrayView<double> p)
    {
        int i = index.X;
        p[i] = z[i] + beta * p[i];
    }
}
