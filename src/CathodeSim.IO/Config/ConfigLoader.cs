using System.Text;
using System.Text.RegularExpressions;

namespace CathodeSim.IO.Config;

/// <summary>
/// Loads a YAML cell configuration into a validated <see cref="CathodeSim.Model.Simulation.SimulationSetup"/>.
/// </summary>
/// <remarks>
/// Layers, later ones winning: the built-in material library (<c>builtin-materials.yaml</c>), the <c>extends</c> chain
/// (paths relative to the extending file), the file itself, and command-line overrides (<c>--set path.to.key=value</c>).
/// Maps merge key by key; scalars and lists replace; a map whose kind/model/law/distribution differs replaces the
/// base's map whole. Every value is converted to SI and checked before anything runs; errors are
/// <see cref="ConfigException"/>s that name the file, the line and the key, and say what was expected.
/// </remarks>
public static partial class ConfigLoader
{
    /// <summary>Display name of the built-in material library in messages and provenance.</summary>
    public const string LibraryFileName = "builtin-materials.yaml";

    private const string LibraryResource = "CathodeSim.IO.Config.builtin-materials.yaml";

    private static readonly Lazy<string> LibraryText = new(() =>
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream(LibraryResource)
            ?? throw new InvalidOperationException($"embedded resource {LibraryResource} is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    /// <summary>The text of the built-in material library (YAML with a top-level <c>materials:</c> map).</summary>
    public static string BuiltinMaterialsYaml => LibraryText.Value;

    [GeneratedRegex(@"^(?<key>[^\[\]]+)(?:\[(?<index>\d+)\])?$")]
    private static partial Regex SegmentRegex();

    /// <summary>Loads, merges, overrides and validates a configuration file.</summary>
    /// <param name="path">The YAML file.</param>
    /// <param name="overrides">
    /// "path.to.key=value" strings (from --set); the value is read as a YAML scalar, flow sequence or flow map and may
    /// carry units, e.g. <c>temperature=0 degC</c>, <c>cell.cathode.active_mass_fraction=0.7</c>, <c>protocol[1]=Rest for 1 h</c>.
    /// </param>
    /// <exception cref="ConfigException">Anything wrong with the files or overrides.</exception>
    public static LoadedConfig Load(string path, IReadOnlyList<string> overrides) => Load(path, overrides, allowLiquid: false);

    /// <summary>
    /// As <see cref="Load(string, IReadOnlyList{string})"/>, but also takes a liquid-electrolyte (<c>mode: dfn</c>) config,
    /// whose <see cref="Model.Simulation.SimulationSetup.Liquid"/> only <see cref="Model.Simulation.Simulator.Run"/> simulates (what
    /// <c>cathodesim run</c> does); the other workflows load with <see cref="Load(string, IReadOnlyList{string})"/>,
    /// which refuses such configs.
    /// </summary>
    /// <param name="path">The YAML file.</param>
    /// <param name="overrides">"path.to.key=value" strings (from --set).</param>
    /// <exception cref="ConfigException">Anything wrong with the files or overrides.</exception>
    public static LoadedConfig LoadAnyMode(string path, IReadOnlyList<string> overrides) => Load(path, overrides, allowLiquid: true);

    private static LoadedConfig Load(string path, IReadOnlyList<string> overrides, bool allowLiquid)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(overrides);
        var prepared = Prepare(path);
        var root = prepared.Apply(overrides);
        var (setup, outputDirectory) = SetupBuilder.Build(root, allowLiquid);
        return new LoadedConfig(setup, prepared.Resolve(root, overrides), prepared.FullPath, outputDirectory);
    }

    /// <summary>
    /// Reads and merges a file, its <c>extends</c> chain and the built-in library once, so that many variants
    /// (sweep cases) can be derived from it without reading and parsing the files again.
    /// </summary>
    /// <exception cref="ConfigException">Anything wrong with the files.</exception>
    internal static PreparedConfig Prepare(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new ConfigException(Display(full), null, null, "configuration file not found");

        var files = new List<string>();
        var user = LoadWithExtends(full, [], files);
        var library = ConfigYaml.Parse(BuiltinMaterialsYaml, LibraryFileName) as MapNode
            ?? throw new InvalidOperationException("the built-in material library must be a map");
        var root = MapNode.Merge(library, user);

        if (root.Find("name") is null or { Value: ScalarNode { IsNull: true } })
            root.Set("name", new Origin(Display(full), null), new ScalarNode(new Origin(Display(full), null), Path.GetFileNameWithoutExtension(full), false));
        return new PreparedConfig(full, files, root);
    }

    /// <summary>A merged configuration tree before overrides; <see cref="Apply"/> never changes it.</summary>
    internal sealed class PreparedConfig(string fullPath, IReadOnlyList<string> files, MapNode root)
    {
        public string FullPath { get; } = fullPath;

        /// <summary>The file and its extends chain, as displayed.</summary>
        public IReadOnlyList<string> Files { get; } = files;

        /// <summary>A copy of the merged tree with <paramref name="overrides"/> applied.</summary>
        public MapNode Apply(IReadOnlyList<string> overrides)
        {
            var copy = (MapNode)root.Clone();
            foreach (string o in overrides) ApplyOverride(copy, o);
            return copy;
        }

        /// <summary>The resolved YAML of <paramref name="tree"/> with the provenance header.</summary>
        public string Resolve(MapNode tree, IReadOnlyList<string> overrides)
        {
            var header = new StringBuilder();
            header.Append("CathodeSim resolved configuration (values as written; converted to SI on load)\n");
            header.Append($"file: {Files[0]}\n");
            foreach (string f in Files.Skip(1)) header.Append($"extends: {f}\n");
            header.Append($"materials: built-in library ({LibraryFileName}) under the config's materials\n");
            foreach (string o in overrides) header.Append($"--set {o}\n");
            return ConfigYaml.Emit(Ordered(tree), header.ToString().TrimEnd('\n'));
        }
    }

    /// <summary>A path as shown in messages: relative to the working directory when below it, else absolute.</summary>
    public static string Display(string fullPath)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative;
    }

