namespace CathodeSim.Numerics.Voxels;

/// <summary>Dense Cholesky factor and triangular solves for the small coarsest multigrid level.</summary>
internal static class DenseCholesky
{
    /// <summary>
    /// Lower factor L of the symmetric positive definite row-major n x n <paramref name="a"/>, row-major (MathNet's
    /// factorisation; the substitution below stays here because the GPU back end runs the same one in a kernel).
    /// </summary>
    /// <exception cref="InvalidOperationException">The matrix is not positive definite (a bug in the hierarchy).</exception>
    public static double[] Factor(double[] a, int n)
    {
        // Symmetric, so MathNet's column-major reading of the row-major array is the same matrix.
        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, a);
        MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> cholesky;
        try
        {
            cholesky = matrix.Cholesky();
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"coarsest multigrid operator ({n} x {n}) not positive definite", e);
        }
        var l = cholesky.Factor;
        var factor = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++) factor[i * n + j] = l[i, j];
        return factor;
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
