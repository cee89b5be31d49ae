using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace CathodeSim.Analysis.Calibration;

/// <summary>Options of <see cref="WeightedLeastSquares.Fit"/>.</summary>
public sealed record WeightedLeastSquaresOptions
{
    /// <summary>Levenberg-Marquardt iteration limit (each iteration costs one Jacobian: parameters + 1 model evaluations).</summary>
    public int MaxIterations { get; init; } = 25;

    /// <summary>
    /// Finite-difference step in the internal coordinates (log10 units, or fractions of the bound width). Model values
    /// come from simulations converged to about 1e-6, so steps near the machine epsilon would differentiate solver
    /// noise; 1e-3 (0.23 % for log-scaled parameters) keeps the truncation error below the data's uncertainty.
    /// </summary>
    public double JacobianStep { get; init; } = 1e-3;

    /// <summary>Model evaluations run at once for a Jacobian.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>|correlation| above which two parameters are reported as not identifiable separately.</summary>
    public double CorrelationWarning { get; init; } = 0.95;

    /// <summary>Relative standard error above which a parameter is reported as poorly determined.</summary>
    public double RelativeErrorWarning { get; init; } = 0.5;
}

/// <summary>
/// Weighted non-linear least squares for model calibration: minimises sum_i ((f_i(p) - y_i) / sigma_i)^2 over bounded
/// parameters (log-scaled where they span decades) with MathNet.Numerics' Levenberg-Marquardt minimiser. The model
/// function is expensive (it runs simulations), so its Jacobian is a forward difference whose evaluations run in parallel,
/// and every point is evaluated once. The covariance is the linearised (J^T W J)^-1 scaled by the reduced chi-square
/// (so standard errors reflect the actual misfit, as in MathNet and scipy's default), and the report warns where
/// parameters are correlated beyond <see cref="WeightedLeastSquaresOptions.CorrelationWarning"/>, poorly determined,
/// or stuck on a bound.
/// </summary>
public static class WeightedLeastSquares
{
    /// <summary>Fits <paramref name="parameters"/> to <paramref name="observations"/>.</summary>
    /// <param name="parameters">What to estimate.</param>
    /// <param name="observations">The data, with uncertainties.</param>
    /// <param name="model">Parameters (SI, in <paramref name="parameters"/> order) to model values (in <paramref name="observations"/> order). Called from several threads at once.</param>
    /// <param name="options">Options, or null for the defaults.</param>
    /// <param name="progress">Receives a line per model evaluation, or null.</param>
    /// <param name="cancellation">Stops between evaluations.</param>
    /// <exception cref="ArgumentException">Bad parameters or observations (the message says which).</exception>
    /// <exception cref="InvalidOperationException">The model returned a non-finite value (the message names the point).</exception>
    public static CalibrationResult Fit(IReadOnlyList<FitParameter> parameters, IReadOnlyList<Observation> observations,
        Func<double[], double[]> model, WeightedLeastSquaresOptions? options = null, IProgress<string>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(model);
        options ??= new WeightedLeastSquaresOptions();
        int np = parameters.Count, n = observations.Count;
        if (np == 0) throw new ArgumentException("nothing to fit: no parameters");
        foreach (var p in parameters)
            if (p.Problem() is { } problem) throw new ArgumentException(problem);
        if (parameters.Select(p => p.Name).Distinct().Count() != np) throw new ArgumentException("a parameter is listed twice");
        foreach (var o in observations)
            if (!(o.Uncertainty > 0) || !double.IsFinite(o.Measured)) throw new ArgumentException($"{o.Label}: expected a finite measured value and a positive uncertainty");
        if (n < np) throw new ArgumentException($"{np} parameters cannot be estimated from {n} observations");

        var evaluator = new CachedModel(parameters, observations.Count, model, progress, cancellation);
        var x = Vector<double>.Build.Dense(n, i => i);
        var y = Vector<double>.Build.Dense(n, i => observations[i].Measured);
        var weights = Vector<double>.Build.Dense(n, i => 1 / (observations[i].Uncertainty * observations[i].Uncertainty));
        var objective = ObjectiveFunction.NonlinearModel(
            (u, _) => Vector<double>.Build.Dense(evaluator.Evaluate(u.ToArray())),
            (u, _) => Matrix<double>.Build.DenseOfArray(evaluator.Jacobian(u.ToArray(), options.JacobianStep, options.Parallelism)),
            x, y, weights);
        var start = parameters.Select(p => p.ToInternal(p.Initial)).ToArray();
        var lower = Vector<double>.Build.Dense(parameters.Select(p => p.ToInternal(p.Lower)).ToArray());
        var upper = Vector<double>.Build.Dense(parameters.Select(p => p.ToInternal(p.Upper)).ToArray());
        double[] initialPredictions = evaluator.Evaluate(start);

        var minimizer = new LevenbergMarquardtMinimizer(initialMu: 1e-3, gradientTolerance: 1e-10, stepTolerance: 1e-5, functionTolerance: 1e-10,
            maximumIterations: options.MaxIterations);
        var found = minimizer.FindMinimum(objective, Vector<double>.Build.Dense(start), lower, upper);
        double[] best = found.MinimizingPoint.ToArray();
        double[] predictions = evaluator.Evaluate(best);
        double[,] jacobian = evaluator.Jacobian(best, options.JacobianStep, options.Parallelism);

        double Chi(double[] f) => Enumerable.Range(0, n).Sum(i => Math.Pow((f[i] - observations[i].Measured) / observations[i].Uncertainty, 2));
        double chi2 = Chi(predictions);
        int dof = n - np;
        var (covariance, singular) = Covariance(jacobian, observations, dof > 0 ? chi2 / dof : 1);
        var estimates = new ParameterEstimate[np];
        var correlation = new double[np, np];
        for (int k = 0; k < np; k++)
        {
            var p = parameters[k];
            double se = Math.Sqrt(Math.Max(0, covariance[k, k])) * Math.Abs(p.Derivative(best[k]));
            double width = Math.Abs(p.ToInternal(p.Upper) - p.ToInternal(p.Lower));
            bool atBound = Math.Min(Math.Abs(best[k] - p.ToInternal(p.Lower)), Math.Abs(best[k] - p.ToInternal(p.Upper))) < 1e-3 * width;
            estimates[k] = new ParameterEstimate(p, p.FromInternal(best[k]), singular ? double.NaN : se, atBound);
            for (int l = 0; l < np; l++)
                correlation[k, l] = singular ? double.NaN : covariance[k, l] / Math.Sqrt(covariance[k, k] * covariance[l, l]);
        }
        var warnings = Warnings(estimates, correlation, singular, options);
        if (found.ReasonForExit == ExitCondition.ExceedIterations)
            warnings.Insert(0, $"the iteration limit ({options.MaxIterations}) was reached before convergence; the estimate may not be the minimum");
        return new CalibrationResult(estimates, correlation, observations.ToArray(), initialPredictions, predictions, chi2, Chi(initialPredictions), dof,
            found.Iterations, evaluator.Evaluations, found.ReasonForExit.ToString(), warnings);
    }