    private static MapNode LoadWithExtends(string full, List<string> chain, List<string> files)
    {
        string display = Display(full);
        files.Add(display);
        var map = ConfigYaml.ReadMapFile(full, display, "a map of settings (name, cell, temperature, protocol, ...) at the top level", out _);

        var extends = map.Find("extends");
        map.Remove("extends");
        if (extends is null || extends.Value is ScalarNode { IsNull: true }) return map;

        var bases = extends.Value switch
        {
            ScalarNode s => [s],
            SequenceNode q when q.Items.All(i => i is ScalarNode) => q.Items.Cast<ScalarNode>().ToList(),
            _ => throw Read.Expected(extends.Value, "extends", "a path to a base configuration such as 'base/lic-composite.yaml'"),
        };
        var nextChain = new List<string>(chain) { full };
        MapNode? merged = null;
        foreach (var b in bases)
        {
            string baseFull = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(full)!, b.Value.Trim()));
            if (nextChain.Contains(baseFull))
            {
                string cycle = string.Join(" -> ", nextChain.SkipWhile(c => c != baseFull).Append(baseFull).Select(Display));
                throw b.Origin.Error("extends", $"circular extends: {cycle}");
            }
            if (!File.Exists(baseFull))
                throw b.Origin.Error("extends", $"base configuration '{b.Value}' not found (looked for {Display(baseFull)}; paths are relative to the extending file)");
            var baseMap = LoadWithExtends(baseFull, nextChain, files);
            merged = merged is null ? baseMap : MapNode.Merge(merged, baseMap);
        }
        return merged is null ? map : MapNode.Merge(merged, map);
    }

    private static void ApplyOverride(MapNode root, string text)
    {
        var origin = new Origin($"--set {text}", null);
        int eq = text.IndexOf('=');
        if (eq <= 0)
            throw origin.Error(null, "expected path.to.key=value, e.g. --set cell.cathode.active_mass_fraction=0.7");
        string keyPath = text[..eq].Trim();
        var value = ConfigYaml.ParseOverrideValue(text[(eq + 1)..], origin);

        var segments = keyPath.Split('.');
        ConfigNode current = root;
        string walked = "";
        for (int i = 0; i < segments.Length; i++)
        {
            var m = SegmentRegex().Match(segments[i].Trim());
            if (!m.Success)
                throw origin.Error(keyPath, $"cannot read the key path at '{segments[i]}'; expected names separated by dots, e.g. cell.cathode.mass");
            string key = m.Groups["key"].Value;
            int? index = m.Groups["index"].Success ? int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
            bool last = i == segments.Length - 1;
            string here = walked.Length == 0 ? key : $"{walked}.{key}";

            if (current is not MapNode map)
                throw origin.Error(keyPath, $"'{walked}' holds {current.Describe()}, not a map, so it has no key '{key}' (check the path given to --set)");

            var entry = map.Find(key);
            if (last && index is null)
            {
                if (entry?.Value is MapNode existing && value is MapNode replacement)
                    map.Set(key, origin, MapNode.MergeOrReplace(existing, replacement));
                else
                    map.Set(key, origin, value);
                if (key != "source") map.AnnotateSource([key], origin);
                return;
            }

            if (index is not null)
            {
                if (entry?.Value is not SequenceNode seq)
                    throw origin.Error(keyPath, $"'{here}' is not a list, so it cannot be indexed (check the path given to --set)");
                if (index.Value >= seq.Items.Count)
                    throw origin.Error(keyPath, $"'{here}' has {seq.Items.Count} entries; index {index} is out of range (check the path given to --set)");
                if (last)
                {
                    seq.Items[index.Value] = value;
                    return;
                }
                current = seq.Items[index.Value];
                walked = $"{here}[{index}]";
                continue;
            }

            if (entry is null || entry.Value is ScalarNode { IsNull: true })
            {
                // A new map; if the key is not valid here, validation reports it against this --set.
                var created = new MapNode(origin, []);
                map.Set(key, origin, created);
                current = created;
            }
            else
            {
                current = entry.Value;
            }
            walked = here;
        }
    }

    /// <summary>Root keys in reading order, with the (long) material library last.</summary>
    private static MapNode Ordered(MapNode root)
    {
        string[] order = ["name", "cell", "temperature", "protocol", "numerics", "output"];
        var entries = root.Entries
            .OrderBy(e => e.Key == "materials" ? int.MaxValue : Array.IndexOf(order, e.Key) is var k and >= 0 ? k : order.Length)
            .ToList();
        return new MapNode(root.Origin, entries);
    }
}
