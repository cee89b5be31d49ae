namespace CathodeSim.Model.Dfn;

/// <summary>
/// Transport properties of a binary liquid electrolyte in concentrated-solution theory (Newman), as functions of the
/// salt concentration c (mol/m^3) and the temperature T (K). All values are bulk values (no porosity correction). The
/// slopes in c are the analytic derivatives of the same laws; the DFN's Newton Jacobian is assembled from them.
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

    /// <summary>d kappa / dc at fixed temperature, S m^2/mol (0 where the law clamps c).</summary>
    double ConductivitySlope(double concentration, double temperature);

    /// <summary>d D_e / dc at fixed temperature, m^5/(mol s).</summary>
    double DiffusivitySlope(double concentration, double temperature);

    /// <summary>d t+ / dc at fixed temperature, m^3/mol.</summary>
    double TransferenceSlope(double concentration, double temperature);

    /// <summary>d TDF / dc at fixed temperature, m^3/mol.</summary>
    double ThermodynamicFactorSlope(double concentration, double temperature);
}
