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
    /// <summary>Largest |Z| accepted, ohm: far above any cell or pellet (a 1 cm^2 pellet of 1e-12 S/cm electrolyte, 1 mm thick, is 1e11 ohm), far below where squares overflow.</summary>
    public const double MaximumImpedance = 1e100;

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
            // Squares of the residuals must stay finite; no cell has an impedance anywhere near this.
            if (measured[i].Magnitude > MaximumImpedance)
                throw new ArgumentException($"impedance at point {i + 1} ({frequency[i]:G6} Hz) is {measured[i].Magnitude:G3} ohm, beyond {MaximumImpedance:G0} ohm: not a measured value");
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
                upper[e.Offset + k] = CircuitElementCatalogue.RolesOf(e.Kind)[k] == CircuitParameterRole.Exponent ? 1 : double.PositiveInfinity;
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
        // Successive halving: every start gets a round of a few iterations; the better half of the distinct ones (starts that
        // reached the same chi-square are one basin) goes on for another round, and so on until Polished remain, which are
        // descended to convergence. Each start writes only its own slot, so the outcome is independent of scheduling.
        long work = 0;
        var descents = new CircuitFitDescent[starts.Count];
        var rounds = new int[starts.Count];
        int[] alive = Enumerable.Range(0, starts.Count).ToArray();
        int keep = Math.Max(1, options.Polished);
        while (true)
        {
            Parallel.For(0, alive.Length, parallel, a =>
            {
                int s = alive[a];
                var from = descents[s];
                if (from is { Converged: true }) return;
                var problem = new CircuitFitProblem(circuit, frequency, measured, weights, lower, upper, free, from?.Parameters ?? starts[s]);
                var more = problem.Minimise(options.ScreeningIterations);
                Interlocked.Add(ref work, problem.Work);
                descents[s] = more with { Iterations = (from?.Iterations ?? 0) + more.Iterations };
                rounds[s]++;
            });
            alive = Distinct(Ranked(descents, alive), descents);
            if (alive.Length <= keep) break;
            alive = alive.Take(Math.Max(keep, (alive.Length + 1) / 2)).ToArray();
        }
        int[] chosen = alive.Take(keep).ToArray();
        var polished = new CircuitFitDescent[chosen.Length];
        Parallel.For(0, chosen.Length, parallel, c =>
        {
            var from = descents[chosen[c]];
            if (from.Converged) { polished[c] = from; return; }
            var problem = new CircuitFitProblem(circuit, frequency, measured, weights, lower, upper, free, from.Parameters);
            var more = problem.Minimise(options.MaxIterations);
            Interlocked.Add(ref work, problem.Work);
            polished[c] = more with { Iterations = from.Iterations + more.Iterations };
        });
        int bestRank = Ranked(polished)[0];
        int best = chosen[bestRank];
        var descent = polished[bestRank];

        double[] p = descent.Parameters;
        var final = new CircuitFitProblem(circuit, frequency, measured, weights, lower, upper, free, p);
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
            Evaluations = work,
        };
    }

    /// <summary>
    /// Indices by chi-square, ties (within 1e-9 relative: identical arcs in series are interchangeable) to the lower index,
    /// non-finite last. The data-based starts come first, so among equals the arcs stay in string order from high to low frequency.
    /// </summary>
    private static int[] Ranked(CircuitFitDescent[] results) => Ranked(results, Enumerable.Range(0, results.Length).ToArray());

    /// <summary><paramref name="subset"/> (indices into <paramref name="results"/>) ranked as above.</summary>
    private static int[] Ranked(CircuitFitDescent[] results, int[] subset)
    {
        double min = subset.Select(i => results[i].ChiSquare).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min();
        return subset
            .OrderBy(i => double.IsFinite(results[i].ChiSquare) ? 0 : 1)
            .ThenBy(i => double.IsFinite(results[i].ChiSquare) && results[i].ChiSquare <= min * (1 + 1e-9) ? 0 : 1)
            .ThenBy(i => double.IsFinite(results[i].ChiSquare) ? results[i].ChiSquare : 0)
            .ThenBy(i => i)
            .ToArray();
    }

    /// <summary>
    /// The ranked indices without repeats of one basin: a descent whose chi-square is within 1e-7 (relative) of a better-ranked
    /// one followed the same path (the data-based starts often coincide) and is dropped; non-finite ones go too unless nothing else is left.
    /// </summary>
    private static int[] Distinct(int[] ranked, CircuitFitDescent[] results)
    {
        var kept = new List<int>();
        foreach (int i in ranked)
        {
            double chi = results[i].ChiSquare;
            if (!double.IsFinite(chi)) continue;
            if (kept.Any(k => Math.Abs(results[k].ChiSquare - chi) <= 1e-7 * chi)) continue;
            kept.Add(i);
        }
        return kept.Count > 0 ? [.. kept] : ranked.Take(1).ToArray();
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

    /// <summary>
    /// (A)^-1 of the symmetric J^T J by eigen-decomposition after scaling to unit diagonal; directions with eigenvalues below
    /// 1e-13 of the largest are undetermined, and every parameter with a share in them gets an infinite (NaN) variance.
    /// </summary>
    private static double[,]? InvertSpd(double[,] A, int m)
    {
        var d = new double[m];
        for (int i = 0; i < m; i++) d[i] = A[i, i] > 0 ? 1 / Math.Sqrt(A[i, i]) : 0;
        var S = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(m, m, (i, j) => A[i, j] * d[i] * d[j]);
        // Non-finite entries (data near the double range, a parameter overflowing) leave the errors undetermined; MathNet's
        // eigen-decomposition indexes out of its arrays on them.
        if (!S.Enumerate().All(double.IsFinite)) return null;
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