    /// <summary>(J^T W J)^-1 s^2 in internal coordinates, or a singular flag when the data cannot separate the parameters.</summary>
    private static (double[,] Covariance, bool Singular) Covariance(double[,] jacobian, IReadOnlyList<Observation> observations, double scale)
    {
        int n = jacobian.GetLength(0), np = jacobian.GetLength(1);
        var weighted = Matrix<double>.Build.Dense(n, np, (i, k) => jacobian[i, k] / observations[i].Uncertainty);
        var normal = weighted.TransposeThisAndMultiply(weighted);
        var svd = normal.Svd();
        double largest = svd.S[0], smallest = svd.S[np - 1];
        if (!(smallest > 1e-12 * largest)) return (new double[np, np], true);
        var inverse = normal.Inverse() * scale;
        return (inverse.ToArray(), false);
    }

    private static List<string> Warnings(ParameterEstimate[] estimates, double[,] correlation, bool singular, WeightedLeastSquaresOptions options)
    {
        var warnings = new List<string>();
        if (singular)
            warnings.Add("the data do not determine the parameters separately (the normal matrix is singular): fix some of them or add data that distinguish them");
        for (int k = 0; k < estimates.Length; k++)
        {
            var e = estimates[k];
            if (e.AtBound) warnings.Add($"{e.Parameter.Name} ended on a bound ({e.Value:G4}): the data push it beyond the range allowed; its standard error is not meaningful");
            else if (!singular && e.RelativeStandardError > options.RelativeErrorWarning)
                warnings.Add($"{e.Parameter.Name} is poorly determined: standard error {e.RelativeStandardError:P0} of its value");
            for (int l = k + 1; l < estimates.Length; l++)
                if (Math.Abs(correlation[k, l]) > options.CorrelationWarning)
                    warnings.Add($"{e.Parameter.Name} and {estimates[l].Parameter.Name} are not identifiable separately (correlation {correlation[k, l]:+0.000;-0.000}): the data constrain a combination of them");
        }
        return warnings;
    }

    /// <summary>The model in internal coordinates, each point evaluated once (Levenberg-Marquardt asks again for accepted points).</summary>
    private sealed class CachedModel(IReadOnlyList<FitParameter> parameters, int observations, Func<double[], double[]> model, IProgress<string>? progress, CancellationToken cancellation)
    {
        private readonly Dictionary<string, double[]> _cache = new(StringComparer.Ordinal);
        private readonly object _gate = new();
        private int _evaluations;

        public int Evaluations => _evaluations;

        public double[] Evaluate(double[] u)
        {
            string key = string.Join(",", u.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            lock (_gate)
                if (_cache.TryGetValue(key, out var cached)) return cached;
            cancellation.ThrowIfCancellationRequested();
            double[] p = new double[u.Length];
            for (int k = 0; k < u.Length; k++) p[k] = parameters[k].FromInternal(u[k]);
            double[] f = model(p);
            string point = string.Join(", ", parameters.Select((q, k) => $"{q.Name} = {p[k]:G5}"));
            if (f.Length != observations) throw new InvalidOperationException($"the model returned {f.Length} values for {observations} observations");
            if (f.Any(v => !double.IsFinite(v))) throw new InvalidOperationException($"the model gave a non-finite value at {point}");
            int count = Interlocked.Increment(ref _evaluations);
            progress?.Report($"evaluation {count}: {point}");
            lock (_gate) _cache[key] = f;
            return f;
        }

        public double[,] Jacobian(double[] u, double step, int parallelism)
        {
            double[] f0 = Evaluate(u);
            var columns = new double[u.Length][];
            Parallel.For(0, u.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellation }, k =>
            {
                var shifted = (double[])u.Clone();
                // Step inwards from the upper bound so the shifted point stays inside.
                double h = parameters[k].ToInternal(parameters[k].Upper) - u[k] < step ? -step : step;
                shifted[k] += h;
                double[] f = Evaluate(shifted);
                columns[k] = f.Select((v, i) => (v - f0[i]) / h).ToArray();
            });
            var jacobian = new double[f0.Length, u.Length];
            for (int k = 0; k < u.Length; k++)
                for (int i = 0; i < f0.Length; i++) jacobian[i, k] = columns[k][i];
            return jacobian;
        }
    }
}
