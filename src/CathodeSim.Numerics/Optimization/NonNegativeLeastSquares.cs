using MathNet.Numerics.LinearAlgebra;

namespace CathodeSim.Numerics.Optimization;

/// <summary>
/// Non-negative least squares, min ||A x - b||^2 subject to x_j &gt;= 0 (except for columns marked free), by the
/// Lawson-Hanson active-set method (Lawson and Hanson, Solving Least Squares Problems, 1974, ch. 23) in its normal-equation
/// form (Bro and de Jong, J. Chemometrics 11 (1997) 393): the problem is given by the Gram matrix Q = A^T A (plus any
/// positive semi-definite penalty, e.g. lambda L^T L) and c = A^T b, so that one factorisation of Q serves many solves
/// and each sub-problem is a small Cholesky solve on the passive set.
/// </summary>
public static class NonNegativeLeastSquares
{
    /// <summary>Solves min ||A x - b||^2, x &gt;= 0 where not <paramref name="free"/>.</summary>
    /// <param name="a">A, rows &gt;= 1, columns &gt;= 1.</param>
    /// <param name="b">b, one entry per row of A.</param>
    /// <param name="free">Optional per column: true for an unconstrained variable.</param>
    public static NnlsSolution Solve(Matrix<double> a, Vector<double> b, IReadOnlyList<bool>? free = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.RowCount != b.Count) throw new ArgumentException($"A has {a.RowCount} rows but b has {b.Count} entries");
        return SolveNormal(a.TransposeThisAndMultiply(a), a.TransposeThisAndMultiply(b), free);
    }

    /// <summary>
    /// Solves min x^T Q x / 2 - c^T x, x &gt;= 0 where not <paramref name="free"/>, for a symmetric positive
    /// (semi-)definite <paramref name="q"/>: the NNLS problem in normal-equation form (Q = A^T A, c = A^T b).
    /// </summary>
    /// <param name="q">Q, symmetric positive semi-definite, n x n.</param>
    /// <param name="c">c, n entries.</param>
    /// <param name="free">Optional per variable: true for an unconstrained variable (always passive).</param>
    /// <param name="tolerance">Relative tolerance on the dual (gradient) for optimality; default 1e-10 of max |c|.</param>
    public static NnlsSolution SolveNormal(Matrix<double> q, Vector<double> c, IReadOnlyList<bool>? free = null, double tolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(c);
        int n = c.Count;
        if (q.RowCount != n || q.ColumnCount != n) throw new ArgumentException($"Q is {q.RowCount} x {q.ColumnCount}, expected {n} x {n}");
        if (free is not null && free.Count != n) throw new ArgumentException($"free has {free.Count} entries, expected {n}");
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(c[i]) || !double.IsFinite(q[i, i])) throw new ArgumentException("Q or c holds a value that is not finite");

        var passive = new bool[n];
        var x = new double[n];
        if (free is not null)
            for (int j = 0; j < n; j++) passive[j] = free[j];
        double scale = Math.Max(c.AbsoluteMaximum(), double.Epsilon);
        double tol = tolerance * scale;
        int iterations = 0, maxIterations = 30 * n + 30;

        // Start from the free variables' own least-squares solution.
        if (passive.Any(p => p))
        {
            var z = SubSolve(q, c, passive);
            Array.Copy(z, x, n);
        }
        var w = new double[n];
        while (true)
        {
            Gradient(q, c, x, w);   // w = c - Q x, the negative gradient (the dual)
            int best = -1;
            double bestValue = tol;
            for (int j = 0; j < n; j++)
                if (!passive[j] && w[j] > bestValue) { bestValue = w[j]; best = j; }
            if (best < 0 || iterations >= maxIterations) break;
            passive[best] = true;
            // Inner loop: keep the passive set feasible.
            while (true)
            {
                iterations++;
                var z = SubSolve(q, c, passive);
                bool feasible = true;
                for (int j = 0; j < n; j++)
                    if (passive[j] && !(free?[j] ?? false) && z[j] <= 0) { feasible = false; break; }
                if (feasible) { Array.Copy(z, x, n); break; }
                // Step from x toward z as far as feasibility allows, then drop the variables that reached zero.
                double alpha = 1;
                for (int j = 0; j < n; j++)
                    if (passive[j] && !(free?[j] ?? false) && z[j] <= 0)
                    {
                        double denominator = x[j] - z[j];
                        double step = denominator > 0 ? x[j] / denominator : 0;
                        alpha = Math.Min(alpha, step);
                    }
                for (int j = 0; j < n; j++) x[j] = passive[j] ? x[j] + alpha * (z[j] - x[j]) : 0;
                bool dropped = false;
                for (int j = 0; j < n; j++)
                    if (passive[j] && !(free?[j] ?? false) && x[j] <= 1e-14 * scale)
                    {
                        passive[j] = false;
                        x[j] = 0;
                        dropped = true;
                    }
                if (!dropped)
                {
                    // Guard against round-off cycling: drop the most negative one.
                    int worst = -1;
                    for (int j = 0; j < n; j++)
                        if (passive[j] && !(free?[j] ?? false) && z[j] <= 0 && (worst < 0 || z[j] < z[worst])) worst = j;
                    if (worst < 0) break;
                    passive[worst] = false;
                    x[worst] = 0;
                }
                if (iterations >= maxIterations) break;
            }
        }
        Gradient(q, c, x, w);
        return new NnlsSolution(x, passive, iterations, iterations < maxIterations);
    }

    private static void Gradient(Matrix<double> q, Vector<double> c, double[] x, double[] w)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            double s = c[i];
            for (int j = 0; j < n; j++)
                if (x[j] != 0) s -= q[i, j] * x[j];
            w[i] = s;
        }
    }

    /// <summary>The unconstrained minimiser over the passive variables (others zero).</summary>
    private static double[] SubSolve(Matrix<double> q, Vector<double> c, bool[] passive)
    {
        int n = passive.Length;
        var index = new List<int>(n);
        for (int j = 0; j < n; j++) if (passive[j]) index.Add(j);
        int m = index.Count;
        var sub = Matrix<double>.Build.Dense(m, m);
        var rhs = Vector<double>.Build.Dense(m);
        for (int r = 0; r < m; r++)
        {
            rhs[r] = c[index[r]];
            for (int s = 0; s < m; s++) sub[r, s] = q[index[r], index[s]];
        }
        Vector<double> y;
        try
        {
            y = sub.Cholesky().Solve(rhs);
            if (!y.All(double.IsFinite)) throw new ArgumentException("not finite");
        }
        catch (ArgumentException)
        {
            // Singular (collinear columns): the minimum-norm solution.
            y = sub.Svd(true).Solve(rhs);
        }
        var z = new double[n];
        for (int r = 0; r < m; r++) z[index[r]] = y[r];
        return z;
    }
}
