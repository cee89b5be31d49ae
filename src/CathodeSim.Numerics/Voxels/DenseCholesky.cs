namespace CathodeSim.Numerics.Voxels;

/// <summary>Dense Cholesky factorisation and solve for the small coarsest multigrid level.</summary>
internal static class DenseCholesky
{
    /// <summary>Lower factor L of the symmetric positive definite row-major n x n <paramref name="a"/> (overwritten and returned).</summary>
    /// <exception cref="InvalidOperationException">The matrix is not positive definite (a bug in the hierarchy).</exception>
    public static double[] Factor(double[] a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
            if (!(d > 0)) throw new InvalidOperationException($"coarsest multigrid operator not positive definite at row {j} of {n}");
            double l = Math.Sqrt(d);
            a[j * n + j] = l;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = s / l;
            }
            for (int i = 0; i < j; i++) a[i * n + j] = 0;
        }
        return a;
    }

    /// <summary>Solves L L^T x = b in place of <paramref name="x"/>, which holds b on entry.</summary>
    public static void Solve(ReadOnlySpan<double> factor, int n, Span<double> x)
    {
        for (int i = 0; i < n; i++)
        {
            double s = x[i];
            for (int k = 0; k < i; k++) s -= factor[i * n + k] * x[k];
            x[i] = s / factor[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = x[i];
            for (int k = i + 1; k < n; k++) s -= factor[k * n + i] * x[k];
            x[i] = s / factor[i * n + i];
        }
    }
}
