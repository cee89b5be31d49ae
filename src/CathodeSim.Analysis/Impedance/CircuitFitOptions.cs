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
    /// <summary>The default number of random starts (chosen so that the real all-solid-state spectra reach their best minimum, at under 50 ms of CPU for 90 points).</summary>
    public const int DefaultStarts = 24;

    /// <summary>Residual weighting.</summary>
    public ImpedanceWeighting Weighting { get; init; } = ImpedanceWeighting.Modulus;

    /// <summary>Initial guesses by parameter name; the others are estimated from the data. Random starts keep only the fixed ones.</summary>
    public IReadOnlyDictionary<string, double> Initial { get; init; } = new Dictionary<string, double>();

    /// <summary>Parameters held at their initial value.</summary>
    public IReadOnlyCollection<string> Fixed { get; init; } = [];

    /// <summary>Bounds by parameter name (default: (0, inf), CPE alpha (0, 1]).</summary>
    public IReadOnlyDictionary<string, (double Lower, double Upper)> Bounds { get; init; } = new Dictionary<string, (double, double)>();

    /// <summary>Most starting points estimated from the data (orders of the arcs' characteristic frequencies) when not every initial value is given.</summary>
    public int MaxStarts { get; init; } = 6;

    /// <summary>
    /// Random starts added to the data-based ones (log-uniform within ranges derived from the spectrum, see
    /// <see cref="ImpedanceRandomStarts"/>); 0 fits from the data-based starts (or the given initial values) alone.
    /// </summary>
    public int Starts { get; init; } = DefaultStarts;

    /// <summary>Seed of the random starts: the same seed gives the same result bit for bit, whatever the parallelism.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Levenberg-Marquardt iterations per round of the successive halving: every start gets one round, the better half of the
    /// distinct ones another, and so on until <see cref="Polished"/> remain.
    /// </summary>
    public int ScreeningIterations { get; init; } = 15;

    /// <summary>How many of the best starts are descended to convergence at the end of the successive halving.</summary>
    public int Polished { get; init; } = 2;

    /// <summary>Iteration limit of Levenberg-Marquardt when polishing.</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>Starts run at once (-1: one per core). The result does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
