using CathodeSim.Model.Materials;

namespace CathodeSim.Model.Dfn;

/// <summary>
/// LiPF6 in EC:DMC with the Dualfoil fits to the data of Capiglia et al. 1999 (J. Power Sources 81-82, 859), as used in
/// the Marquis et al. 2019 parameter set of PyBaMM (input/parameters/lithium-ion/electrolytes/lipf6_Marquis2019/:
/// electrolyte_conductivity_Capiglia1999.py at commit 8d695108baf3f99c6b4029397782303677d34ef1,
/// electrolyte_diffusivity_Capiglia1999.py at 392aa242c235fbe27577e989fc4387fbb6e6555c, parameters.csv at
/// 48aafd513f7283c50995135a2efa6ca7c390110e; BSD-3):
/// kappa = 0.0911 + 1.9101 m - 1.052 m^2 + 0.1554 m^3 S/m, D_e = 5.34e-10 exp(-0.65 m) m^2/s with m = c / (1000 mol/m^3),
/// Arrhenius factors with 34.7 kJ/mol (kappa) and 37.04 kJ/mol (D_e) about 298.15 K, t+ = 0.4 and an ideal solution
/// (thermodynamic factor 1), as in that set.
/// </summary>
public sealed class Capiglia1999LiPF6 : ILiquidElectrolyte
{
    /// <summary>The one instance.</summary>
    public static Capiglia1999LiPF6 Instance { get; } = new();

    private static readonly ArrheniusFactor ConductivityTemperature = new(34700, 298.15);
    private static readonly ArrheniusFactor DiffusivityTemperature = new(37040, 298.15);

    private Capiglia1999LiPF6() { }

    /// <inheritdoc/>
    public string Name => "LiPF6 in EC:DMC (Capiglia 1999, Dualfoil fits)";

    /// <inheritdoc/>
    public double Conductivity(double concentration, double temperature)
    {
        double m = concentration / 1000.0;
        return (0.0911 + m * (1.9101 + m * (-1.052 + m * 0.1554))) * ConductivityTemperature.At(temperature);
    }

    /// <inheritdoc/>
    public double Diffusivity(double concentration, double temperature) => 5.34e-10 * Math.Exp(-0.65 * concentration / 1000.0) * DiffusivityTemperature.At(temperature);

    /// <inheritdoc/>
    public double Transference(double concentration, double temperature) => 0.4;

    /// <inheritdoc/>
    public double ThermodynamicFactor(double concentration, double temperature) => 1.0;

    /// <inheritdoc/>
    public double ConductivitySlope(double concentration, double temperature)
    {
        double m = concentration / 1000.0;
        return (1.9101 + m * (-2 * 1.052 + m * 3 * 0.1554)) / 1000.0 * ConductivityTemperature.At(temperature);
    }

    /// <inheritdoc/>
    public double DiffusivitySlope(double concentration, double temperature) => -0.65 / 1000.0 * Diffusivity(concentration, temperature);

    /// <inheritdoc/>
    public double TransferenceSlope(double concentration, double temperature) => 0;

    /// <inheritdoc/>
    public double ThermodynamicFactorSlope(double concentration, double temperature) => 0;
}
