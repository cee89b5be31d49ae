namespace CathodeSim.Model.Materials;

/// <summary>Solid-state chemical diffusion coefficient as a function of stoichiometry, at the reference temperature.</summary>
public interface IDiffusivity
{
    /// <summary>D(x) in m^2/s.</summary>
    double At(double stoichiometry);

    /// <summary>dD/dx in m^2/s.</summary>
    double Derivative(double stoichiometry);

    /// <summary>D(x) and, in <paramref name="slope"/>, dD/dx: the values of <see cref="At"/> and <see cref="Derivative"/>, in one call where a law shares their work.</summary>
    double Evaluate(double stoichiometry, out double slope)
    {
        slope = Derivative(stoichiometry);
        return At(stoichiometry);
    }
}
