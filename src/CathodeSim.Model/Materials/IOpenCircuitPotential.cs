namespace CathodeSim.Model.Materials;

/// <summary>Open-circuit potential of an insertion material against Li/Li+ as a function of stoichiometry.</summary>
public interface IOpenCircuitPotential
{
    /// <summary>U(x) in volts vs Li/Li+, x = c / c_max.</summary>
    double Potential(double stoichiometry);

    /// <summary>dU/dx in volts.</summary>
    double Slope(double stoichiometry);

    /// <summary>
    /// U at x = 1 - <paramref name="vacancy"/>, resolved to the vacancy itself (1 - x cannot be formed from x near 1 in
    /// floating point). Laws with a Nernst divergence at full lithiation override this; the default evaluates U(1 - y).
    /// </summary>
    double PotentialNearFull(double vacancy) => Potential(1 - vacancy);

    /// <summary>dU/dx at x = 1 - <paramref name="vacancy"/> (see <see cref="PotentialNearFull"/>).</summary>
    double SlopeNearFull(double vacancy) => Slope(1 - vacancy);
}
