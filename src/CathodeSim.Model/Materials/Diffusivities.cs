namespace CathodeSim.Model.Materials;

/// <summary>A stoichiometry-independent diffusivity.</summary>
/// <param name="Value">D, m^2/s.</param>
public sealed record ConstantDiffusivity(double Value) : IDiffusivity
{
    /// <inheritdoc />
    public double At(double stoichiometry) => Value;

    /// <inheritdoc />
    public double Derivative(double stoichiometry) => 0.0;
}

/// <summary>
/// A diffusivity table interpolated linearly in log10(D): GITT diffusivities span orders of magnitude,
/// and log-linear interpolation keeps D positive and its derivative bounded.
/// </summary>
public sealed class LogTabulatedDiffusivity : IDiffusivity
{
    private readonly PiecewiseLinearTable _log10;

    // 10^v as e^(v ln 10): Math.Exp costs about a third of Math.Pow, and the DFN evaluates D at every particle face on
    // every residual; the two differ in the last bit or two.
    private static readonly double Ln10 = Math.Log(10.0);

    /// <summary>Creates the table from (x, D in m^2/s) points; x increasing strictly, D > 0.</summary>
    public LogTabulatedDiffusivity(IReadOnlyList<double> stoichiometry, IReadOnlyList<double> diffusivity)
    {
        if (diffusivity.Any(d => !(d > 0))) throw new ArgumentException("diffusivity table: every D must be > 0");
        _log10 = new PiecewiseLinearTable(stoichiometry, diffusivity.Select(Math.Log10).ToArray(), "diffusivity table");
        Stoichiometry = stoichiometry.ToArray();
        Values = diffusivity.ToArray();
    }

    /// <summary>Table abscissa.</summary>
    public IReadOnlyList<double> Stoichiometry { get; }

    /// <summary>Table values, m^2/s.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <inheritdoc />
    public double At(double x) => Math.Exp(Ln10 * _log10.Evaluate(x).Value);

    /// <inheritdoc />
    public double Derivative(double x)
    {
        var (v, s) = _log10.Evaluate(x);
        return Math.Exp(Ln10 * v) * Ln10 * s;
    }

    /// <inheritdoc />
    public double Evaluate(double x, out double slope)
    {
        var (v, s) = _log10.Evaluate(x);
        double d = Math.Exp(Ln10 * v);
        slope = d * Ln10 * s;
        return d;
    }
}
