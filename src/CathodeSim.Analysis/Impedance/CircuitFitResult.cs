using System.Numerics;

namespace CathodeSim.Analysis.Impedance;

/// <summary>A parameter the data do not pin down, and why (see <see cref="CircuitFitDiagnostics"/>).</summary>
/// <param name="Parameter">Parameter name, e.g. CPE1_1.</param>
/// <param name="Reason">What is wrong with it, in words.</param>
public sealed record FitWarning(string Parameter, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Parameter}: {Reason}";
}

/// <summary>The result of a complex non-linear least-squares fit of an equivalent circuit.</summary>
/// <param name="Circuit">The circuit.</param>
/// <param name="Parameters">Fitted parameters (in <see cref="Circuit.ParameterNames"/> order), SI units.</param>
/// <param name="StandardErrors">Standard errors, 0 for fixed parameters, NaN where undetermined.</param>
/// <param name="Fixed">Which parameters were held.</param>
/// <param name="InitialGuess">The starting point of the best start.</param>
/// <param name="Frequency">Hz.</param>
/// <param name="Measured">Data impedance, ohm.</param>
/// <param name="Fitted">Model impedance at the optimum, ohm.</param>
/// <param name="Weighting">Residual weighting used.</param>
/// <param name="ChiSquare">Weighted residual sum of squares (real and imaginary parts).</param>
/// <param name="DegreesOfFreedom">2N minus the free parameters.</param>
/// <param name="Iterations">Levenberg-Marquardt iterations of the best start (screening and polishing).</param>
/// <param name="Converged">
/// Whether Levenberg-Marquardt met its convergence test before the iteration limit and no parameter is degenerate
/// (<see cref="Warnings"/> is empty): a fit with a parameter on a bound or undetermined is never reported as converged.
/// </param>
public sealed record CircuitFitResult(
    Circuit Circuit, double[] Parameters, double[] StandardErrors, bool[] Fixed, double[] InitialGuess,
    double[] Frequency, Complex[] Measured, Complex[] Fitted, ImpedanceWeighting Weighting,
    double ChiSquare, int DegreesOfFreedom, int Iterations, bool Converged)
{
    /// <summary>Whether the optimiser stopped at its iteration limit (the other reason <see cref="Converged"/> can be false).</summary>
    public bool ReachedIterationLimit { get; init; }

    /// <summary>Degenerate parameters: on a bound, run off from the data's scale, an exponent at 0 or 1, or a standard error above 10x the value.</summary>
    public IReadOnlyList<FitWarning> Warnings { get; init; } = [];

    /// <summary>Starting points tried (data-based and random).</summary>
    public int Starts { get; init; } = 1;

    /// <summary>0-based index of the start that gave the result (data-based starts first, then the random ones).</summary>
    public int BestStart { get; init; }

    /// <summary>Wall time of the whole fit, all starts.</summary>
    public TimeSpan FitTime { get; init; }

    /// <summary>Evaluations of the circuit and its derivatives over every frequency made by the fit: its work, independent of the machine.</summary>
    public long Evaluations { get; init; }

    /// <summary>Chi-square per degree of freedom (the residual variance).</summary>
    public double ReducedChiSquare => DegreesOfFreedom > 0 ? ChiSquare / DegreesOfFreedom : double.NaN;

    /// <summary>sqrt(chi-square / 2N): with modulus weighting, the RMS of the residuals relative to |Z|.</summary>
    public double RelativeRms => Math.Sqrt(ChiSquare / (2.0 * Frequency.Length));

    /// <summary>Parameter <paramref name="name"/>.</summary>
    public double this[string name] => Parameters[Circuit.IndexOf(name) is >= 0 and var i ? i : throw new KeyNotFoundException(name)];

    /// <summary>Standard error of <paramref name="name"/>.</summary>
    public double ErrorOf(string name) => StandardErrors[Circuit.IndexOf(name) is >= 0 and var i ? i : throw new KeyNotFoundException(name)];
}
