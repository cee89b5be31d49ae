namespace CathodeSim.Model.Materials;

/// <summary>
/// Arrhenius temperature dependence of a transport or kinetic parameter:
/// P(T) = P(T_ref) * exp(-(Ea/R) (1/T - 1/T_ref)).
/// </summary>
/// <param name="ActivationEnergy">Activation energy Ea, J/mol (zero: no temperature dependence).</param>
/// <param name="ReferenceTemperature">Temperature T_ref at which the reference value was measured, K.</param>
public sealed record ArrheniusFactor(double ActivationEnergy, double ReferenceTemperature)
{
    /// <summary>No temperature dependence, referenced to 25 degC.</summary>
    public static ArrheniusFactor None { get; } = new(0.0, 298.15);

    /// <summary>The factor P(T)/P(T_ref).</summary>
    public double At(double temperature)
    {
        if (temperature <= 0) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be > 0 K");
        return Math.Exp(-ActivationEnergy / PhysicalConstants.Gas * (1.0 / temperature - 1.0 / ReferenceTemperature));
    }
}
