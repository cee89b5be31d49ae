using System.Numerics;

namespace CathodeSim.Analysis.Impedance;

/// <summary>How the residuals of a complex fit are weighted.</summary>
public enum ImpedanceWeighting
{
    /// <summary>Both parts divided by |Z| of the data (the default: every decade counts).</summary>
    Modulus,
    /// <summary>Real part divided by |Re Z|, imaginary part by |Im Z| of the data.</summary>
    Proportional,
    /// <summary>No weighting: absolute residuals in ohm.</summary>
    Unit,
}

/// <summary>Options of <see cref="CircuitFitter.Fit"/>.</summary>
public sealed record CircuitFitOptions
{
    /// <summary>Residual weighting.</summary>
    public ImpedanceWeighting Weighting { get; init; } = ImpedanceWeighting.Modulus;

    /// <summary>Initial guesses by parameter name; the others are estimated from the data.</summary>
    public IReadOnlyDictionary<string, double> Initial { get; init; } = new Dictionary<string, double>();

    /// <summary>Parameters held at their initial value.</summary>
    public IReadOnlyCollection<string> Fixed { get; init; } = [];

    /// <summary>Bounds by parameter name (default: (0, inf), CPE alpha (0, 1]).</summary>
    public IReadOnlyDictionary<string, (double Lower, double Upper)> Bounds { get; init; } = new Dictionary<string, (double, double)>();

    /// <summary>Most starting points tried when not every initial value is given (orders of the arcs' characteristic frequencies).</summary>
    public int MaxStarts { get; init; } = 6;

    /// <summary>Iteration limit of Levenberg-Marquardt.</summary>
    public int MaxIterations { get; init; } = 1000;
}

/// <summary>The result of a complex non-linear least-squares fit of an equivalent circuit.</summary>
/// <param name="Circuit">The circuit.</param>
/// <param name="Parameters">Fitted parameters (in <see cref="Circuit.ParameterNames"/> order), SI units.</param>
/// <param name="StandardErrors">Standard errors, 0 for fixed parameters, NaN where undetermined.</param>
/// <param name="Fixed">Which parameters were held.</param>
/// <param name="InitialGuess">The starting point.</param>
/// <param name="Frequency">Hz.</param>
/// <param name="Measured">Data impedance, ohm.</param>
/// <param name="Fitted">Model impedance at the optimum, ohm.</param>
/// <param name="Weighting">Residual weighting used.</param>
/// <param name="ChiSquare">Weighted residual sum of squares (real and imaginary parts).</param>
/// <param name="DegreesOfFreedom">2N minus the free parameters.</param>
/// <param name="Iterations">Levenberg-Marquardt iterations.</param>
/// <param name="Converged">Whether the convergence test was met before the iteration limit.</param>
public sealed record CircuitFitResult(
    Circuit Circuit, double[] Parameters, double[] StandardErrors, bool[] Fixed, double[] InitialGuess,
    double[] Frequency, Complex[] Measured, Complex[] Fitted, ImpedanceWeighting Weighting,
    double ChiSquare, int DegreesOfFreedom, int Iterations, bool Converged)
{
    /// <summary>Chi-square per degree of freedom (the residual variance).</summary>
    public double ReducedChiSquare => DegreesOfFreedom > 0 ? ChiSquare / DegreesOfFreedom : double.NaN;

    /// <summary>Parameter <paramref name="name"/>.</summary>
    public double this[string name] => Parameters[Circuit.IndexOf(name) is >= 0 and var i ? i : throw new KeyNotFoundException(name)];

    /// <summary>Standard error of <paramref name="name"/>.</summary>
    public double ErrorOf(string name) => StandardErrors[Circuit.IndexOf(name) is >= 0 and var i ? i : throw new KeyNotFoundException(name)];
}

