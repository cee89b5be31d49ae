namespace CathodeSim.Model.Dfn;

/// <summary>
/// Transport properties of a binary liquid electrolyte in concentrated-solution theory (Newman), as functions of the
/// salt concentration c (mol/m^3) and the temperature T (K). All values are bulk values (no porosity correction).
/// </summary>
public interface ILiquidElectrolyte
{
    /// <summary>Display name.</summary>
    string Name { get; }

    /// <summary>Ionic conductivity kappa, S/m.</summary>
    double Conductivity(double concentration, double temperature);

    /// <summary>Salt diffusivity D_e, m^2/s.</summary>
    double Diffusivity(double concentration, double temperature);

    /// <summary>Cation transference number t+ (against the solvent velocity).</summary>
    double Transference(double concentration, double temperature);

    /// <summary>Thermodynamic factor 1 + d ln f / d ln c.</summary>
    double ThermodynamicFactor(double concentration, double temperature);
}
