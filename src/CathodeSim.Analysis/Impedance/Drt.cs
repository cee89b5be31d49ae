using System.Numerics;
using CathodeSim.Numerics.Optimization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;
using Vector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace CathodeSim.Analysis.Impedance;

/// <summary>
/// Distribution of relaxation times by Tikhonov-regularised, non-negative least squares:
/// Z(f) = R_inf + j 2 pi f L + sum_m x_m phi_m(f), phi_m(f) = integral of g_m(y) / (1 + j 2 pi f e^y) dy over y = ln tau,
/// with Gaussian basis functions g_m(y) = exp(-(eps (y - y_m))^2) on a log-spaced tau grid that reaches
/// <see cref="DrtOptions.ExtensionDecades"/> beyond the measured range; gamma(ln tau) = sum_m x_m g_m(ln tau), ohm.
/// The kernel integrals are computed by the trapezoidal rule in ln tau (spectrally accurate for a Gaussian times an
/// analytic function). Residuals are weighted by 1/|Z| (modulus weighting). The penalty is lambda times the integral of
/// (d^k gamma / d(ln tau)^k)^2, k = <see cref="DrtOptions.RegularisationOrder"/> (closed form for Gaussians), with gamma
/// in units of max |Z| so lambda is dimensionless. x_m &gt;= 0 and R_inf &gt;= 0; L is free. Lambda minimises the GCV score
/// N ||W(Z - Z_lambda)||^2 / (N - tr H)^2 of the linear Tikhonov problem without the sign constraints (N = 2 x frequencies,
/// H = A (A^T A + lambda P)^-1 A^T the influence matrix; Golub, Heath and Wahba 1979), and the non-negative problem is
/// then solved at that lambda. The band comes from a residual bootstrap at that lambda (weighted residuals, inflated by
/// sqrt(N / (N - tr H)), resampled within the real and the imaginary parts).
/// </summary>
public static class Drt
{
    /// <summary>Computes the DRT; throws <see cref="ArgumentException"/> for bad data or options.</summary>
    public static DrtResult Compute(IReadOnlyList<double> frequency, IReadOnlyList<Complex> z, DrtOptions? options = null)
    {
        options ??= new DrtOptions();
        ArgumentNullException.ThrowIfNull(frequency);
        ArgumentNullException.ThrowIfNull(z);
        Validate(frequency, z, options);
        var keep = Enumerable.Range(0, frequency.Count)
            .Where(i => frequency[i] >= (options.MinimumFrequency ?? 0) && frequency[i] <= (options.MaximumFrequency ?? double.PositiveInfinity)).ToArray();
        if (keep.Length < 5)
            throw new ArgumentException($"DRT needs at least 5 frequencies in the range kept, got {keep.Length}");
        double[] f = keep.Select(i => frequency[i]).ToArray();
        Complex[] data = keep.Select(i => z[i]).ToArray();
        int n = f.Length, rows = 2 * n;

        // Basis in y = ln tau.
        double ln10 = Math.Log(10);
        double yLow = Math.Log(1 / (2 * Math.PI * f.Max())) - options.ExtensionDecades * ln10;
        double yHigh = Math.Log(1 / (2 * Math.PI * f.Min())) + options.ExtensionDecades * ln10;
        int m = (int)Math.Ceiling((yHigh - yLow) / ln10 * options.PointsPerDecade) + 1;
        double dy = (yHigh - yLow) / (m - 1);
        var centres = Enumerable.Range(0, m).Select(k => yLow + k * dy).ToArray();
        double eps = 2 * Math.Sqrt(Math.Log(2)) / (options.BasisWidth * dy);

        // Weighted design matrix, unknowns [R_inf, L, x_1..x_m] in units of R_ref (L in R_ref / omega_ref).
        double rRef = data.Max(v => v.Magnitude);
        double omegaRef = 2 * Math.PI * f.Max();
        int cols = 2 + m;
        var a = Matrix<double>.Build.Dense(rows, cols);
        var b = Vector.Build.Dense(rows);
        for (int i = 0; i < n; i++)
        {
            double omega = 2 * Math.PI * f[i], weight = 1 / data[i].Magnitude;
            b[i] = weight * data[i].Real;
            b[n + i] = weight * data[i].Imaginary;
            a[i, 0] = weight * rRef;
            a[n + i, 1] = weight * rRef * omega / omegaRef;
            for (int k = 0; k < m; k++)
            {
                Complex kernel = Kernel(omega, centres[k], eps);
                a[i, 2 + k] = weight * rRef * kernel.Real;
                a[n + i, 2 + k] = weight * rRef * kernel.Imaginary;
            }
        }
        var gram = a.TransposeThisAndMultiply(a);
        var rhs = a.TransposeThisAndMultiply(b);
        var penalty = Matrix<double>.Build.Dense(cols, cols);
        for (int j = 0; j < m; j++)
            for (int k = 0; k < m; k++)
                penalty[2 + j, 2 + k] = PenaltyEntry(centres[j] - centres[k], eps, options.RegularisationOrder);
        var free = new bool[cols];
        free[1] = true;

        // Lambda: given, or the GCV minimum over the grid.
        double lambda;
        double[] grid = [], scores = [];
        NnlsSolution solution;
        double traceH;
        if (options.Lambda is double given)
        {
            lambda = given;
            (solution, traceH) = SolveAt(gram, rhs, penalty, free, lambda);
        }
        else
        {
            grid = options.LambdaGrid.ToArray();
            scores = new double[grid.Length];
            for (int g = 0; g < grid.Length; g++) scores[g] = GcvScore(a, b, gram, rhs, penalty, grid[g]);
            int best = 0;
            for (int g = 1; g < grid.Length; g++) if (scores[g] < scores[best]) best = g;
            lambda = grid[best];
            (solution, traceH) = SolveAt(gram, rhs, penalty, free, lambda);
        }

        var x = Vector.Build.DenseOfArray(solution.X);
        var fittedWeighted = a * x;
        var residual = b - fittedWeighted;
        double rInf = x[0] * rRef, inductance = x[1] * rRef / omegaRef;
        var basisWeights = Enumerable.Range(0, m).Select(k => x[2 + k] * rRef).ToArray();
        var fitted = new Complex[n];
        for (int i = 0; i < n; i++)
        {
            double omega = 2 * Math.PI * f[i];
            Complex zf = new(rInf, omega * inductance);
            for (int k = 0; k < m; k++) zf += basisWeights[k] * Kernel(omega, centres[k], eps);
            fitted[i] = zf;
        }
        double rms = Math.Sqrt(residual.DotProduct(residual) / rows);

        // Output grid and gamma.
        int refine = Math.Max(1, options.OutputRefinement);
        int outCount = (m - 1) * refine + 1;
        var yOut = Enumerable.Range(0, outCount).Select(k => yLow + k * dy / refine).ToArray();
        var gamma = Gamma(yOut, centres, eps, basisWeights);

        // Residual bootstrap for the band.
        var low = (double[])gamma.Clone();
        var high = (double[])gamma.Clone();
        int samples = Math.Max(0, options.BootstrapSamples);
        if (samples > 0)
        {
            double inflation = Math.Sqrt(rows / Math.Max(rows - traceH, 1));
            var random = new Random(options.Seed);
            var gammas = new double[samples][];
            var resampled = Vector.Build.Dense(rows);
            for (int s = 0; s < samples; s++)
            {
                for (int i = 0; i < n; i++)
                {
                    resampled[i] = fittedWeighted[i] + inflation * residual[random.Next(n)];
                    resampled[n + i] = fittedWeighted[n + i] + inflation * residual[n + random.Next(n)];
                }
                var sol = NonNegativeLeastSquares.SolveNormal(gram + lambda * penalty, a.TransposeThisAndMultiply(resampled), free);
                gammas[s] = Gamma(yOut, centres, eps, sol.X.Skip(2).Select(v => v * rRef).ToArray());
            }
            double tail = (1 - Math.Clamp(options.BandCoverage, 0, 1)) / 2;
            var column = new double[samples];
            for (int k = 0; k < outCount; k++)
            {
                for (int s = 0; s < samples; s++) column[s] = gammas[s][k];
                Array.Sort(column);
                low[k] = Math.Min(gamma[k], SortedArrayStatistics.QuantileCustom(column, tail, QuantileDefinition.R7));
                high[k] = Math.Max(gamma[k], SortedArrayStatistics.QuantileCustom(column, 1 - tail, QuantileDefinition.R7));
            }
        }

        var tauOut = yOut.Select(Math.Exp).ToArray();
        var peaks = FindPeaks(yOut, gamma, options.PeakProminence);
        return new DrtResult(f, data, fitted, tauOut, gamma, low, high, peaks, lambda, options.Lambda is null, grid, scores,
            rInf, inductance, rms, centres.Select(Math.Exp).ToArray(), basisWeights, samples);
    }