/// <summary>
/// Complex non-linear least squares: Levenberg-Marquardt on stacked weighted real and imaginary residuals, in transformed
/// parameters (log for positive ones, logistic between two bounds) so that bounds hold; standard errors from the Jacobian at
/// the optimum, s^2 (J^T W J)^-1 with s^2 = chi-square / (2N - free parameters).
/// </summary>
public static class CircuitFitter
{
    /// <summary>Weighted sum of squared residuals of <paramref name="parameters"/> against the data.</summary>
    public static double ChiSquare(Circuit circuit, double[] parameters, IReadOnlyList<double> frequency, IReadOnlyList<Complex> measured, ImpedanceWeighting weighting)
    {
        var (wr, wi) = Weights(measured, weighting);
        double sum = 0;
        for (int i = 0; i < frequency.Count; i++)
        {
            var z = circuit.Impedance(parameters, 2 * Math.PI * frequency[i]);
            double a = (z.Real - measured[i].Real) * wr[i], b = (z.Imaginary - measured[i].Imaginary) * wi[i];
            sum += a * a + b * b;
        }
        return sum;
    }

    /// <summary>Fits <paramref name="circuit"/> to the spectrum; throws <see cref="ArgumentException"/> for bad input (unknown names, bounds).</summary>
    public static CircuitFitResult Fit(Circuit circuit, IReadOnlyList<double> frequency, IReadOnlyList<Complex> measured, CircuitFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        options ??= new CircuitFitOptions();
        int n = frequency.Count, np = circuit.ParameterCount;
        if (measured.Count != n) throw new ArgumentException("frequency and impedance have different lengths");
        for (int i = 0; i < n; i++)
        {
            if (!(frequency[i] > 0) || !double.IsFinite(frequency[i])) throw new ArgumentException($"frequency {frequency[i]} Hz at point {i + 1} is not positive");
            if (!double.IsFinite(measured[i].Real) || !double.IsFinite(measured[i].Imaginary)) throw new ArgumentException($"impedance at point {i + 1} is not finite");
        }

        foreach (string name in options.Initial.Keys.Concat(options.Fixed).Concat(options.Bounds.Keys))
            if (circuit.IndexOf(name) < 0)
                throw new ArgumentException($"'{name}' is not a parameter of {circuit.Text}; its parameters are {string.Join(", ", circuit.ParameterNames)}");

        var lower = new double[np];
        var upper = new double[np];
        foreach (var e in circuit.Elements)
            for (int k = 0; k < e.ParameterCount; k++)
            {
                lower[e.Offset + k] = 0;
                upper[e.Offset + k] = e.Kind == CircuitElementKind.CPE && k == 1 ? 1 : double.PositiveInfinity;
            }
        foreach (var (name, b) in options.Bounds)
        {
            int i = circuit.IndexOf(name);
            if (!(b.Lower < b.Upper)) throw new ArgumentException($"bounds of {name}: lower {b.Lower} is not below upper {b.Upper}");
            lower[i] = b.Lower;
            upper[i] = b.Upper;
        }

        var isFixed = new bool[np];
        foreach (string name in options.Fixed) isFixed[circuit.IndexOf(name)] = true;
        // Without a full set of initial values, start from every order of the arcs' characteristic frequencies and keep the best.
        bool allGiven = circuit.ParameterNames.All(options.Initial.ContainsKey);
        CircuitFitResult? best = null;
        foreach (var candidate in allGiven ? [new double[np]] : ImpedanceInitialGuess.Candidates(circuit, frequency, measured, options.MaxStarts))
        {
            var result = FitFrom(circuit, frequency, measured, options, candidate, lower, upper, isFixed);
            // Ties (identical arcs in series are interchangeable) keep the first start: arcs in string order from high to low frequency.
            if (best is null || result.ChiSquare < best.ChiSquare * (1 - 1e-7) || !double.IsFinite(best.ChiSquare)) best = result;
        }
        return best!;
    }

