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
}
