using System.Globalization;
using CathodeSim.IO.Units;

namespace CathodeSim.IO.Config;

/// <summary>A range check on an SI value: returns the problem ("must be positive") or null when the value is fine.</summary>
internal delegate string? Bound(double value);

internal static class Bounds
{
    public static readonly Bound Positive = v => v > 0 ? null : "must be positive";
    public static readonly Bound NonNegative = v => v >= 0 ? null : "must not be negative";
    public static readonly Bound OpenUnit = v => v > 0 && v < 1 ? null : "must be between 0 and 1 (exclusive)";
    public static readonly Bound ClosedUnit = v => v >= 0 && v <= 1 ? null : "must be between 0 and 1";
    public static readonly Bound UpToOne = v => v > 0 && v <= 1 ? null : "must be greater than 0 and at most 1";
    public static readonly Bound BelowOne = v => v >= 0 && v < 1 ? null : "must be at least 0 and below 1";
    public static readonly Bound AtLeastOne = v => v >= 1 ? null : "must be at least 1";
    public static readonly Bound Any = _ => null;

    public static readonly Bound AboveAbsoluteZero = v => v > 0 ? null : "must be above absolute zero (0 K)";
}

/// <summary>
/// Reads one map of the configuration against a fixed set of keys. Unknown keys are rejected up front with the
/// closest valid key suggested. Every map may also carry a free-text <c>source</c>.
/// </summary>
internal sealed class ObjectReader
{
    private readonly HashSet<string> _allowed;

    /// <param name="map">The map.</param>
    /// <param name="path">Its dotted key path ("" for the root).</param>
    /// <param name="origin">Where the map's key was written (for "missing value" errors).</param>
    /// <param name="keys">The keys this map may contain (besides <c>source</c>).</param>
    public ObjectReader(MapNode map, string path, Origin origin, params IEnumerable<string> keys)
    {
        Map = map;
        Path = path;
        Origin = origin;
        _allowed = new HashSet<string>(keys, StringComparer.Ordinal) { "source" };
        foreach (var entry in map.Entries)
        {
            if (_allowed.Contains(entry.Key)) continue;
            throw entry.KeyOrigin.Error(Child(entry.Key), UnknownKey(entry.Key, _allowed));
        }
        if (map.Find("source") is { Value: not ScalarNode } src
            && !(src.Value is SequenceNode refs && refs.Items.All(i => i is ScalarNode)))
            throw src.Value.Origin.Error(Child("source"), "expected a text such as \"Li et al. 2019, Angew. Chem.\" or a list of such texts");
    }

    public MapNode Map { get; }

    public string Path { get; }

    public Origin Origin { get; }

    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The value under <paramref name="key"/>, or null when absent or unset (empty, '~', 'null').</summary>
    public ConfigNode? Get(string key)
    {
        if (!_allowed.Contains(key)) throw new InvalidOperationException($"key '{key}' was not declared for {Path}");
        var entry = Map.Find(key);
        return entry is null || entry.Value is ScalarNode { IsNull: true } ? null : entry.Value;
    }

    /// <summary>Where the key was written, or where this map was when the key is absent.</summary>
    public Origin KeyOrigin(string key) => Map.Find(key)?.KeyOrigin ?? Origin;

    public bool Has(string key) => Get(key) is not null;

    public ConfigException Missing(string key, string expectation) =>
        Origin.Error(Child(key), $"missing required value; expected {expectation}");

    /// <summary>"unknown key; did you mean 'mass'?" or the list of valid keys when nothing is close.</summary>
    public static string UnknownKey(string key, IEnumerable<string> valid)
    {
        var candidates = valid.Where(v => v != "source").OrderBy(v => v, StringComparer.Ordinal).ToList();
        string? best = Closest(key, candidates);
        if (best is not null) return $"unknown key; did you mean '{best}'?";
        return candidates.Count == 0
            ? "unknown key; this map takes no keys"
            : $"unknown key; expected one of: {string.Join(", ", candidates)}";
    }

    /// <summary>The candidate closest to <paramref name="word"/> by Levenshtein distance, if it is reasonably close.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string c in candidates)
        {
            int d = Levenshtein(word.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = c;
                bestDistance = d;
            }
        }
        if (best is null) return null;
        int allowed = Math.Max(2, Math.Max(word.Length, best.Length) / 2);
        return bestDistance <= allowed ? best : null;
    }

    public static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}

/// <summary>Typed reads of values with their checks; every error names file, line, key path and what is expected.</summary>
internal static class Read
{
    public static ConfigException Expected(ConfigNode node, string? path, string expectation) =>
        node.Origin.Error(path, $"expected {expectation}, got {node.Describe()}");

    public static string? Text(ObjectReader r, string key, string expectation, bool required)
    {
        var node = r.Get(key);
        if (node is null) return required ? throw r.Missing(key, expectation) : null;
        if (node is not ScalarNode s || s.Value.Trim().Length == 0) throw Expected(node, r.Child(key), expectation);
        return s.Value.Trim();
    }

    public static MapNode? Map(ObjectReader r, string key, string expectation, bool required)
    {
        var node = r.Get(key);
        if (node is null) return required ? throw r.Missing(key, expectation) : null;
        return node as MapNode ?? throw Expected(node, r.Child(key), expectation);
    }

