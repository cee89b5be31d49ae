using System.Globalization;
using CathodeSim.Analysis.Impedance;
using CathodeSim.IO.Config;

namespace CathodeSim.IO.Validation;

/// <summary>Field readers shared by the validation case and calibration files.</summary>
internal static class CaseFileFields
{
    /// <summary>A path relative to the file being read, which must exist; returns the full path.</summary>
    public static string ExistingFile(ObjectReader r, string key, string folder, string fileKind, string expectation)
    {
        string text = Config.Read.Text(r, key, expectation, required: true)!;
        string full = Path.GetFullPath(Path.Combine(folder, text));
        if (!File.Exists(full)) throw r.Get(key)!.Origin.Error(r.Child(key), $"'{text}' not found (looked for {ConfigLoader.Display(full)}; paths are relative to the {fileKind})");
        return full;
    }

    /// <summary>A text or a list of texts; empty when absent.</summary>
    public static List<string> Strings(ObjectReader r, string key, string expectation)
    {
        var node = r.Get(key);
        if (node is null) return [];
        if (node is ScalarNode s) return [s.Value.Trim()];
        if (node is not SequenceNode seq || seq.Items.Any(i => i is not ScalarNode)) throw Config.Read.Expected(node, r.Child(key), expectation);
        return seq.Items.Select(i => ((ScalarNode)i).Value.Trim()).ToList();
    }

    /// <summary>A list of cycle numbers (1 or more); empty when absent.</summary>
    public static List<int> Cycles(ObjectReader r, string key)
    {
        var list = new List<int>();
        foreach (var text in Strings(r, key, "a list of cycle numbers such as [1, 2]"))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) || v < 1)
                throw r.Get(key)!.Origin.Error(r.Child(key), $"expected cycle numbers (1 or more), got '{text}'");
            list.Add(v);
        }
        return list;
    }

    /// <summary>A list of in-situ EIS resistance names (R_SE, R_cathode_SE, R_anode_SE); empty when absent.</summary>
    public static List<string> Resistances(ObjectReader r, string key)
    {
        var names = Strings(r, key, "a list of resistances such as [R_SE, R_cathode_SE]");
        foreach (var q in names.Where(q => !InSituResistanceSet.Quantities.Contains(q)))
            throw r.Get(key)!.Origin.Error(r.Child(key), $"unknown resistance '{q}'; expected {string.Join(", ", InSituResistanceSet.Quantities)}");
        return names;
    }
}
