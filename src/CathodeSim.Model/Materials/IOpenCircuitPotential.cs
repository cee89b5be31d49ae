namespace CathodeSim.Model.Materials;

/// <summary>Open-circuit potential of an insertion material against Li/Li+ as a function of stoichiometry.</summary>
public interface IOpenCircuitPotential
{
    /// <summary>U(x) in volts vs Li/Li+, x = c / c_max.</summary>
    double Potential(double stoichiometry);

    /// <summary>dU/dx in volts.</summary>
    double Slope(double stoichiometry);
}
