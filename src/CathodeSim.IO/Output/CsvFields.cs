using System.Globalization;

namespace CathodeSim.IO.Output;

/// <summary>Formats CSV fields (RFC 4180 quoting, invariant culture, round-trip doubles).</summary>
internal static class CsvFields
{
    private static readonly char[] CharactersNeedingQuotes = [',', '"', '\r', '\n'];

    /// <summary>Shortest text that parses back to the same double; NaN and infinities as "NaN", "Infinity", "-Infinity".</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Integer in invariant culture.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Text, quoted (with inner quotes doubled) only when it contains a separator, quote or line break.</summary>
    public static string Text(string value) =>
        value.IndexOfAny(CharactersNeedingQuotes) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
