using CathodeSim.Numerics.Diffusion;

namespace CathodeSim.Tests.Gpu;

/// <summary>Random strictly diagonally dominant batches and an independent per-system reference for the solver tests.</summary>
internal static class RandomSystems
{
    /// <summary>A batch of M systems of N rows with k right-hand sides, |b| &gt; |a| + |c| by at least 0.5.</summary>
    public static BatchedTridiagonalSystems Create(int systems, int size, int rightHandSides, int seed)
    {
        var random = new Random(seed);
        var batch = new BatchedTridiagonalSystems(systems, size, rightHandSides);
        for (int i = 0; i < systems * size; i++)
        {
            double a = 2 * random.NextDouble() - 1, c = 2 * random.NextDouble() - 1;
            batch.Lower[i] = a;
            batch.Upper[i] = c;
            double margin = 0.5 + 1.5 * random.NextDouble();
            batch.Diagonal[i] = (random.NextDouble() < 0.5 ? -1 : 1) * (Math.Abs(a) + Math.Abs(c) + margin);
            for (int k = 0; k < rightHandSides; k++) batch.Rhs[k][i] = 2 * random.NextDouble() - 1;
        }
        return batch;
    }

    /// <summary>A deep copy (the solvers overwrite their input).</summary>
    public static BatchedTridiagonalSystems Copy(BatchedTridiagonalSystems source)
    {
        var copy = new BatchedTridiagonalSystems(source.SystemCount, source.Size, source.RightHandSides);
        source.Lower.CopyTo(copy.Lower, 0);
        source.Diagonal.CopyTo(copy.Diagonal, 0);
        source.Upper.CopyTo(copy.Upper, 0);
        for (int k = 0; k < source.RightHandSides; k++) source.Rhs[k].CopyTo(copy.Rhs[k], 0);
        return copy;
    }

    /// <summary>Max over systems and right-hand sides of |A x - b|_2 / |b|_2, with A and b from <paramref name="original"/>.</summary>
    public static double RelativeResidual(BatchedTridiagonalSystems original, BatchedTridiagonalSystems solved)
    {
        int m = original.SystemCount, n = original.Size;
        double worst = 0;
        for (int k = 0; k < original.RightHandSides; k++)
        {
            double[] b = original.Rhs[k], x = solved.Rhs[k];
            for (int s = 0; s < m; s++)
            {
                double residual = 0, norm = 0;
                for (int r = 0; r < n; r++)
                {
                    int i = original.Index(r, s);
                    double ax = original.Diagonal[i] * x[i];
                    if (r > 0) ax += original.Lower[i] * x[i - m];
                    if (r < n - 1) ax += original.Upper[i] * x[i + m];
                    residual += (ax - b[i]) * (ax - b[i]);
                    norm += b[i] * b[i];
                }
                worst = Math.Max(worst, Math.Sqrt(residual / norm));
            }
        }
        return worst;
    }

    /// <summary>
    /// Solutions by dense Gaussian elimination with partial pivoting, one system at a time (independent of the
    /// batched layout and of the Thomas algorithm): [k][index].
    /// </summary>
    public static double[][] DenseSolutions(BatchedTridiagonalSystems original)
    {
        int m = original.SystemCount, n = original.Size, nrhs = original.RightHandSides;
        var result = new double[nrhs][];
        for (int k = 0; k < nrhs; k++) result[k] = new double[m * n];
        var matrix = new double[n, n + nrhs];
        for (int s = 0; s < m; s++)
        {
            Array.Clear(matrix);
            for (int r = 0; r < n; r++)
            {
                int i = original.Index(r, s);
                matrix[r, r] = original.Diagonal[i];
                if (r > 0) matrix[r, r - 1] = original.Lower[i];
                if (r < n - 1) matrix[r, r + 1] = original.Upper[i];
                for (int k = 0; k < nrhs; k++) matrix[r, n + k] = original.Rhs[k][i];
            }
            for (int col = 0; col < n; col++)
            {
                int pivot = col;
                for (int r = col + 1; r < n; r++) if (Math.Abs(matrix[r, col]) > Math.Abs(matrix[pivot, col])) pivot = r;
                for (int j = 0; j < n + nrhs; j++) (matrix[col, j], matrix[pivot, j]) = (matrix[pivot, j], matrix[col, j]);
                for (int r = col + 1; r < n; r++)
                {
                    double f = matrix[r, col] / matrix[col, col];
                    for (int j = col; j < n + nrhs; j++) matrix[r, j] -= f * matrix[col, j];
                }
            }
            for (int k = 0; k < nrhs; k++)
            {
                for (int r = n - 1; r >= 0; r--)
                {
                    double sum = matrix[r, n + k];
                    for (int j = r + 1; j < n; j++) sum -= matrix[r, j] * result[k][original.Index(j, s)];
                    result[k][original.Index(r, s)] = sum / matrix[r, r];
                }
            }
        }
        return result;
    }

    /// <summary>Max over systems and right-hand sides of |x - y|_inf / |y|_inf.</summary>
    public static double RelativeDifference(int systems, int size, double[][] x, double[][] y)
    {
        double worst = 0;
        for (int k = 0; k < y.Length; k++)
        {
            for (int s = 0; s < systems; s++)
            {
                double diff = 0, norm = 0;
                for (int r = 0; r < size; r++)
                {
                    int i = r * systems + s;
                    diff = Math.Max(diff, Math.Abs(x[k][i] - y[k][i]));
                    norm = Math.Max(norm, Math.Abs(y[k][i]));
                }
                worst = Math.Max(worst, diff / norm);
            }
        }
        return worst;
    }
}
