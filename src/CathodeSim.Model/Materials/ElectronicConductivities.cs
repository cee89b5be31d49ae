namespace CathodeSim.Model.Materials;

/// <summary>A stoichiometry-independent electronic conductivity.</summary>
/// <param name="Value">S/m.</param>
public sealed record ConstantElectronicConductivity(double Value) : IElectronicConductivity
{
    /// <inheritdoc />
    public double At(double stoichiometry) => Value;
}

/// <summary>
/// Electronic conductivity of a layered oxide that switches from insulating (fully lithiated) to metallic-like
/// (delithiated): a logistic step in log10(sigma) centred at <paramref name="Midpoint"/>.
/// Amin &amp; Chiang 2016 (J. Electrochem. Soc. 163, A1512) measured about 1e-7 S/cm near x = 1 rising to about
/// 1e-2 S/cm after a few per cent of delithiation for NMC.
/// </summary>
/// <param name="Lithiated">sigma at x -> 1, S/m.</param>
/// <param name="Delithiated">sigma at low x, S/m.</param>
/// <param name="Midpoint">x at which log10(sigma) is halfway.</param>
/// <param name="Width">Stoichiometry width of the step.</param>
public sealed record LogisticElectronicConductivity(double Lithiated, double Delithiated, double Midpoint, double Width) : IElectronicConductivity
{
    /// <inheritdoc />
    public double At(double x)
    {
        double lo = Math.Log10(Lithiated), hi = Math.Log10(Delithiated);
        return Math.Pow(10.0, lo + (hi - lo) / (1.0 + Math.Exp((x - Midpoint) / Width)));
    }
}
