using System.Text.RegularExpressions;

namespace CathodeSim.IO.Measurements;

/// <summary>A physical quantity a column may hold, with its unit spellings and SI factors.</summary>
internal sealed class MeasuredQuantity
{
    private readonly Dictionary<string, double> _units;

    private MeasuredQuantity(string what, string siUnit, Dictionary<string, double> units)
    {
        What = what;
        SiUnit = siUnit;
        _units = units;
    }

    public string What { get; }

    public string SiUnit { get; }

    /// <summary>The SI factor of a unit spelling, or null when it is not a unit of this quantity.</summary>
    public double? Factor(string unit)
    {
        string u = unit.Trim().Replace('μ', 'µ');
        if (_units.TryGetValue(u, out double f)) return f;
        // Case-insensitive only where unambiguous (mHz and MHz are not).
        var matches = _units.Where(kv => string.Equals(kv.Key, u, StringComparison.OrdinalIgnoreCase)).Select(kv => kv.Value).Distinct().ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    public string Examples => string.Join(", ", _units.Keys.Take(4));

    public static readonly MeasuredQuantity Time = new("a time", "s", new()
    {
        ["s"] = 1, ["sec"] = 1, ["secs"] = 1, ["second"] = 1, ["seconds"] = 1, ["ms"] = 1e-3,
        ["min"] = 60, ["mins"] = 60, ["minute"] = 60, ["minutes"] = 60,
        ["h"] = 3600, ["hr"] = 3600, ["hrs"] = 3600, ["hour"] = 3600, ["hours"] = 3600, ["d"] = 86400, ["day"] = 86400, ["days"] = 86400,
    });

    public static readonly MeasuredQuantity Current = new("a current", "A", new()
    {
        ["A"] = 1, ["mA"] = 1e-3, ["uA"] = 1e-6, ["µA"] = 1e-6, ["nA"] = 1e-9,
    });

    public static readonly MeasuredQuantity Voltage = new("a voltage", "V", new()
    {
        ["V"] = 1, ["mV"] = 1e-3, ["uV"] = 1e-6, ["µV"] = 1e-6,
    });

    public static readonly MeasuredQuantity Frequency = new("a frequency", "Hz", new()
    {
        ["Hz"] = 1, ["mHz"] = 1e-3, ["kHz"] = 1e3, ["MHz"] = 1e6, ["1/s"] = 1, ["s^-1"] = 1,
    });

    public static readonly MeasuredQuantity Impedance = new("an impedance", "ohm", new()
    {
        ["Ohm"] = 1, ["Ohms"] = 1, ["Ω"] = 1, ["mOhm"] = 1e-3, ["mΩ"] = 1e-3, ["kOhm"] = 1e3, ["kΩ"] = 1e3, ["MOhm"] = 1e6, ["MΩ"] = 1e6,
    });

    public static readonly MeasuredQuantity Angle = new("a phase angle", "rad", new()
    {
        ["deg"] = Math.PI / 180, ["°"] = Math.PI / 180, ["degree"] = Math.PI / 180, ["degrees"] = Math.PI / 180, ["rad"] = 1,
    });

    public static readonly MeasuredQuantity[] All = [Time, Current, Voltage, Frequency, Impedance, Angle];

    public static bool IsAnyUnit(string unit) => All.Any(k => k.Factor(unit) is not null);
}

/// <summary>A column header split into a normalised name and a unit: "Time (s)", "I/mA", "voltage_V", "-Im(Z)/Ohm".</summary>
internal readonly partial record struct ColumnHeader(string Raw, string Name, string? Unit)
{
    [GeneratedRegex(@"^(?<n>.*?)\s*[\(\[](?<u>[^\(\)\[\]]*)[\)\]]\s*$")]
    private static partial Regex BracketRegex();

    public static ColumnHeader Parse(string raw)
    {
        string h = raw.Trim().Trim('"').Trim();
        string name = h;
        string? unit = null;
        var m = BracketRegex().Match(h);
        int slash = h.LastIndexOf('/');
        if (m.Success && m.Groups["n"].Value.Length > 0 && MeasuredQuantity.IsAnyUnit(m.Groups["u"].Value))
        {
            name = m.Groups["n"].Value;
            unit = m.Groups["u"].Value.Trim();
        }
        else if (slash > 0 && slash < h.Length - 1 && !h[(slash + 1)..].Contains('(') && !h[(slash + 1)..].Contains(')'))
        {
            name = h[..slash];
            unit = h[(slash + 1)..].Trim();
        }
        else
        {
            int cut = Math.Max(h.LastIndexOf('_'), h.LastIndexOf(' '));
            if (cut > 0 && cut < h.Length - 1 && MeasuredQuantity.IsAnyUnit(h[(cut + 1)..]))
            {
                name = h[..cut];
                unit = h[(cut + 1)..];
            }
        }
        return new ColumnHeader(raw, Normalise(name), unit);
    }

    /// <summary>Lower case without white space, underscores and angle brackets: "&lt;Ewe&gt;" -> "ewe", "cycle number" -> "cyclenumber".</summary>
    public static string Normalise(string name) =>
        new(name.ToLowerInvariant().Where(c => !char.IsWhiteSpace(c) && c is not ('_' or '<' or '>' or '.')).ToArray());
}