    private static CircuitFitResult FitFrom(Circuit circuit, IReadOnlyList<double> frequency, IReadOnlyList<Complex> measured, CircuitFitOptions options,
        double[] guess, double[] lower, double[] upper, bool[] isFixed)
    {
        int n = frequency.Count, np = circuit.ParameterCount;
        guess = (double[])guess.Clone();
        foreach (var (name, v) in options.Initial)
        {
            if (!double.IsFinite(v)) throw new ArgumentException($"initial value of {name} is not finite");
            guess[circuit.IndexOf(name)] = v;
        }
        for (int i = 0; i < np; i++)
        {
            if (isFixed[i]) continue;
            if (guess[i] < lower[i] || guess[i] > upper[i])
            {
                if (options.Initial.ContainsKey(circuit.ParameterNames[i]))
                    throw new ArgumentException($"initial value {guess[i]} of {circuit.ParameterNames[i]} is outside its bounds [{lower[i]}, {upper[i]}]");
                guess[i] = Math.Clamp(guess[i], lower[i], upper[i]);
            }
            // Strictly inside for the transforms.
            double width = double.IsFinite(upper[i] - lower[i]) ? upper[i] - lower[i] : Math.Max(Math.Abs(guess[i]), 1e-12);
            if (guess[i] <= lower[i]) guess[i] = lower[i] + (double.IsFinite(upper[i]) ? 1e-3 * width : Math.Max(1e-6 * Math.Abs(lower[i]), 1e-12));
            if (guess[i] >= upper[i]) guess[i] = upper[i] - 1e-3 * width;
        }

        var free = Enumerable.Range(0, np).Where(i => !isFixed[i]).ToArray();
        int m = free.Length;
        if (2 * n < m) throw new ArgumentException($"{m} free parameters but only {n} frequencies");
        var problem = new Problem(circuit, frequency, measured, options.Weighting, lower, upper, free, guess);

        double[] u = free.Select(i => problem.ToU(i, guess[i])).ToArray();
        var (iterations, converged) = LevenbergMarquardt(problem, u, options.MaxIterations);

        double[] p = problem.ToP(u);
        var r = new double[2 * n];
        problem.Residuals(p, r);
        double chi2 = r.Sum(x => x * x);
        int dof = 2 * n - m;

        var se = new double[np];
        if (m > 0)
        {
            var J = new double[2 * n, m];
            problem.Jacobian(u, p, r, J);
            var A = JtJ(J, 2 * n, m);
            var inv = InvertSpd(A, m);
            double s2 = dof > 0 ? chi2 / dof : double.NaN;
            for (int k = 0; k < m; k++)
            {
                int i = free[k];
                double dpdu = problem.Derivative(i, u[k]);
                se[i] = inv is null ? double.NaN : Math.Sqrt(Math.Max(0, s2 * inv[k, k])) * Math.Abs(dpdu);
            }
        }
        var fitted = circuit.Impedance(p, frequency);
        return new CircuitFitResult(circuit, p, se, isFixed, guess, frequency.ToArray(), measured.ToArray(), fitted, options.Weighting,
            chi2, dof, iterations, converged);
    }

    internal static (double[] Real, double[] Imag) Weights(IReadOnlyList<Complex> z, ImpedanceWeighting weighting)
    {
        int n = z.Count;
        var wr = new double[n];
        var wi = new double[n];
        for (int i = 0; i < n; i++)
        {
            switch (weighting)
            {
                case ImpedanceWeighting.Modulus:
                    double mod = z[i].Magnitude;
                    wr[i] = wi[i] = mod > 0 ? 1 / mod : 1;
                    break;
                case ImpedanceWeighting.Proportional:
                    double floor = 1e-6 * z[i].Magnitude;
                    wr[i] = 1 / Math.Max(Math.Abs(z[i].Real), floor > 0 ? floor : 1);
                    wi[i] = 1 / Math.Max(Math.Abs(z[i].Imaginary), floor > 0 ? floor : 1);
                    break;
                default:
                    wr[i] = wi[i] = 1;
                    break;
            }
        }
        return (wr, wi);
    }

    private sealed class Problem
    {
        private readonly Circuit _circuit;
        private readonly double[] _omega;
        private readonly Complex[] _z;
        private readonly double[] _wr, _wi;
        private readonly double[] _lower, _upper;
        private readonly int[] _free;
        private readonly double[] _base;

