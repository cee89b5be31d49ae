using System.Globalization;
using CathodeSim.IO.Units;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// The unit of a written range end ("1 um", "-20 degC", "0.6"): factor and offset to SI, so that ends and steps written
/// in other units of the same dimension can be converted into it.
/// </summary>
internal readonly record struct UnitScale(string Unit, double Factor, double Offset, Dimension Dimension)
{
    /// <summary>True for offset scales (degC), on which ratios (log ranges) mean nothing.</summary>
    public bool IsAffine => Offset != 0;

    /// <exception cref="UnitFormatException">Unknown or malformed unit.</exception>
    public static UnitScale Parse(string unit)
    {
        if (unit.Length == 0) return new(unit, 1, 0, Dimension.None);
        if (unit is "degC" or "°C" or "℃") return new(unit, 1, 273.15, Dimension.OfTemperature);
        var (factor, dimension) = UnitParser.ParseUnit(unit);
        return new(unit, factor, 0, dimension);
    }

    public double ToSi(double number) => number * Factor + Offset;

    public double FromSi(double si) => (si - Offset) / Factor;
}

/// <summary>Number formatting and clean-up shared by ranges, samples and linked values.</summary>
internal static class SweepNumbers
{
    /// <summary>
    /// Rounds to 15 significant digits, so that 0.6 + 3 * 0.025 gives 0.675 rather than 0.6749999999999999,
    /// and snaps to 0 what is zero up to rounding relative to <paramref name="scale"/>.
    /// </summary>
    public static double Tidy(double value, double scale = 0)
    {
        if (Math.Abs(value) <= 1e-12 * Math.Abs(scale)) return 0.0;
        return double.Parse(value.ToString("G15", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>"number unit" in the invariant culture with round-trip formatting ("0.675", "-15 degC", "2.5E-06 m").</summary>
    public static string Text(double number, string unit)
    {
        if (number == 0) number = 0; // no "-0"
        string n = number.ToString("R", CultureInfo.InvariantCulture);
        return unit.Length == 0 ? n : $"{n} {unit}";
    }

    /// <summary>The SI value of a value text, or NaN when it is not a number with a unit (e.g. a material name).</summary>
    public static double Si(string text)
    {
        try
        {
            return UnitParser.ParseQuantity(text).Value;
        }
        catch (UnitFormatException)
        {
            return double.NaN;
        }
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
