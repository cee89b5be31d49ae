using System.Globalization;
using System.Text.RegularExpressions;

namespace CathodeSim.IO.Measurements;

/// <summary>
/// Durations as battery cyclers print them: <c>hh:mm:ss</c> (hours may exceed 24), with a fraction <c>hh:mm:ss.fff</c>,
/// and with days in front: <c>d-hh:mm:ss</c> (LAND), <c>d.hh:mm:ss</c> (.NET and Arbin), <c>d hh:mm:ss</c> and
/// <c>0d 00:00:10.00</c> (Maccor).
/// </summary>
internal static partial class CyclerDuration
{
    // Minutes and seconds are below 60 (a clock), hours are not bounded (LAND prints 123:04:05 without days).
    [GeneratedRegex(@"^(?:(?<d>\d{1,6})(?:\s*(?:d|days?)\s*|\s*[-.]\s*|\s+))?(?<h>\d{1,7}):(?<m>[0-5]?\d):(?<s>[0-5]?\d(?:[.,]\d{1,9})?)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClockRegex();

    /// <summary>Whether <paramref name="text"/> looks like a clock duration at all (has a colon); such a column is converted.</summary>
    public static bool LooksLikeClock(string text) => text.Contains(':');

    /// <summary>The duration in seconds, or false when <paramref name="text"/> is not one of the forms above.</summary>
    public static bool TryParse(string text, out double seconds)
    {
        seconds = double.NaN;
        var m = ClockRegex().Match(text.Trim());
        if (!m.Success) return false;
        double days = m.Groups["d"].Success ? double.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) : 0;
        double hours = double.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        double minutes = double.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        double secs = double.Parse(m.Groups["s"].Value.Replace(',', '.'), CultureInfo.InvariantCulture);
        seconds = ((days * 24 + hours) * 60 + minutes) * 60 + secs;
        return true;
    }
}