    /// <summary>
    /// A scalar parameter written plainly (<c>1.49 mS/cm</c>) or with its source (<c>{value: 1.49 mS/cm, source: "..."}</c>).
    /// </summary>
    public static double? Quantity(ObjectReader r, string key, QuantityKind kind, Bound bound, bool required)
    {
        var node = r.Get(key);
        string path = r.Child(key);
        if (node is null) return required ? throw r.Missing(key, $"{kind.Description} such as '{kind.Example}'") : null;
        if (node is MapNode m)
        {
            var inner = new ObjectReader(m, path, r.KeyOrigin(key), "value");
            node = inner.Get("value") ?? throw inner.Missing("value", $"{kind.Description} such as '{kind.Example}'");
            path = inner.Child("value");
        }
        return Scalar(node, path, kind, bound);
    }

    /// <summary>Converts one scalar node to SI and applies <paramref name="bound"/>.</summary>
    public static double Scalar(ConfigNode node, string path, QuantityKind kind, Bound bound)
    {
        if (node is not ScalarNode s) throw Expected(node, path, $"{kind.Description} such as '{kind.Example}'");
        double value;
        try
        {
            value = UnitParser.ToSi(s.Value, kind);
        }
        catch (UnitFormatException e)
        {
            throw node.Origin.Error(path, e.Message);
        }
        return Check(node, path, value, s.Value, bound, kind);
    }

    private static double Check(ConfigNode node, string path, double value, string text, Bound bound, QuantityKind kind)
    {
        if (!double.IsFinite(value)) throw node.Origin.Error(path, $"must be a finite number, got '{text}'");
        string? problem = bound(value);
        if (problem is null) return value;
        string si = kind == QuantityKind.Temperature && !text.TrimEnd().EndsWith('K')
            ? $" (= {value.ToString("0.###", CultureInfo.InvariantCulture)} K)"
            : "";
        throw node.Origin.Error(path, $"{problem}, got '{text}'{si}");
    }

    /// <summary>A whole number in [<paramref name="minimum"/>, <paramref name="maximum"/>]; <paramref name="whyMaximum"/> explains the maximum in the message.</summary>
    public static int? Integer(ObjectReader r, string key, int minimum, string example, bool required, int maximum = int.MaxValue, string? whyMaximum = null)
    {
        var node = r.Get(key);
        if (node is null) return required ? throw r.Missing(key, $"a whole number such as {example}") : null;
        if (node is not ScalarNode s || !int.TryParse(s.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            throw Expected(node, r.Child(key), $"a whole number such as {example}");
        if (value < minimum) throw node.Origin.Error(r.Child(key), $"must be at least {minimum}, got '{s.Value}'");
        if (value > maximum)
            throw node.Origin.Error(r.Child(key), $"must be at most {maximum.ToString("N0", CultureInfo.InvariantCulture)}, got '{s.Value}'{(whyMaximum is null ? "" : $" ({whyMaximum})")}");
        return value;
    }

    /// <summary>
    /// A list of quantities. Items may carry their own units ("3 um"); plain numbers take the unit given by the map's
    /// <paramref name="unitKey"/> entry, else <paramref name="defaultUnit"/>, else are accepted only for dimensionless kinds.
    /// </summary>
    public static (double[] Values, List<ConfigNode> Nodes)? List(
        ObjectReader r, string key, QuantityKind kind, Bound bound, bool required, string? unitKey = null, string? defaultUnit = null, int minCount = 1)
    {
        var node = r.Get(key);
        string path = r.Child(key);
        string example = kind.Dimension.IsDimensionless ? "[0.2, 0.5, 0.3]" : $"['{kind.Example}', ...]";
        if (node is null) return required ? throw r.Missing(key, $"a list of {Plural(kind)} such as {example}") : null;
        if (node is not SequenceNode seq) throw Expected(node, path, $"a list of {Plural(kind)} such as {example}");
        if (seq.Items.Count < minCount)
            throw node.Origin.Error(path, $"expected at least {minCount} entries, got {seq.Items.Count}");

        string? unitText = defaultUnit;
        if (unitKey is not null && r.Get(unitKey) is { } unitNode)
        {
            if (unitNode is not ScalarNode us) throw Expected(unitNode, r.Child(unitKey), $"a unit of {kind.Description}");
            unitText = us.Value.Trim();
            Dimension d;
            try
            {
                d = UnitParser.ParseUnit(unitText).Dimension;
            }
            catch (UnitFormatException e)
            {
                throw unitNode.Origin.Error(r.Child(unitKey), e.Message);
            }
            if (d != kind.Dimension)
                throw unitNode.Origin.Error(r.Child(unitKey), $"expected a unit of {kind.Description} (such as '{kind.Example}'), got '{unitText}', which is a unit of {QuantityKind.Describe(d)}");
        }

        var values = new double[seq.Items.Count];
        for (int i = 0; i < seq.Items.Count; i++)
        {
            var item = seq.Items[i];
            string itemPath = $"{path}[{i}]";
            if (item is ScalarNode s && UnitParser.TrySplitNumber(s.Value, out double number, out string u) && u.Length == 0)
            {
                double value;
                if (unitText is not null)
                    value = UnitParser.ParseQuantity($"{s.Value} {unitText}").Value;
                else if (kind.Dimension.IsDimensionless)
                    value = number;
                else
                {
                    string hint = unitKey is null ? "" : $" (or give the list a unit, e.g. '{unitKey}: {kind.Example.Split(' ', 2)[^1]}')";
                    throw item.Origin.Error(itemPath, $"expected {kind.Description} such as '{kind.Example}', got '{s.Value}'{hint}");
                }
                values[i] = Check(item, itemPath, value, s.Value, bound, kind);
            }
            else
            {
                values[i] = Scalar(item, itemPath, kind, bound);
            }
        }
        return (values, seq.Items);
    }

    private static string Plural(QuantityKind kind) => kind.Dimension.IsDimensionless ? "numbers" : $"{kind.Description[(kind.Description.IndexOf(' ') + 1)..]} values";
}
