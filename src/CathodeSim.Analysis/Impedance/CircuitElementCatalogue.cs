namespace CathodeSim.Analysis.Impedance;

/// <summary>
/// What each element kind is called in a circuit string and what its parameters are: the one table the parser, the fit's
/// bounds, random starts, first guesses and diagnostics read.
/// </summary>
public static class CircuitElementCatalogue
{
    private static readonly Dictionary<CircuitElementKind, (string Letters, CircuitParameterRole[] Roles, string[] Units)> Table = new()
    {
        [CircuitElementKind.R] = ("R", [CircuitParameterRole.Resistance], ["ohm"]),
        [CircuitElementKind.C] = ("C", [CircuitParameterRole.Capacitance], ["F"]),
        [CircuitElementKind.L] = ("L", [CircuitParameterRole.Inductance], ["H"]),
        [CircuitElementKind.CPE] = ("CPE", [CircuitParameterRole.AdmittanceCoefficient, CircuitParameterRole.Exponent], ["F s^(alpha-1)", "1"]),
        [CircuitElementKind.W] = ("W", [CircuitParameterRole.WarburgCoefficient], ["ohm s^-1/2"]),
        [CircuitElementKind.Wo] = ("Wo", [CircuitParameterRole.Resistance, CircuitParameterRole.TimeConstant], ["ohm", "s"]),
        [CircuitElementKind.Ws] = ("Ws", [CircuitParameterRole.Resistance, CircuitParameterRole.TimeConstant], ["ohm", "s"]),
        [CircuitElementKind.K] = ("K", [CircuitParameterRole.Resistance, CircuitParameterRole.TimeConstant], ["ohm", "s"]),
        [CircuitElementKind.Zarc] = ("Zarc", [CircuitParameterRole.Resistance, CircuitParameterRole.TimeConstant, CircuitParameterRole.Exponent], ["ohm", "s", "1"]),
        [CircuitElementKind.G] = ("G", [CircuitParameterRole.Resistance, CircuitParameterRole.TimeConstant], ["ohm", "s"]),
        [CircuitElementKind.Gs] = ("Gs", [CircuitParameterRole.Resistance, CircuitParameterRole.TimeConstant, CircuitParameterRole.Dimensionless], ["ohm", "s", "1"]),
        [CircuitElementKind.La] = ("La", [CircuitParameterRole.InductiveCoefficient, CircuitParameterRole.Exponent], ["H s^(alpha-1)", "1"]),
        [CircuitElementKind.TLMQ] = ("TLMQ", [CircuitParameterRole.Resistance, CircuitParameterRole.AdmittanceCoefficient, CircuitParameterRole.Exponent], ["ohm", "F s^(gamma-1)", "1"]),
        [CircuitElementKind.T] = ("T", [CircuitParameterRole.Resistance, CircuitParameterRole.Resistance, CircuitParameterRole.Dimensionless, CircuitParameterRole.TimeConstant], ["ohm", "ohm", "1", "s"]),
    };

    private static readonly Dictionary<string, CircuitElementKind> ByLetters = Table.ToDictionary(x => x.Value.Letters, x => x.Key, StringComparer.Ordinal);

    /// <summary>Every kind's letters, for messages: "R, C, L, CPE, ...".</summary>
    public static string KnownLetters => string.Join(", ", Table.Values.Select(x => x.Letters));

    /// <summary>The kind written <paramref name="letters"/> (case-sensitive, as impedance.py), if any.</summary>
    public static bool TryParse(string letters, out CircuitElementKind kind) => ByLetters.TryGetValue(letters, out kind);

    /// <summary>How <paramref name="kind"/> is written.</summary>
    public static string LettersOf(CircuitElementKind kind) => Table[kind].Letters;

    /// <summary>The roles of <paramref name="kind"/>'s parameters, in order.</summary>
    public static IReadOnlyList<CircuitParameterRole> RolesOf(CircuitElementKind kind) => Table[kind].Roles;

    /// <summary>The units of <paramref name="kind"/>'s parameters, in order.</summary>
    public static IReadOnlyList<string> UnitsOf(CircuitElementKind kind) => Table[kind].Units;

    /// <summary>Index (within the element) of its exponent, or -1.</summary>
    public static int ExponentIndexOf(CircuitElementKind kind) => Array.IndexOf(Table[kind].Roles, CircuitParameterRole.Exponent);
}
