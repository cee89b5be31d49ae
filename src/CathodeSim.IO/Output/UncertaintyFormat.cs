using System.Globalization;

namespace CathodeSim.IO.Output;

/// <summary>Formats a value with its standard error: the error to 2 significant digits, the value to the same decimals.</summary>
public static class UncertaintyFormat
{
    /// <summary>Decimals that show <paramref name="error"/> to 2 significant digits (0 to 12); null when it is not a positive number.</summary>
    public static int? Decimals(double error) =>
        double.IsFinite(error) && error > 0 ? Math.Clamp(1 - (int)Math.Floor(Math.Log10(error)), 0, 12) : null;

    /// <summary>The value alone, to the decimals of <paramref name="error"/> (4 significant digits when there is no error estimate).</summary>
    public static string Value(double value, double error) =>
        Decimals(error) is int d ? value.ToString("F" + d, CultureInfo.InvariantCulture) : value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>The error to 2 significant digits, or "-" when there is none.</summary>
    public static string Error(double error) =>
        Decimals(error) is int d ? error.ToString("F" + d, CultureInfo.InvariantCulture) : "-";

    /// <summary>"33.05 +/- 0.41 kJ/mol"; "33.05 kJ/mol (no error estimate)" when <paramref name="error"/> is NaN.</summary>
    /// <param name="value">The value.</param>
    /// <param name="error">Its standard error.</param>
    /// <param name="unit">Unit appended to the numbers, or empty.</param>
    public static string WithError(double value, double error, string unit = "")
    {
        string suffix = unit.Length == 0 ? "" : " " + unit;
        return Decimals(error) is not null ? $"{Value(value, error)} +/- {Error(error)}{suffix}" : $"{Value(value, error)}{suffix} (no error estimate)";
    }
}
