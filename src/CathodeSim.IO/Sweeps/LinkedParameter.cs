using System.Globalization;
using CathodeSim.IO.Config;
using CathodeSim.IO.Units;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// A parameter computed from a swept one: <c>scale * x + offset</c>, or <c>scale / x + offset</c> with
/// <c>inverse: true</c>, written in <c>unit</c>. x is the followed parameter's value in SI units (a plain number for
/// dimensionless keys, K for temperatures, m for lengths).
/// </summary>
internal sealed class LinkedParameter(string path, Origin keyOrigin, string follows, double scale, double offset, bool inverse, string unit)
{
    public string Path { get; } = path;

    public Origin KeyOrigin { get; } = keyOrigin;

    /// <summary>Path of the swept parameter this one follows.</summary>
    public string Follows { get; } = follows;

    /// <summary>Key path in sweep-file messages, e.g. "linked.cell.cathode.mass".</summary>
    public string Label => $"linked.{Path}";

    /// <summary>The value text for a followed value <paramref name="x"/> (SI), or the reason it cannot be computed.</summary>
    public (string? Text, string? Problem) Compute(double x, string xText)
    {
        if (double.IsNaN(x)) return (null, $"follows {Follows}, whose value '{xText}' is not a number");
        if (inverse && x == 0) return (null, $"cannot compute {SweepNumbers.Format(scale)} / x with x = 0");
        double v = (inverse ? scale / x : scale * x) + offset;
        if (!double.IsFinite(v)) return (null, $"the computed value is not a finite number (x = {SweepNumbers.Format(x)})");
        return (SweepNumbers.Text(SweepNumbers.Tidy(v, Math.Abs(offset)), unit), null);
    }

    /// <summary>Reads one entry of <c>linked:</c>; <paramref name="swept"/> are the swept parameter paths.</summary>
    public static LinkedParameter Read(MapEntry entry, IReadOnlyList<string> swept)
    {
        string label = $"linked.{entry.Key}";
        const string example = "{follows: cell.cathode.active_mass_fraction, scale: 3.575, inverse: true, unit: mg}";
        if (entry.Value is not MapNode map) throw Config.Read.Expected(entry.Value, label, $"a map such as {example}");
        if (swept.Contains(entry.Key))
            throw entry.KeyOrigin.Error(label, "is already a swept parameter; a path may be either swept or linked");
        var r = new ObjectReader(map, label, entry.KeyOrigin, "follows", "scale", "offset", "inverse", "unit");

        string follows = Config.Read.Text(r, "follows", "the path of a swept parameter", required: true)!;
        if (!swept.Contains(follows))
        {
            string? close = ObjectReader.Closest(follows, swept);
            string hint = close is not null ? $"did you mean '{close}'?" : $"expected one of: {string.Join(", ", swept)}";
            throw r.Get("follows")!.Origin.Error(r.Child("follows"), $"'{follows}' is not a swept parameter (linked parameters follow swept ones); {hint}");
        }
        double scale = Number(r, "scale", 1.0);
        double offset = Number(r, "offset", 0.0);
        bool inverse = false;
        if (Config.Read.Text(r, "inverse", "true or false", required: false) is { } inv)
        {
            inverse = inv switch
            {
                "true" or "True" or "yes" => true,
                "false" or "False" or "no" => false,
                _ => throw r.Get("inverse")!.Origin.Error(r.Child("inverse"), $"expected true or false, got '{inv}'"),
            };
        }
        string unit = Config.Read.Text(r, "unit", "a unit such as 'mg'", required: false) ?? "";
        try
        {
            UnitScale.Parse(unit);
        }
        catch (UnitFormatException e)
        {
            throw r.Get("unit")!.Origin.Error(r.Child("unit"), e.Message);
        }
        return new LinkedParameter(entry.Key, entry.KeyOrigin, follows, scale, offset, inverse, unit);
    }

    private static double Number(ObjectReader r, string key, double fallback)
    {
        string? text = Config.Read.Text(r, key, "a plain number such as 3.575", required: false);
        if (text is null) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw r.Get(key)!.Origin.Error(r.Child(key), $"expected a plain number such as 3.575 (the result's unit is given by 'unit'), got '{text}'");
        return v;
    }
}