    /// <summary>
    /// Impedance of one Gaussian basis function, ohm per unit weight: the integral over y of
    /// exp(-(eps (y - centre))^2) / (1 + j omega e^y), by the trapezoidal rule over |y - centre| &lt;= 6.5 / eps.
    /// </summary>
    public static Complex Kernel(double omega, double centre, double eps)
    {
        const int half = 100;
        double span = 6.5 / eps, h = span / half;
        double re = 0, im = 0;
        for (int k = -half; k <= half; k++)
        {
            double u = k * h;
            double g = Math.Exp(-(eps * u) * (eps * u));
            double wt = omega * Math.Exp(centre + u);
            double d = 1 / (1 + wt * wt);
            double end = k == -half || k == half ? 0.5 : 1;
            re += end * g * d;
            im -= end * g * wt * d;
        }
        return new Complex(re * h, im * h);
    }

    /// <summary>
    /// Integral over y of g_j^(k)(y) g_l^(k)(y) for Gaussians g = exp(-(eps (y - c))^2) whose centres differ by
    /// <paramref name="distance"/>: (-1)^k times the 2k-th derivative of their overlap sqrt(pi/2)/eps exp(-eps^2 d^2 / 2).
    /// </summary>
    public static double PenaltyEntry(double distance, double eps, int order)
    {
        double s = eps * eps / 2, d2 = distance * distance;
        double overlap = Math.Sqrt(Math.PI / 2) / eps * Math.Exp(-s * d2);
        return order switch
        {
            0 => overlap,
            1 => overlap * (2 * s - 4 * s * s * d2),
            2 => overlap * (12 * s * s - 48 * s * s * s * d2 + 16 * s * s * s * s * d2 * d2),
            _ => throw new ArgumentException($"regularisation order {order}: expected 1 or 2"),
        };
    }

