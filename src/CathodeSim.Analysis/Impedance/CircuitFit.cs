using System.Diagnostics;
using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace CathodeSim.Analysis.Impedance;

/// <summary>
/// Complex non-linear least squares: MathNet.Numerics' Levenberg-Marquardt on stacked weighted real and imaginary residuals,
/// in transformed parameters (log for positive ones, logistic between two bounds) so that bounds hold, with the Jacobian in
/// closed form (<see cref="CircuitDerivatives"/>). Equivalent-circuit fits have many local minima (arcs swapped, an arc
/// spent on noise, a CPE collapsing to a resistor), so the default is a multi-start: the data-based starts of
/// <see cref="ImpedanceInitialGuess"/> plus <see cref="CircuitFitOptions.Starts"/> seeded random ones
/// (<see cref="ImpedanceRandomStarts"/>), each screened with <see cref="CircuitFitOptions.ScreeningIterations"/>
/// iterations, the best <see cref="CircuitFitOptions.Polished"/> polished to convergence, and the lowest chi-square kept
/// (ties to the lowest start index, so the result does not depend on thread scheduling). Standard errors from the Jacobian
/// at the optimum, s^2 (J^T W J)^-1 with s^2 = chi-square / (2N - free parameters); degenerate parameters are reported
/// (<see cref="CircuitFitDiagnostics"/>).
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
        var clock = Stopwatch.StartNew();
        options ??= new CircuitFitOptions();
        int n = frequency.Count, np = circuit.ParameterCount;
        if (measured.Count != n) throw new ArgumentException("frequency and impedance have different lengths");
        if (n == 0) throw new ArgumentException("no data points to fit");
        for (int i = 0; i < n; i++)
        {
            if (!(frequency[i] > 0) || !double.IsFinite(frequency[i])) throw new ArgumentException($"frequency {frequency[i]} Hz at point {i + 1} is not positive");
            if (!double.IsFinite(measured[i].Real) || !double.IsFinite(measured[i].Imaginary)) throw new ArgumentException($"impedance at point {i + 1} is not finite");
        }
        if (options.Starts < 0) throw new ArgumentException($"the number of random starts must not be negative (got {options.Starts})");

        foreach (string name in options.Initial.Keys.Concat(options.Fixed).Concat(options.Bounds.Keys))
            if (circuit.IndexOf(name) < 0)
                throw new ArgumentException($"'{name}' is not a parameter of {circuit.Text}; its parameters are {string.Join(", ", circuit.ParameterNames)}");
        foreach (var (name, v) in options.Initial)
            if (!double.IsFinite(v)) throw new ArgumentException($"initial value of {name} is not finite");

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
        int[] free = Enumerable.Range(0, np).Where(i => !isFixed[i]).ToArray();
        if (2 * n < free.Length) throw new ArgumentException($"{free.Length} free parameters but only {n} frequencies");

        // Data-based starts carry every given initial value; random ones only the fixed ones, so that they explore.
        bool allGiven = circuit.ParameterNames.All(options.Initial.ContainsKey);
        var starts = new List<double[]>();
        foreach (var candidate in allGiven ? [new double[np]] : options.MaxStarts > 0 ? ImpedanceInitialGuess.Candidates(circuit, frequency, measured, options.MaxStarts) : [])
            starts.Add(Prepare(circuit, candidate, options, lower, upper, isFixed, given: true));
        for (int k = 0; k < options.Starts; k++)
            starts.Add(Prepare(circuit, ImpedanceRandomStarts.Draw(circuit, frequency, measured, options.Seed, k), options, lower, upper, isFixed, given: false));

        if (starts.Count == 0) throw new ArgumentException("no starting point: both the data-based starts and the random starts are 0");

        var weights = Weights(measured, options.Weighting);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        // Screening: every start a few iterations; each writes only its own slot, so the outcome is independent of scheduling.
        var screened = new Descent[starts.Count];
        Parallel.For(0, starts.Count, parallel, s =>
            screened[s] = new Problem(circuit, frequency, measured, weights, lower, upper, free, starts[s]).Minimise(options.ScreeningIterations));
        int[] order = Ranked(screened);
        int[] chosen = order.Take(Math.Max(1, options.Polished)).ToArray();
        var polished = new Descent[chosen.Length];
        Parallel.For(0, chosen.Length, parallel, c =>
        {
            var from = screened[chosen[c]];
            if (from.Converged) { polished[c] = from; return; }
            var problem = new Problem(circuit, frequency, measured, weights, lower, upper, free, from.Parameters);
            var more = problem.Minimise(options.MaxIterations);
            polished[c] = more with { Iterations = from.Iterations + more.Iterations };
        });
        int bestRank = Ranked(polished)[0];
        int best = chosen[bestRank];
        var descent = polished[bestRank];

        double[] p = descent.Parameters;
        var final = new Problem(circuit, frequency, measured, weights, lower, upper, free, p);
        double chi2 = descent.ChiSquare;
        int m = free.Length, dof = 2 * n - m;
        var se = new double[np];
        if (m > 0)
        {
            var J = final.JacobianInP();
            var A = new double[m, m];
            for (int a = 0; a < m; a++)
                for (int b = a; b < m; b++)
                {
                    double sum = 0;
                    for (int row = 0; row < 2 * n; row++) sum += J[row, a] * J[row, b];
                    A[a, b] = A[b, a] = sum;
                }
            var inv = InvertSpd(A, m);
            double s2 = dof > 0 ? chi2 / dof : double.NaN;
            for (int k = 0; k < m; k++)
                se[free[k]] = inv is null ? double.NaN : Math.Sqrt(Math.Max(0, s2 * inv[k, k]));
        }
        var warnings = CircuitFitDiagnostics.Check(circuit, p, se, isFixed, lower, upper, frequency, measured);
        var fitted = circuit.Impedance(p, frequency);
        clock.Stop();
        return new CircuitFitResult(circuit, p, se, isFixed, starts[best], frequency.ToArray(), measured.ToArray(), fitted, options.Weighting,
            chi2, dof, descent.Iterations, descent.Converged && warnings.Count == 0)
        {
            ReachedIterationLimit = !descent.Converged,
            Warnings = warnings,
            Starts = starts.Count,
            BestStart = best,
            FitTime = clock.Elapsed,
        };
    }

    /// <summary>
    /// Indices by chi-square, ties (within 1e-9 relative: identical arcs in series are interchangeable) to the lower index,
    /// non-finite last. The data-based starts come first, so among equals the arcs stay in string order from high to low frequency.
    /// </summary>
    private static int[] Ranked(Descent[] results)
    {
        double min = results.Where(r => double.IsFinite(r.ChiSquare)).Select(r => r.ChiSquare).DefaultIfEmpty(double.NaN).Min();
        return Enumerable.Range(0, results.Length)
            .OrderBy(i => double.IsFinite(results[i].ChiSquare) ? 0 : 1)
            .ThenBy(i => double.IsFinite(results[i].ChiSquare) && results[i].ChiSquare <= min * (1 + 1e-9) ? 0 : 1)
            .ThenBy(i => double.IsFinite(results[i].ChiSquare) ? results[i].ChiSquare : 0)
            .ThenBy(i => i)
            .ToArray();
    }

    /// <summary>A start with the user's values put in, strictly inside the bounds (the transforms need it).</summary>
    private static double[] Prepare(Circuit circuit, double[] candidate, CircuitFitOptions options, double[] lower, double[] upper, bool[] isFixed, bool given)
    {
        int np = circuit.ParameterCount;
        var guess = (double[])candidate.Clone();
        foreach (var (name, v) in options.Initial)
        {
            int i = circuit.IndexOf(name);
            if (given || isFixed[i]) guess[i] = v;
        }
        for (int i = 0; i < np; i++)
        {
            if (isFixed[i]) continue;
            if (guess[i] < lower[i] || guess[i] > upper[i])
            {
                if (given && options.Initial.ContainsKey(circuit.ParameterNames[i]))
                    throw new ArgumentException($"initial value {guess[i]} of {circuit.ParameterNames[i]} is outside its bounds [{lower[i]}, {upper[i]}]");
                guess[i] = Math.Clamp(guess[i], lower[i], upper[i]);
            }
            double width = double.IsFinite(upper[i] - lower[i]) ? upper[i] - lower[i] : Math.Max(Math.Abs(guess[i]), 1e-12);
            if (guess[i] <= lower[i]) guess[i] = lower[i] + (double.IsFinite(upper[i]) ? 1e-3 * width : Math.Max(1e-6 * Math.Abs(lower[i]), 1e-12));
            if (guess[i] >= upper[i]) guess[i] = upper[i] - 1e-3 * width;
        }
        return guess;
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

    /// <summary>The end of one Levenberg-Marquardt descent: parameters (SI), chi-square, iterations, and whether it converged.</summary>
    private sealed record Descent(double[] Parameters, double ChiSquare, int Iterations, bool Converged);

    /// <summary>One start's least-squares problem in transformed parameters u of the free parameters.</summary>
    private sealed class Problem
    {
        private readonly double[] _omega;
        private readonly Complex[] _z;
        private readonly double[] _wr, _wi;
        private readonly double[] _lower, _upper;
        private readonly int[] _free;
        private readonly double[] _base;
        private readonly CircuitDerivatives _derivatives;
        private readonly Complex[] _dz;
        // MathNet reports the last point it evaluated, which may be a rejected trial; the best one seen is kept here.
        private double[] _bestU = [];
        private double _bestChi = double.PositiveInfinity;
        // MathNet's tests are absolute; a parameter running off to 0 or infinity in log space keeps it iterating while the
        // chi-square no longer changes. Stalled ends the descent after StallCount improvements below StallTolerance each.
        private const double StallTolerance = 1e-10;
        private const int StallCount = 3;
        private int _stalls;
        private int _evaluations;

        private sealed class StalledException : Exception;

        // MathNet counts only accepted steps; its inner loop of rejected trials is bounded only by the damping overflowing.
        // A hard limit on model evaluations ends a descent that has stopped making steps (reported as not converged).
        private int _evaluationLimit = int.MaxValue;

        private sealed class EvaluationLimitException : Exception;

        public Problem(Circuit circuit, IReadOnlyList<double> f, IReadOnlyList<Complex> z, (double[] Real, double[] Imag) weights,
            double[] lower, double[] upper, int[] free, double[] start)
        {
            _omega = f.Select(x => 2 * Math.PI * x).ToArray();
            _z = z.ToArray();
            (_wr, _wi) = weights;
            _lower = lower;
            _upper = upper;
            _free = free;
            _base = (double[])start.Clone();
            _derivatives = new CircuitDerivatives(circuit);
            _dz = new Complex[circuit.ParameterCount];
        }

        private int N => _omega.Length;

        public Descent Minimise(int maxIterations)
        {
            int n = N, m = _free.Length;
            double[] u0 = _free.Select(i => ToU(i, _base[i])).ToArray();
            if (m == 0 || maxIterations <= 0)
            {
                double[] p0 = ToP(u0);
                return new Descent(p0, ChiSquare(p0), 0, m == 0);
            }
            var y = Vector<double>.Build.Dense(2 * n);
            for (int i = 0; i < n; i++)
            {
                y[i] = _z[i].Real * _wr[i];
                y[n + i] = _z[i].Imaginary * _wi[i];
            }
            var x = Vector<double>.Build.Dense(2 * n, i => i);
            var objective = ObjectiveFunction.NonlinearModel((u, _) => Model(u), (u, _) => Jacobian(u), x, y);
            // Tolerances on the dimensionless (weighted, |Z|-scaled) residuals; the step test is MathNet's ||du|| <= tol (tol + u.u).
            var minimizer = new LevenbergMarquardtMinimizer(initialMu: 1e-3, gradientTolerance: 1e-12 * Scale2(), stepTolerance: 1e-12,
                functionTolerance: 1e-30 * Scale2(), maximumIterations: maxIterations);
            ExitCondition exit;
            int iterations;
            _evaluationLimit = 10 * maxIterations + 50;
            try
            {
                var found = minimizer.FindMinimum(objective, Vector<double>.Build.Dense(u0));
                exit = found.ReasonForExit;
                iterations = found.Iterations;
            }
            catch (EvaluationLimitException)
            {
                exit = ExitCondition.ExceedIterations;
                iterations = maxIterations;
            }
            catch (StalledException)
            {
                exit = ExitCondition.LackOfProgress;
                iterations = _evaluations;
            }
            catch (Exception e) when (e is ArithmeticException or ArgumentException or MathNet.Numerics.NonConvergenceException)
            {
                exit = ExitCondition.InvalidValues;
                iterations = maxIterations;
            }
            if (_bestU.Length == 0) return new Descent(ToP(u0), double.NaN, iterations, false);
            double[] p = ToP(_bestU);
            return new Descent(p, ChiSquare(p), Math.Max(iterations, 0), exit is not (ExitCondition.ExceedIterations or ExitCondition.InvalidValues));
        }

        /// <summary>Sum of the squared weighted data: the scale the absolute MathNet tolerances are taken relative to.</summary>
        private double Scale2()
        {
            double s = 0;
            for (int i = 0; i < N; i++) s += Math.Pow(_z[i].Real * _wr[i], 2) + Math.Pow(_z[i].Imaginary * _wi[i], 2);
            return s > 0 ? s : 1;
        }

        private double ChiSquare(double[] p)
        {
            double sum = 0;
            for (int i = 0; i < N; i++)
            {
                var z = _derivatives.Evaluate(p, _omega[i], _dz);
                double a = (z.Real - _z[i].Real) * _wr[i], b = (z.Imaginary - _z[i].Imaginary) * _wi[i];
                sum += a * a + b * b;
            }
            return sum;
        }

        private Vector<double> Model(Vector<double> u)
        {
            int n = N;
            double[] uu = u.ToArray();
            double[] p = ToP(uu);
            var f = Vector<double>.Build.Dense(2 * n);
            double chi = 0;
            if (++_evaluations > _evaluationLimit) throw new EvaluationLimitException();
            for (int i = 0; i < n; i++)
            {
                var z = _derivatives.Evaluate(p, _omega[i], _dz);
                f[i] = z.Real * _wr[i];
                f[n + i] = z.Imaginary * _wi[i];
                double a = (z.Real - _z[i].Real) * _wr[i], b = (z.Imaginary - _z[i].Imaginary) * _wi[i];
                chi += a * a + b * b;
            }
            // Non-finite values (a transformed parameter overflowing) reach MathNet's final covariance, whose SVD never
            // returns on them; a huge finite misfit is rejected by the step test just the same.
            if (!double.IsFinite(chi))
                for (int r = 0; r < 2 * n; r++) f[r] = 1e100;
            if (double.IsFinite(chi) && chi < _bestChi)
            {
                _stalls = _bestChi - chi <= StallTolerance * chi ? _stalls + 1 : 0;
                _bestChi = chi;
                _bestU = uu;
                if (_stalls >= StallCount) throw new StalledException();
            }
            return f;
        }

        private Matrix<double> Jacobian(Vector<double> u)
        {
            double[] uu = u.ToArray();
            var J = JacobianInP(ToP(uu));
            for (int k = 0; k < _free.Length; k++)
            {
                double d = Derivative(_free[k], uu[k]);
                for (int row = 0; row < 2 * N; row++) J[row, k] = double.IsFinite(J[row, k] * d) ? Math.Clamp(J[row, k] * d, -1e100, 1e100) : 0;
            }
            return Matrix<double>.Build.DenseOfArray(J);
        }

        /// <summary>d(weighted model)/dp of the free parameters at the start point.</summary>
        public double[,] JacobianInP() => JacobianInP(_base);

        private double[,] JacobianInP(double[] p)
        {
            int n = N, m = _free.Length;
            var J = new double[2 * n, m];
            for (int i = 0; i < n; i++)
            {
                _derivatives.Evaluate(p, _omega[i], _dz);
                for (int k = 0; k < m; k++)
                {
                    var d = _dz[_free[k]];
                    J[i, k] = d.Real * _wr[i];
                    J[n + i, k] = d.Imaginary * _wi[i];
                }
            }
            return J;
        }

        private double ToU(int i, double p)
        {
            double lo = _lower[i], hi = _upper[i];
            if (double.IsFinite(lo) && double.IsFinite(hi)) { double t = (p - lo) / (hi - lo); return Math.Log(t / (1 - t)); }
            if (double.IsFinite(lo)) return Math.Log(p - lo);
            if (double.IsFinite(hi)) return Math.Log(hi - p);
            return p;
        }

        private double FromU(int i, double u)
        {
            double lo = _lower[i], hi = _upper[i];
            if (double.IsFinite(lo) && double.IsFinite(hi)) return lo + (hi - lo) / (1 + Math.Exp(-u));
            if (double.IsFinite(lo)) return lo + Math.Exp(u);
            if (double.IsFinite(hi)) return hi - Math.Exp(u);
            return u;
        }

        /// <summary>dp/du.</summary>
        private double Derivative(int i, double u)
        {
            double lo = _lower[i], hi = _upper[i];
            if (double.IsFinite(lo) && double.IsFinite(hi)) { double s = 1 / (1 + Math.Exp(-u)); return (hi - lo) * s * (1 - s); }
            if (double.IsFinite(lo)) return Math.Exp(u);
            if (double.IsFinite(hi)) return -Math.Exp(u);
            return 1;
        }

        private double[] ToP(double[] u)
        {
            var p = (double[])_base.Clone();
            for (int k = 0; k < _free.Length; k++) p[_free[k]] = FromU(_free[k], u[k]);
            return p;
        }
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
