namespace CathodeSim.Model.Materials;

/// <summary>Solid-state chemical diffusion coefficient as a function of stoichiometry, at the reference temperature.</summary>
public interface IDiffusivity
{
    /// <summary>D(x) in m^2/s.</summary>
    double At(double stoichiometry);

    /// <summary>dD/dx in m^2/s.</summary>
    double Derivative(double stoichiometry);
}
