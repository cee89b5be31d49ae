namespace CathodeSim.Analysis.Calibration;

/// <summary>One fitted parameter.</summary>
/// <param name="Parameter">The parameter as it was set up.</param>
/// <param name="Value">Estimate, SI.</param>
/// <param name="StandardError">Standard error, SI (from the linearised covariance; for log-scaled parameters by the delta method).</param>
/// <param name="AtBound">Whether the estimate sits on a bound (its standard error then means little).</param>
public sealed record ParameterEstimate(FitParameter Parameter, double Value, double StandardError, bool AtBound)
{
    /// <summary>Standard error over the value.</summary>
    public double RelativeStandardError => StandardError / Math.Abs(Value);
}

/// <summary>The outcome of <see cref="WeightedLeastSquares.Fit"/>.</summary>
/// <param name="Estimates">Fitted parameters with standard errors.</param>
/// <param name="Correlation">Parameter correlation matrix (NaN where undetermined).</param>
/// <param name="Observations">The data.</param>
/// <param name="InitialPredictions">Model values at the starting point.</param>
/// <param name="Predictions">Model values at the estimate.</param>
/// <param name="ChiSquare">Sum of squared weighted residuals at the estimate.</param>
/// <param name="InitialChiSquare">The same at the starting point.</param>
/// <param name="DegreesOfFreedom">Observations minus parameters.</param>
/// <param name="Iterations">Levenberg-Marquardt iterations.</param>
/// <param name="Evaluations">Model evaluations (each one a set of simulations).</param>
/// <param name="ExitReason">Why the optimiser stopped (MathNet's exit condition).</param>
/// <param name="Warnings">Identifiability and convergence warnings, in words.</param>
public sealed record CalibrationResult(
    IReadOnlyList<ParameterEstimate> Estimates, double[,] Correlation, IReadOnlyList<Observation> Observations,
    double[] InitialPredictions, double[] Predictions, double ChiSquare, double InitialChiSquare, int DegreesOfFreedom,
    int Iterations, int Evaluations, string ExitReason, IReadOnlyList<string> Warnings)
{
    /// <summary>Chi-square per degree of freedom (1 when the stated uncertainties describe the misfit).</summary>
    public double ReducedChiSquare => DegreesOfFreedom > 0 ? ChiSquare / DegreesOfFreedom : double.NaN;

    /// <summary>Weighted residual (prediction - measured) / uncertainty of observation <paramref name="i"/>.</summary>
    public double NormalisedResidual(int i) => (Predictions[i] - Observations[i].Measured) / Observations[i].Uncertainty;
}
