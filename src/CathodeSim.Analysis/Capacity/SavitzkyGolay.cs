namespace CathodeSim.Analysis.Capacity;

/// <summary>
/// Savitzky-Golay smoothing of uniformly spaced data: each point is replaced by the value at that point of the least-squares
/// polynomial of a given order through the window of points centred on it. A symmetric window leaves the position of a
/// symmetric peak unchanged and, for orders of 2 and above, keeps its height far better than a moving average. Near the ends,
/// where no centred window fits, the polynomial through the first (or last) window of points is evaluated at the point.
/// </summary>
public static class SavitzkyGolay
{
    /// <summary>Smooths <paramref name="values"/>; returns a new array.</summary>
    /// <param name="values">Uniformly spaced samples.</param>
    /// <param name="window">Odd number of points in the window, at least <paramref name="order"/> + 2 (larger windows are
    /// reduced to the largest odd number that fits the data; data too short for any window above the order are returned unchanged).</param>
    /// <param name="order">Polynomial order, 0 or more.</param>
    /// <exception cref="ArgumentException">The window is even or not above the order + 1, or the order is negative.</exception>
    public static double[] Smooth(IReadOnlyList<double> values, int window, int order)
    {
        ArgumentNullException.ThrowIfNull(values);
        Validate(window, order);
        int n = values.Count;
        int w = EffectiveWindow(n, window, order);
        if (w == 0) return [.. values];
        int half = w / 2;
        var result = new double[n];
        var centre = Coefficients(w, order, half);
        for (int i = half; i < n - half; i++)
        {
            double sum = 0;
            for (int j = 0; j < w; j++) sum += centre[j] * values[i - half + j];
            result[i] = sum;
        }
        for (int i = 0; i < Math.Min(half, n); i++)
        {
            // Ends: the polynomial through the first (last) window, evaluated at the point.
            var left = Coefficients(w, order, i);
            var right = Coefficients(w, order, w - 1 - i);
            double l = 0, r = 0;
            for (int j = 0; j < w; j++)
            {
                l += left[j] * values[j];
                r += right[j] * values[n - w + j];
            }
            result[i] = l;
            result[n - 1 - i] = r;
        }
        return result;
    }

    /// <summary>The window actually used for <paramref name="count"/> points: the requested one, reduced to the largest odd
    /// number not above the count; 0 when that is not above <paramref name="order"/> + 1 (no smoothing).</summary>
    public static int EffectiveWindow(int count, int window, int order)
    {
        int w = Math.Min(window, count % 2 == 1 ? count : count - 1);
        return w >= order + 2 ? w : 0;
    }

    /// <summary>Checks a window and order: the window odd and at least order + 2, the order non-negative.</summary>
    /// <exception cref="ArgumentException">They do not fit.</exception>
    public static void Validate(int window, int order)
    {
        if (order < 0) throw new ArgumentException($"the smoothing order must be 0 or more, got {order}");
        if (window % 2 == 0 || window < 3) throw new ArgumentException($"the smoothing window must be an odd number of points, 3 or more, got {window}");
        if (window < order + 2) throw new ArgumentException($"the smoothing window ({window} points) must exceed the order ({order}) by at least 2");
    }

    /// <summary>
    /// Weights c_j such that sum_j c_j y_j is the value at point <paramref name="at"/> (0-based within the window) of the
    /// least-squares polynomial of <paramref name="order"/> through the <paramref name="window"/> points.
    /// </summary>
    public static double[] Coefficients(int window, int order, int at)
    {
        int m = order + 1;
        // Normal equations of the Vandermonde matrix with x_j = j - at (so the value at the point is the constant term).
        var normal = new double[m, m];
        for (int j = 0; j < window; j++)
        {
            double x = j - at;
            for (int a = 0; a < m; a++)
                for (int b = 0; b < m; b++)
                    normal[a, b] += Math.Pow(x, a + b);
        }
        // Solve normal * z = e0; the weights are c_j = sum_a z_a x_j^a.
        var z = Solve(normal, m);
        var c = new double[window];
        for (int j = 0; j < window; j++)
        {
            double x = j - at, sum = 0;
            for (int a = 0; a < m; a++) sum += z[a] * Math.Pow(x, a);
            c[j] = sum;
        }
        return c;
    }

    private static double[] Solve(double[,] matrix, int m)
    {
        var a = (double[,])matrix.Clone();
        var rhs = new double[m];
        rhs[0] = 1;
        for (int col = 0; col < m; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < m; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (pivot != col)
            {
                for (int k = 0; k < m; k++) (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
                (rhs[col], rhs[pivot]) = (rhs[pivot], rhs[col]);
            }
            for (int r = col + 1; r < m; r++)
            {
                double f = a[r, col] / a[col, col];
                for (int k = col; k < m; k++) a[r, k] -= f * a[col, k];
                rhs[r] -= f * rhs[col];
            }
        }
        var x = new double[m];
        for (int r = m - 1; r >= 0; r--)
        {
            double sum = rhs[r];
            for (int k = r + 1; k < m; k++) sum -= a[r, k] * x[k];
            x[r] = sum / a[r, r];
        }
        return x;
    }
}
