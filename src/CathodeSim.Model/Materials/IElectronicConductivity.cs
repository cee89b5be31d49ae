namespace CathodeSim.Model.Materials;

/// <summary>Bulk electronic conductivity of an active material as a function of its lithium stoichiometry, at the reference temperature.</summary>
public interface IElectronicConductivity
{
    /// <summary>sigma(x) in S/m.</summary>
    double At(double stoichiometry);
}
