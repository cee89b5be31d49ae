namespace CathodeSim.Analysis.Calibration;

/// <summary>How a parameter is moved by the fit.</summary>
public enum ParameterScale
{
    /// <summary>In its own units (for parameters known within a factor of a few).</summary>
    Linear,
    /// <summary>In log10 (for parameters that may span decades, such as exchange current densities and conductivities).</summary>
    Log,
}

/// <summary>One model parameter to estimate, in SI units.</summary>
/// <param name="Name">What the parameter is (for a config-driven fit: its config key path).</param>
/// <param name="Initial">Starting value.</param>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
/// <param name="Scale">Linear or log10 steps.</param>
public sealed record FitParameter(string Name, double Initial, double Lower, double Upper, ParameterScale Scale)
{
    /// <summary>Why this parameter cannot be fitted, or null when it can.</summary>
    public string? Problem() =>
        !(Lower < Upper) ? $"{Name}: lower bound {Lower:G4} is not below upper bound {Upper:G4}"
        : !(Initial >= Lower && Initial <= Upper) ? $"{Name}: initial value {Initial:G4} is outside its bounds [{Lower:G4}, {Upper:G4}]"
        : Scale == ParameterScale.Log && !(Lower > 0) ? $"{Name}: a log-scaled parameter needs a positive lower bound, got {Lower:G4}"
        : null;

    /// <summary>The internal coordinate the optimiser moves: log10 p, or p over the bound width (both O(1)).</summary>
    internal double ToInternal(double value) => Scale == ParameterScale.Log ? Math.Log10(value) : value / (Upper - Lower);

    /// <summary>Inverse of <see cref="ToInternal"/>.</summary>
    internal double FromInternal(double u) => Scale == ParameterScale.Log ? Math.Pow(10, u) : u * (Upper - Lower);

    /// <summary>dp/du at internal coordinate <paramref name="u"/>.</summary>
    internal double Derivative(double u) => Scale == ParameterScale.Log ? Math.Pow(10, u) * Math.Log(10) : Upper - Lower;
}

/// <summary>One measured value the model is fitted to.</summary>
/// <param name="Label">What it is ("B-NCM cycle 1 charge 3.20 V R_cathode_SE").</param>
/// <param name="Measured">The measured value (in the units the model function returns).</param>
/// <param name="Uncertainty">Its standard uncertainty (> 0): the residual is weighted by 1 / Uncertainty.</param>
public sealed record Observation(string Label, double Measured, double Uncertainty);
