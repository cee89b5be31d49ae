namespace CathodeSim.Model.Dfn;

/// <summary>
/// An electrolyte with constant properties (independent of concentration and temperature): for verification against
/// closed-form solutions and for users who give plain numbers.
/// </summary>
/// <param name="Kappa">Ionic conductivity, S/m.</param>
/// <param name="SaltDiffusivity">Salt diffusivity, m^2/s.</param>
/// <param name="TransferenceNumber">Cation transference number.</param>
/// <param name="Tdf">Thermodynamic factor.</param>
public sealed record ConstantLiquidElectrolyte(double Kappa, double SaltDiffusivity, double TransferenceNumber, double Tdf) : ILiquidElectrolyte
{
    /// <inheritdoc/>
    public string Name => "constant-property electrolyte";

    /// <inheritdoc/>
    public double Conductivity(double concentration, double temperature) => Kappa;

    /// <inheritdoc/>
    public double Diffusivity(double concentration, double temperature) => SaltDiffusivity;

    /// <inheritdoc/>
    public double Transference(double concentration, double temperature) => TransferenceNumber;

    /// <inheritdoc/>
    public double ThermodynamicFactor(double concentration, double temperature) => Tdf;

    /// <inheritdoc/>
    public double ConductivitySlope(double concentration, double temperature) => 0;

    /// <inheritdoc/>
    public double DiffusivitySlope(double concentration, double temperature) => 0;

    /// <inheritdoc/>
    public double TransferenceSlope(double concentration, double temperature) => 0;

    /// <inheritdoc/>
    public double ThermodynamicFactorSlope(double concentration, double temperature) => 0;
}
