namespace CathodeSim.Model.Materials;

/// <summary>
/// The chemical diffusivity from a self (tracer-like) diffusivity and the thermodynamic factor of the OCP:
/// D(x) = D_self Theta(x), Theta = -(F / RT) x (1 - x) dU/dx (Darken; e.g. Baker and Verbrugge 2018, J. Electrochem. Soc.
/// 165, A3952, for MSMR hosts). An ideal lattice gas (one Nernstian reaction) has Theta = 1; an MSMR OCP raises Theta
/// between its reactions' plateaus and keeps it finite at both edges.
/// </summary>
/// <remarks>
/// Theta is evaluated at <see cref="Temperature"/> (the material's reference temperature); the Arrhenius factor of the
/// diffusivity carries the temperature dependence. Near full lithiation U is read from the vacancy
/// (<see cref="IOpenCircuitPotential.SlopeNearFull"/>), so that x (1 - x) dU/dx does not lose its digits there.
/// </remarks>
public sealed class ThermodynamicFactorDiffusivity : IDiffusivity
{
    /// <summary>How close to 0 or 1 Theta is evaluated; at the bounds themselves x (1 - x) dU/dx is 0 times infinity.</summary>
    public const double EdgeOffset = 1e-12;

    private const double DerivativeStep = 1e-6;
    private readonly double _f;

    /// <summary>Creates the law.</summary>
    /// <param name="selfDiffusivity">D_self, m^2/s (> 0).</param>
    /// <param name="ocp">The material's open-circuit potential.</param>
    /// <param name="temperature">Temperature at which Theta is evaluated, K.</param>
    public ThermodynamicFactorDiffusivity(double selfDiffusivity, IOpenCircuitPotential ocp, double temperature)
    {
        if (!(selfDiffusivity > 0)) throw new ArgumentOutOfRangeException(nameof(selfDiffusivity), "the self diffusivity must be > 0");
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature));
        SelfDiffusivity = selfDiffusivity;
        Ocp = ocp ?? throw new ArgumentNullException(nameof(ocp));
        Temperature = temperature;
        _f = PhysicalConstants.Faraday / (PhysicalConstants.Gas * temperature);
    }

    /// <summary>D_self, m^2/s.</summary>
    public double SelfDiffusivity { get; }

    /// <summary>The OCP whose slope gives the thermodynamic factor.</summary>
    public IOpenCircuitPotential Ocp { get; }

    /// <summary>K.</summary>
    public double Temperature { get; }

    /// <summary>
    /// Smallest thermodynamic factor accepted: an OCP with Nernstian (logarithmic) edges, as MSMR, keeps Theta of order
    /// 1/omega there, while a fit whose slope stays finite at x = 1 (Chen 2020's, say) drives Theta, and with it D, to 0
    /// at the edge, where no lithium could then enter or leave; and Theta &lt;= 0 (an OCP that rises with x) is no
    /// diffusivity at all.
    /// </summary>
    public const double MinimumFactor = 1e-3;

    /// <summary>
    /// The first stoichiometry, on a grid of 4001 points and at both edges, at which Theta is below
    /// <see cref="MinimumFactor"/>, with Theta there; null where the OCP gives a usable factor everywhere.
    /// </summary>
    public (double Stoichiometry, double Factor)? FirstUnusablePoint()
    {
        for (int i = 0; i <= 4000; i++)
        {
            double x = i / 4000.0, theta = ThermodynamicFactor(x);
            if (!(theta >= MinimumFactor)) return (x, theta);
        }
        return null;
    }

    /// <summary>Theta(x), dimensionless.</summary>
    public double ThermodynamicFactor(double stoichiometry)
    {
        double x = Math.Clamp(stoichiometry, EdgeOffset, 1 - EdgeOffset);
        if (x <= 0.5) return -_f * x * (1 - x) * Ocp.Slope(x);
        double vacancy = Math.Max(1 - stoichiometry, EdgeOffset);
        return -_f * (1 - vacancy) * vacancy * Ocp.SlopeNearFull(vacancy);
    }

    /// <inheritdoc />
    public double At(double stoichiometry) => SelfDiffusivity * ThermodynamicFactor(stoichiometry);

    /// <inheritdoc />
    public double Derivative(double stoichiometry)
    {
        double lo = Math.Max(0, stoichiometry - DerivativeStep), hi = Math.Min(1, stoichiometry + DerivativeStep);
        return (At(hi) - At(lo)) / (hi - lo);
    }
}