        public Problem(Circuit circuit, IReadOnlyList<double> f, IReadOnlyList<Complex> z, ImpedanceWeighting weighting,
            double[] lower, double[] upper, int[] free, double[] baseValues)
        {
            _circuit = circuit;
            _omega = f.Select(x => 2 * Math.PI * x).ToArray();
            _z = z.ToArray();
            (_wr, _wi) = Weights(z, weighting);
            _lower = lower;
            _upper = upper;
            _free = free;
            _base = baseValues;
        }

        public int Rows => 2 * _omega.Length;
        public int Columns => _free.Length;

        public double ToU(int i, double p)
        {
            double lo = _lower[i], hi = _upper[i];
            if (double.IsFinite(lo) && double.IsFinite(hi)) { double t = (p - lo) / (hi - lo); return Math.Log(t / (1 - t)); }
            if (double.IsFinite(lo)) return Math.Log(p - lo);
            if (double.IsFinite(hi)) return Math.Log(hi - p);
            return p;
        }

        public double FromU(int i, double u)
        {
            double lo = _lower[i], hi = _upper[i];
            if (double.IsFinite(lo) && double.IsFinite(hi)) return lo + (hi - lo) / (1 + Math.Exp(-u));
            if (double.IsFinite(lo)) return lo + Math.Exp(u);
            if (double.IsFinite(hi)) return hi - Math.Exp(u);
            return u;
        }

        /// <summary>dp/du.</summary>
        public double Derivative(int i, double u)
        {
            double lo = _lower[i], hi = _upper[i];
            if (double.IsFinite(lo) && double.IsFinite(hi)) { double s = 1 / (1 + Math.Exp(-u)); return (hi - lo) * s * (1 - s); }
            if (double.IsFinite(lo)) return Math.Exp(u);
            if (double.IsFinite(hi)) return -Math.Exp(u);
            return 1;
        }

        public double[] ToP(double[] u)
        {
            var p = (double[])_base.Clone();
            for (int k = 0; k < _free.Length; k++) p[_free[k]] = FromU(_free[k], u[k]);
            return p;
        }

        public void Residuals(double[] p, double[] r)
        {
            int n = _omega.Length;
            for (int i = 0; i < n; i++)
            {
                var z = _circuit.Root.Impedance(p, _omega[i]);
                r[i] = (z.Real - _z[i].Real) * _wr[i];
                r[n + i] = (z.Imaginary - _z[i].Imaginary) * _wi[i];
            }
        }

        /// <summary>Forward-difference Jacobian of the residuals in u.</summary>
        public void Jacobian(double[] u, double[] p, double[] r, double[,] J)
        {
            var pp = (double[])p.Clone();
            var rr = new double[r.Length];
            for (int k = 0; k < _free.Length; k++)
            {
                int i = _free[k];
                double h = 1e-7 * Math.Max(1, Math.Abs(u[k]));
                pp[i] = FromU(i, u[k] + h);
                double dh = u[k] + h - u[k];
                Residuals(pp, rr);
                for (int row = 0; row < r.Length; row++) J[row, k] = (rr[row] - r[row]) / dh;
                pp[i] = p[i];
            }
        }
    }

