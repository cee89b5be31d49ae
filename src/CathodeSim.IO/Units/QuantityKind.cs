namespace CathodeSim.IO.Units;

/// <summary>
/// What a configuration key expects: a dimension together with words and an example for error messages,
/// e.g. "expected a mass such as '5.5 mg'".
/// </summary>
/// <param name="Description">Noun phrase with article, e.g. "a mass".</param>
/// <param name="Dimension">Required dimension.</param>
/// <param name="Example">A valid example, e.g. "5.5 mg".</param>
public sealed record QuantityKind(string Description, Dimension Dimension, string Example)
{
    private static readonly Dimension M = Dimension.OfLength, Kg = Dimension.OfMass, S = Dimension.OfTime,
        A = Dimension.OfCurrent, K = Dimension.OfTemperature, Mol = Dimension.OfAmount;

    /// <summary>A pure number.</summary>
    public static QuantityKind Number { get; } = new("a plain number", Dimension.None, "0.65");

    /// <summary>kg.</summary>
    public static QuantityKind Mass { get; } = new("a mass", Kg, "5.5 mg");

    /// <summary>m.</summary>
    public static QuantityKind Length { get; } = new("a length", M, "4 um");

    /// <summary>m^2.</summary>
    public static QuantityKind Area { get; } = new("an area", M.Pow(2), "0.785 cm^2");

    /// <summary>m^3.</summary>
    public static QuantityKind Volume { get; } = new("a volume", M.Pow(3), "1 mL");

    /// <summary>s.</summary>
    public static QuantityKind Time { get; } = new("a time", S, "15 min");

    /// <summary>K (absolute).</summary>
    public static QuantityKind Temperature { get; } = new("a temperature", K, "25 degC");

    /// <summary>Hz (1/s).</summary>
    public static QuantityKind Frequency { get; } = new("a frequency", S.Pow(-1), "10 mHz");

    /// <summary>A.</summary>
    public static QuantityKind Current { get; } = new("a current", A, "1 mA");

    /// <summary>V.</summary>
    public static QuantityKind Voltage { get; } = new("a voltage", Kg * M.Pow(2) / S.Pow(3) / A, "3.7 V");

    /// <summary>C = A s.</summary>
    public static QuantityKind Charge { get; } = new("a charge", A * S, "0.5 mAh");

    /// <summary>J.</summary>
    public static QuantityKind Energy { get; } = new("an energy", Kg * M.Pow(2) / S.Pow(2), "1 J");

    /// <summary>W.</summary>
    public static QuantityKind Power { get; } = new("a power", Kg * M.Pow(2) / S.Pow(3), "1 mW");

    /// <summary>ohm.</summary>
    public static QuantityKind Resistance { get; } = new("a resistance", Kg * M.Pow(2) / S.Pow(3) / A.Pow(2), "10 ohm");

    /// <summary>S.</summary>
    public static QuantityKind Conductance { get; } = new("a conductance", (Kg * M.Pow(2) / S.Pow(3) / A.Pow(2)).Pow(-1), "1 mS");

    /// <summary>A/m^2.</summary>
    public static QuantityKind CurrentDensity { get; } = new("a current density", A / M.Pow(2), "0.2 mA/cm^2");

    /// <summary>S/m.</summary>
    public static QuantityKind Conductivity { get; } = new("a conductivity", (Kg * M.Pow(3) / S.Pow(3) / A.Pow(2)).Pow(-1), "1.49 mS/cm");

    /// <summary>ohm m^2.</summary>
    public static QuantityKind AreaResistance { get; } = new("an area-specific resistance", Kg * M.Pow(4) / S.Pow(3) / A.Pow(2), "10 ohm cm^2");

    /// <summary>C/kg.</summary>
    public static QuantityKind SpecificCharge { get; } = new("a specific capacity", A * S / Kg, "200 mAh/g");

    /// <summary>kg/mol.</summary>
    public static QuantityKind MolarMass { get; } = new("a molar mass", Kg / Mol, "97.46 g/mol");

    /// <summary>kg/m^3.</summary>
    public static QuantityKind Density { get; } = new("a density", Kg / M.Pow(3), "4.79 g/cm^3");

    /// <summary>J/mol.</summary>
    public static QuantityKind MolarEnergy { get; } = new("an activation energy", Kg * M.Pow(2) / S.Pow(2) / Mol, "12 kJ/mol");

    /// <summary>m^2/s.</summary>
    public static QuantityKind Diffusivity { get; } = new("a diffusivity", M.Pow(2) / S, "1e-15 m^2/s");

    /// <summary>F/m^2.</summary>
    public static QuantityKind AreaCapacitance { get; } = new("a capacitance per area", (Kg * M.Pow(4) / S.Pow(4) / A.Pow(2)).Pow(-1), "20 uF/cm^2");

    /// <summary>J/K.</summary>
    public static QuantityKind HeatCapacity { get; } = new("a heat capacity", Kg * M.Pow(2) / S.Pow(2) / K, "5 J/K");

    /// <summary>W/K.</summary>
    public static QuantityKind HeatTransfer { get; } = new("a heat-transfer coefficient", Kg * M.Pow(2) / S.Pow(3) / K, "0.05 W/K");

    /// <summary>mol/m^3.</summary>
    public static QuantityKind Concentration { get; } = new("a concentration", Mol / M.Pow(3), "49000 mol/m^3");

    /// <summary>All kinds above, for describing what a value was instead.</summary>
    public static IReadOnlyList<QuantityKind> All { get; } =
    [
        Number, Mass, Length, Area, Volume, Time, Temperature, Current, Voltage, Charge, Energy, Power, Resistance,
        Conductance, CurrentDensity, Conductivity, AreaResistance, SpecificCharge, MolarMass, Density, MolarEnergy,
        Diffusivity, Concentration, AreaCapacitance, HeatCapacity, HeatTransfer,
    ];

    /// <summary>Words for a dimension: "a length" if it is a known kind, otherwise its SI form "(kg m^-2)".</summary>
    public static string Describe(Dimension dimension)
    {
        foreach (var kind in All)
            if (kind.Dimension == dimension) return kind.Description;
        return $"a quantity in {dimension}";
    }
}
