using CathodeSim.IO.Units;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// The units of a sweep parameter. Parameters are stored in SI; the sweep file gives each value with a unit
/// ("5 um", "25 degC", "0.65"), which is the unit people think of the parameter in, so plots show that unit.
/// </summary>
public static class SweepParameterUnits
{
    /// <summary>The unit of a value text as written ("um" for "5 um", "" for a plain number or an unreadable text).</summary>
    public static string DisplayUnit(string valueText) =>
        UnitParser.TrySplitNumber(valueText.Trim(), out _, out string unit) ? unit.Trim() : "";

    /// <summary>
    /// The SI unit of values written in <paramref name="displayUnit"/>, as plain text ("m", "K", "kg m^-3"); "1" for a
    /// plain number; "" when the unit cannot be read.
    /// </summary>
    public static string SiUnit(string displayUnit)
    {
        if (displayUnit.Length == 0) return "1";
        if (IsCelsius(displayUnit)) return "K";
        try
        {
            return UnitParser.ParseUnit(displayUnit).Dimension.ToString();
        }
        catch (UnitFormatException)
        {
            return "";
        }
    }

    /// <summary>
    /// A conversion from SI into <paramref name="displayUnit"/> and the unit it then gives: the written unit where it
    /// converts by a factor; SI (K) for Celsius, so a temperature axis is never shifted by 273.15 without saying so.
    /// </summary>
    public static (Func<double, double> Convert, string Unit) ToDisplay(string displayUnit)
    {
        if (displayUnit.Length == 0) return (v => v, "1");
        if (IsCelsius(displayUnit)) return (v => v, "K");
        try
        {
            double factor = UnitParser.ParseUnit(displayUnit).Factor;
            return (v => v / factor, displayUnit);
        }
        catch (UnitFormatException)
        {
            return (v => v, SiUnit(displayUnit));
        }
    }

    /// <summary>The last part of a config path, the name people know a parameter by ("d50" for "cell.cathode.particle_size.d50").</summary>
    public static string ShortName(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static bool IsCelsius(string unit) => unit is "degC" or "°C" or "℃";
}