    /// <summary>The NNLS solution at lambda and the trace of the influence matrix on its passive variables.</summary>
    private static (NnlsSolution Solution, double TraceH) SolveAt(Matrix<double> gram, Vector rhs, Matrix<double> penalty, bool[] free, double lambda)
    {
        var q = gram + lambda * penalty;
        var solution = NonNegativeLeastSquares.SolveNormal(q, rhs, free);
        var index = Enumerable.Range(0, solution.X.Length).Where(j => solution.Passive[j]).ToArray();
        double trace = 0;
        if (index.Length > 0)
        {
            var qp = Matrix<double>.Build.Dense(index.Length, index.Length, (i, j) => q[index[i], index[j]]);
            var gp = Matrix<double>.Build.Dense(index.Length, index.Length, (i, j) => gram[index[i], index[j]]);
            trace = qp.Svd(true).Solve(gp).Trace();
        }
        return (solution, trace);
    }

    /// <summary>
    /// GCV score of the linear Tikhonov problem at lambda (no sign constraints, so that the influence matrix
    /// H = A (A^T A + lambda P)^-1 A^T is linear in the data): N ||b - A x_lambda||^2 / (N - tr H)^2.
    /// </summary>
    public static double GcvScore(Matrix<double> a, Vector b, Matrix<double> penalty, double lambda)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(penalty);
        return GcvScore(a, b, a.TransposeThisAndMultiply(a), a.TransposeThisAndMultiply(b), penalty, lambda);
    }

    private static double GcvScore(Matrix<double> a, Vector b, Matrix<double> gram, Vector rhs, Matrix<double> penalty, double lambda)
    {
        var q = gram + lambda * penalty;
        Vector x;
        double trace;
        try
        {
            var cholesky = q.Cholesky();
            x = cholesky.Solve(rhs);
            trace = cholesky.Solve(gram).Trace();
        }
        catch (ArgumentException)
        {
            var svd = q.Svd(true);
            x = svd.Solve(rhs);
            trace = svd.Solve(gram).Trace();
        }
        var r = b - a * x;
        int rows = b.Count;
        double denominator = Math.Max(rows - trace, 1e-12);
        return rows * r.DotProduct(r) / (denominator * denominator);
    }

    private static double[] Gamma(double[] y, double[] centres, double eps, double[] weights)
    {
        var gamma = new double[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            double s = 0;
            for (int k = 0; k < centres.Length; k++)
            {
                if (weights[k] == 0) continue;
                double u = eps * (y[i] - centres[k]);
                s += weights[k] * Math.Exp(-u * u);
            }
            gamma[i] = s;
        }
        return gamma;
    }

    /// <summary>
    /// Local maxima of gamma whose prominence (height above the higher of the lowest points between it and a higher
    /// point, or the grid end, on each side) is at least <paramref name="fraction"/> of max gamma; each owns the region
    /// between the minima of gamma that separate it from its retained neighbours (the grid ends outside), and its
    /// resistance is the trapezoidal integral of gamma d(ln tau) over that region.
    /// </summary>
    public static IReadOnlyList<DrtPeak> FindPeaks(double[] y, double[] gamma, double fraction)
    {
        int count = gamma.Length;
        double top = gamma.Max();
        if (!(top > 0) || count < 3) return [];
        var maxima = new List<(int Index, double Prominence)>();
        for (int i = 1; i < count - 1; i++)
        {
            if (!(gamma[i] > gamma[i - 1] && gamma[i] >= gamma[i + 1])) continue;
            double leftMin = gamma[i], rightMin = gamma[i];
            for (int j = i - 1; j >= 0 && gamma[j] <= gamma[i]; j--) leftMin = Math.Min(leftMin, gamma[j]);
            for (int j = i + 1; j < count && gamma[j] <= gamma[i]; j++) rightMin = Math.Min(rightMin, gamma[j]);
            double prominence = gamma[i] - Math.Max(leftMin, rightMin);
            if (prominence >= fraction * top) maxima.Add((i, prominence));
        }
        var bounds = new int[maxima.Count + 1];
        bounds[0] = 0;
        bounds[^1] = count - 1;
        for (int p = 1; p < maxima.Count; p++)
        {
            int lo = maxima[p - 1].Index, hi = maxima[p].Index, arg = lo;
            for (int j = lo; j <= hi; j++) if (gamma[j] < gamma[arg]) arg = j;
            bounds[p] = arg;
        }
        var peaks = new List<DrtPeak>(maxima.Count);
        for (int p = 0; p < maxima.Count; p++)
        {
            int i = maxima[p].Index;
            // Parabola through the three points around the maximum (uniform spacing in y).
            double g0 = gamma[i - 1], g1 = gamma[i], g2 = gamma[i + 1], curvature = g0 - 2 * g1 + g2;
            double shift = curvature < 0 ? Math.Clamp(0.5 * (g0 - g2) / curvature, -0.5, 0.5) : 0;
            double h = y[i + 1] - y[i];
            double yPeak = y[i] + shift * h;
            double height = g1 - 0.25 * (g0 - g2) * shift;
            double area = 0;
            for (int j = bounds[p] + 1; j <= bounds[p + 1]; j++) area += 0.5 * (gamma[j] + gamma[j - 1]) * (y[j] - y[j - 1]);
            peaks.Add(new DrtPeak(Math.Exp(yPeak), height, area, Math.Exp(y[bounds[p]]), Math.Exp(y[bounds[p + 1]]), maxima[p].Prominence));
        }
        return peaks;
    }

    private static void Validate(IReadOnlyList<double> frequency, IReadOnlyList<Complex> z, DrtOptions o)
    {
        if (z.Count != frequency.Count) throw new ArgumentException("frequency and impedance have different lengths");
        for (int i = 0; i < frequency.Count; i++)
        {
            if (!(frequency[i] > 0) || !double.IsFinite(frequency[i])) throw new ArgumentException($"frequency {frequency[i]} Hz at point {i + 1} is not positive");
            if (!(z[i].Magnitude > 0) || !double.IsFinite(z[i].Magnitude)) throw new ArgumentException($"impedance at point {i + 1} is zero or not finite");
        }
        if (o.PointsPerDecade is < 1 or > 50) throw new ArgumentException($"points per decade {o.PointsPerDecade}: expected 1 to 50");
        if (!(o.ExtensionDecades >= 0)) throw new ArgumentException($"extension {o.ExtensionDecades} decades: expected >= 0");
        if (!(o.BasisWidth > 0)) throw new ArgumentException($"basis width {o.BasisWidth}: expected > 0");
        if (o.RegularisationOrder is not (1 or 2)) throw new ArgumentException($"regularisation order {o.RegularisationOrder}: expected 1 or 2");
        if (o.Lambda is double l && !(l > 0 && double.IsFinite(l))) throw new ArgumentException($"lambda {l}: expected a finite value > 0");
        if (o.Lambda is null && (o.LambdaGrid.Count == 0 || o.LambdaGrid.Any(l => !(l > 0)))) throw new ArgumentException("the lambda grid must hold values > 0");
        if (o.MinimumFrequency is double lo && o.MaximumFrequency is double hi && !(hi > lo))
            throw new ArgumentException($"frequency range: maximum {hi} Hz must exceed minimum {lo} Hz");
        if (!(o.PeakProminence >= 0)) throw new ArgumentException($"peak prominence {o.PeakProminence}: expected >= 0");
    }
}
