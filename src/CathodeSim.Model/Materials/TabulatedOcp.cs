namespace CathodeSim.Model.Materials;

/// <summary>An open-circuit potential given as a table of (x, U vs Li), interpolated linearly; held flat outside the table.</summary>
public sealed class TabulatedOcp : IOpenCircuitPotential
{
    private readonly PiecewiseLinearTable _table;

    /// <summary>Creates the table; stoichiometries must increase strictly.</summary>
    public TabulatedOcp(IReadOnlyList<double> stoichiometry, IReadOnlyList<double> potential)
    {
        _table = new PiecewiseLinearTable(stoichiometry, potential, "OCP table");
        Stoichiometry = stoichiometry.ToArray();
        Potentials = potential.ToArray();
    }

    /// <summary>Table abscissa.</summary>
    public IReadOnlyList<double> Stoichiometry { get; }

    /// <summary>Table values, V vs Li.</summary>
    public IReadOnlyList<double> Potentials { get; }

    /// <inheritdoc />
    public double Potential(double x) => _table.Evaluate(x).Value;

    /// <inheritdoc />
    public double Slope(double x) => _table.Evaluate(x).Slope;
}