    private static (int Iterations, bool Converged) LevenbergMarquardt(Problem problem, double[] u, int maxIterations)
    {
        int rows = problem.Rows, m = problem.Columns;
        var p = problem.ToP(u);
        var r = new double[rows];
        problem.Residuals(p, r);
        double cost = Sum2(r);
        if (m == 0) return (0, true);
        var J = new double[rows, m];
        var g = new double[m];
        var uNew = new double[m];
        var rNew = new double[rows];
        double lambda = 1e-3;
        int iteration = 0;
        while (iteration < maxIterations)
        {
            iteration++;
            problem.Jacobian(u, p, r, J);
            var A = JtJ(J, rows, m);
            for (int k = 0; k < m; k++)
            {
                double s = 0;
                for (int row = 0; row < rows; row++) s += J[row, k] * r[row];
                g[k] = s;
            }
            double gmax = g.Max(Math.Abs);
            if (gmax <= 1e-14 * Math.Max(cost, 1e-300)) return (iteration, true);
            bool accepted = false;
            while (!accepted)
            {
                var M = (double[,])A.Clone();
                for (int k = 0; k < m; k++) M[k, k] += lambda * Math.Max(A[k, k], 1e-12);
                double[]? d = SolveSpd(M, g, m);
                if (d is not null)
                {
                    for (int k = 0; k < m; k++) uNew[k] = u[k] - d[k];
                    var pNew = problem.ToP(uNew);
                    problem.Residuals(pNew, rNew);
                    double costNew = Sum2(rNew);
                    if (double.IsFinite(costNew) && costNew <= cost)
                    {
                        double reduction = cost - costNew;
                        double step = Math.Sqrt(d.Sum(x => x * x)), size = Math.Sqrt(u.Sum(x => x * x));
                        Array.Copy(uNew, u, m);
                        Array.Copy(rNew, r, rows);
                        p = pNew;
                        cost = costNew;
                        lambda = Math.Max(lambda / 5, 1e-15);
                        accepted = true;
                        if (reduction <= 1e-13 * cost || step <= 1e-11 * (size + 1e-11)) return (iteration, true);
                        continue;
                    }
                }
                lambda *= 4;
                if (lambda > 1e14) return (iteration, true);
            }
        }
        return (iteration, false);
    }

    private static double Sum2(double[] r)
    {
        double s = 0;
        foreach (double x in r) s += x * x;
        return s;
    }

    private static double[,] JtJ(double[,] J, int rows, int m)
    {
        var A = new double[m, m];
        for (int a = 0; a < m; a++)
            for (int b = a; b < m; b++)
            {
                double s = 0;
                for (int row = 0; row < rows; row++) s += J[row, a] * J[row, b];
                A[a, b] = A[b, a] = s;
            }
        return A;
    }

    private static double[,]? Cholesky(double[,] A, int m)
    {
        var L = new double[m, m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = A[i, j];
                for (int k = 0; k < j; k++) s -= L[i, k] * L[j, k];
                if (i == j)
                {
                    if (!(s > 0)) return null;
                    L[i, i] = Math.Sqrt(s);
                }
                else L[i, j] = s / L[j, j];
            }
        return L;
    }

    private static double[]? SolveSpd(double[,] A, double[] b, int m)
    {
        var L = Cholesky(A, m);
        if (L is null) return null;
        var x = new double[m];
        for (int i = 0; i < m; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= L[i, k] * x[k];
            x[i] = s / L[i, i];
        }
        for (int i = m - 1; i >= 0; i--)
        {
            double s = x[i];
            for (int k = i + 1; k < m; k++) s -= L[k, i] * x[k];
            x[i] = s / L[i, i];
        }
        return x;
    }

    /// <summary>
    /// (A)^-1 of the symmetric J^T J by eigen-decomposition after scaling to unit diagonal; directions with eigenvalues below
    /// 1e-13 of the largest are undetermined, and every parameter with a share in them gets an infinite (NaN) variance.
    /// </summary>
    private static double[,]? InvertSpd(double[,] A, int m)
    {
        var d = new double[m];
        for (int i = 0; i < m; i++) d[i] = A[i, i] > 0 ? 1 / Math.Sqrt(A[i, i]) : 0;
        var S = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(m, m, (i, j) => A[i, j] * d[i] * d[j]);
        var evd = S.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        double[] lambda = evd.EigenValues.Select(x => x.Real).ToArray();
        double max = lambda.Max();
        if (!(max > 0)) return null;
        var V = evd.EigenVectors;
        var inv = new double[m, m];
        var undetermined = new bool[m];
        for (int k = 0; k < m; k++)
        {
            if (lambda[k] > 1e-13 * max)
            {
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < m; j++) inv[i, j] += V[i, k] * V[j, k] / lambda[k];
            }
            else
            {
                for (int i = 0; i < m; i++) if (Math.Abs(V[i, k]) > 1e-3) undetermined[i] = true;
            }
        }
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                inv[i, j] = undetermined[i] || undetermined[j] || d[i] == 0 || d[j] == 0 ? double.NaN : inv[i, j] * d[i] * d[j];
        return inv;
    }

}
