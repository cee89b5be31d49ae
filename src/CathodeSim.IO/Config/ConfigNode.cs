using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CathodeSim.IO.Config;

/// <summary>Where a configuration node was written: a displayed file name and a 1-based line (null for command-line overrides).</summary>
internal readonly record struct Origin(string File, int? Line)
{
    public ConfigException Error(string? keyPath, string problem) => new(File, Line, keyPath, problem);

    public override string ToString() => Line is null ? File : $"{File}:{Line}";
}

/// <summary>A node of the configuration tree. Nodes remember their origin through merging and overriding.</summary>
internal abstract class ConfigNode(Origin origin)
{
    public Origin Origin { get; } = origin;

    public abstract ConfigNode Clone();

    /// <summary>Short description for "expected X, got Y" messages.</summary>
    public abstract string Describe();
}

internal sealed class ScalarNode(Origin origin, string value, bool quoted) : ConfigNode(origin)
{
    public string Value { get; } = value;

    public bool Quoted { get; } = quoted;

    /// <summary>An unquoted empty, '~' or 'null' scalar: the key is present but unset.</summary>
    public bool IsNull => !Quoted && Value is "" or "~" or "null" or "Null" or "NULL";

    public override ConfigNode Clone() => this;

    public override string Describe() => $"'{Value}'";
}

internal sealed class SequenceNode(Origin origin, List<ConfigNode> items) : ConfigNode(origin)
{
    public List<ConfigNode> Items { get; } = items;

    public override ConfigNode Clone() => new SequenceNode(Origin, Items.Select(i => i.Clone()).ToList());

    public override string Describe() => "a list";
}

internal sealed class MapEntry(string key, Origin keyOrigin, ConfigNode value)
{
    public string Key { get; } = key;

    public Origin KeyOrigin { get; set; } = keyOrigin;

    public ConfigNode Value { get; set; } = value;

    public MapEntry Clone() => new(Key, KeyOrigin, Value.Clone());
}

internal sealed class MapNode(Origin origin, List<MapEntry> entries) : ConfigNode(origin)
{
    /// <summary>Keys whose differing values mean "a different model": the child's map replaces the base's instead of merging.</summary>
    private static readonly string[] Discriminators = ["kind", "model", "law", "distribution"];

    public List<MapEntry> Entries { get; } = entries;

    public MapEntry? Find(string key) => Entries.FirstOrDefault(e => e.Key == key);

    public void Remove(string key) => Entries.RemoveAll(e => e.Key == key);

    public void Set(string key, Origin keyOrigin, ConfigNode value)
    {
        var existing = Find(key);
        if (existing is null) Entries.Add(new MapEntry(key, keyOrigin, value));
        else
        {
            existing.Value = value;
            existing.KeyOrigin = keyOrigin;
        }
    }

    public override ConfigNode Clone() => new MapNode(Origin, Entries.Select(e => e.Clone()).ToList());

    public override string Describe() => "a map";

    /// <summary>
    /// Deep merge: maps merge key by key, anything else in <paramref name="child"/> (scalars, lists) replaces the base's value.
    /// A child map whose kind/model/law/distribution differs from the base's replaces it whole. Where the child changes
    /// values of a base map that carries a <c>source</c> and gives no source of its own, the source is annotated.
    /// </summary>
    public static MapNode Merge(MapNode baseMap, MapNode child)
    {
        var result = (MapNode)baseMap.Clone();
        var changed = new List<string>();
        foreach (var entry in child.Entries)
        {
            var existing = result.Find(entry.Key);
            if (existing is null)
            {
                result.Entries.Add(entry.Clone());
                changed.Add(entry.Key);
                continue;
            }
            if (existing.Value is MapNode b && entry.Value is MapNode c && !DifferentModel(b, c))
                existing.Value = Merge(b, c);
            else
                existing.Value = entry.Value.Clone();
            existing.KeyOrigin = entry.KeyOrigin;
            if (entry.Key != "source") changed.Add(entry.Key);
        }
        if (changed.Count > 0 && child.Find("source") is null)
            result.AnnotateSource(changed, child.Entries.First(e => e.Key != "source").KeyOrigin);
        return new MapNode(child.Origin, result.Entries);
    }

    /// <summary>Appends "[keys changed at origin]" to this map's source, if it has one, so provenance stays honest.</summary>
    public void AnnotateSource(IReadOnlyList<string> changedKeys, Origin at)
    {
        if (Find("source") is { Value: ScalarNode { IsNull: false } s } src)
            src.Value = new ScalarNode(s.Origin, $"{s.Value} [{string.Join(", ", changedKeys)} changed at {at}]", true);
    }

    /// <summary>Like <see cref="Merge"/>, but a child of a different kind/model/law/distribution replaces the base whole.</summary>
    public static MapNode MergeOrReplace(MapNode baseMap, MapNode child) =>
        DifferentModel(baseMap, child) ? (MapNode)child.Clone() : Merge(baseMap, child);

    private static bool DifferentModel(MapNode b, MapNode c)
    {
        foreach (string key in Discriminators)
        {
            if (b.Find(key)?.Value is ScalarNode bs && c.Find(key)?.Value is ScalarNode cs && bs.Value != cs.Value)
                return true;
        }
        return false;
    }
}

/// <summary>Conversion between YamlDotNet's representation model and the configuration tree.</summary>
internal static class ConfigYaml
{
    /// <summary>Parses YAML text. An empty document gives an empty map.</summary>
    /// <summary>Reads a YAML file whose top level must be a map; <paramref name="expectation"/> says what it should hold.</summary>
    public static MapNode ReadMapFile(string fullPath, string display, string expectation, out string text)
    {
        try
        {
            // Checked before reading: a huge file would be read whole only to fail later.
            long bytes = new FileInfo(fullPath).Length;
            if (bytes > ConfigLimits.MaxYamlFileBytes)
                throw new ConfigException(display, null, null,
                    $"the file has {bytes:N0} bytes; at most {ConfigLimits.MaxYamlFileBytes:N0} (10 MiB) are read, a limit of CathodeSim (ConfigLimits.MaxYamlFileBytes) far above any configuration; is this the right file?");
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(display, null, null, $"cannot read the file: {e.Message}");
        }
        var node = Parse(text, display);
        return node as MapNode ?? throw Read.Expected(node, null, expectation);
    }

    /// <summary>1-based line of the first line whose indentation holds a tab, or null.</summary>
    private static int? FirstLineIndentedWithTab(string text)
    {
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string indent = lines[i][..(lines[i].Length - lines[i].TrimStart(' ', '\t').Length)];
            if (indent.Contains('\t')) return i + 1;
        }
        return null;
    }

    public static ConfigNode Parse(string text, string file)
    {
        CheckExpansion(text, file);
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // YamlDotNet marks an error from the start of the construct it was reading (the mapping on line 1) to where it
            // found the problem (the tab on line 3): the end is the line to show.
            var at = e.InnerException is YamlException inner ? inner : e;
            int line = (int)at.End.Line;
            // The tab error carries no position at all (YamlDotNet throws it without a mark): find the tab.
            if (at.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstLineIndentedWithTab(text) is { } tabbed) line = tabbed;
            throw new ConfigException(file, line, null, $"invalid YAML: {at.Message}{(line > 0 && at.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? " Indent with spaces." : "")}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner can fail this way on an unterminated flow collection or quote.
            int? line = parser.Current is { } last ? (int)last.End.Line : null;
            throw new ConfigException(file, line, null, "invalid YAML: unterminated [list], {map} or quoted text near here");
        }
        catch (ArgumentException)
        {
            // YamlDotNet's tree loader fails this way on an event it has no node for, such as an empty key with a nested
            // map on one line ("  : a: 2"; found by fuzzing); the parser has read up to the offending event.
            int? line = parser.Current is { } last ? (int)last.End.Line : null;
            throw new ConfigException(file, line, null, "invalid YAML: a key or value YamlDotNet cannot read near here (an empty key, or a map that starts on the line of another map's key?)");
        }
        if (stream.Documents.Count == 0) return new MapNode(new Origin(file, 1), []);
        if (stream.Documents.Count > 1)
            throw new ConfigException(file, (int)stream.Documents[1].RootNode.Start.Line, null, "expected a single YAML document");
        return Convert(stream.Documents[0].RootNode, file, null);
    }

    /// <summary>
    /// Counts the nodes the document expands to, every alias as a full copy of its anchor (as <see cref="Convert"/>
    /// copies it), and the nesting depth, from the parser's events, so that an alias bomb or a deep nest is refused
    /// before YamlDotNet builds its tree (recursively) and before any copy is made. Syntax errors are left to the load
    /// that follows, which reports them with its own messages.
    /// </summary>
    private static void CheckExpansion(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        // Open lists and maps: their anchor (or null) and the nodes counted inside them so far.
        var open = new Stack<(string? Anchor, long Nodes)>();
        long total = 0;

        void Add(long nodes, YamlDotNet.Core.Events.ParsingEvent at)
        {
            total += nodes;
            if (open.Count > 0)
            {
                var top = open.Pop();
                open.Push((top.Anchor, top.Nodes + nodes));
            }
            if (total > ConfigLimits.MaxYamlNodes)
                throw new ConfigException(file, (int)at.Start.Line, null,
                    $"the YAML expands to more than {ConfigLimits.MaxYamlNodes:N0} values (counting each use of an alias '*name' as a copy of what it names); " +
                    "a configuration needs a few hundred. This is a limit of CathodeSim (ConfigLimits.MaxYamlNodes); write the values out or nest fewer aliases");
        }

        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case YamlDotNet.Core.Events.Scalar s:
                        Add(1, s);
                        if (!s.Anchor.IsEmpty) anchors[s.Anchor.Value] = 1;
                        break;
                    case YamlDotNet.Core.Events.NodeEvent n and (YamlDotNet.Core.Events.SequenceStart or YamlDotNet.Core.Events.MappingStart):
                        Add(1, n);
                        if (open.Count >= ConfigLimits.MaxYamlDepth)
                            throw new ConfigException(file, (int)n.Start.Line, null,
                                $"lists and maps nest more than {ConfigLimits.MaxYamlDepth} deep; a configuration nests about 6 deep (a limit of CathodeSim, ConfigLimits.MaxYamlDepth)");
                        open.Push((n.Anchor.IsEmpty ? null : n.Anchor.Value, 1));
                        break;
                    case YamlDotNet.Core.Events.SequenceEnd or YamlDotNet.Core.Events.MappingEnd:
                    {
                        var (anchor, nodes) = open.Pop();
                        if (anchor is not null) anchors[anchor] = nodes;
                        // The collection itself was counted in its parent when it started; add what it holds.
                        if (open.Count > 0)
                        {
                            var parent = open.Pop();
                            open.Push((parent.Anchor, parent.Nodes + nodes - 1));
                        }
                        break;
                    }
                    case YamlDotNet.Core.Events.AnchorAlias a:
                        if (anchors.TryGetValue(a.Value.Value, out long size)) Add(size, a);
                        else if (open.Any(o => o.Anchor == a.Value.Value))
                            throw new ConfigException(file, (int)a.Start.Line, null,
                                $"the alias '*{a.Value.Value}' refers to a list or map that contains it; a configuration cannot be infinite");
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // Invalid YAML: the load reports it.
        }
    }

    private static ConfigNode Convert(YamlNode node, string file, int? lineOverride)
    {
        var origin = new Origin(file, lineOverride ?? (int)node.Start.Line);
        switch (node)
        {
            case YamlScalarNode s:
                return new ScalarNode(origin, s.Value ?? "", s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded);
            case YamlSequenceNode seq:
                return new SequenceNode(origin, seq.Children.Select(c => Convert(c, file, lineOverride)).ToList());
            case YamlMappingNode map:
            {
                var entries = new List<MapEntry>();
                foreach (var (key, value) in map.Children)
                {
                    var keyOrigin = new Origin(file, lineOverride ?? (int)key.Start.Line);
                    if (key is not YamlScalarNode { Value: { } k })
                        throw keyOrigin.Error(null, "map keys must be plain names");
                    if (entries.Any(e => e.Key == k)) throw keyOrigin.Error(k, "duplicate key");
                    entries.Add(new MapEntry(k, keyOrigin, Convert(value, file, lineOverride)));
                }
                return new MapNode(origin, entries);
            }
            default:
                throw origin.Error(null, "unsupported YAML node");
        }
    }

    /// <summary>Parses a command-line override value as a YAML scalar, flow sequence or flow map; anything else is kept as text.</summary>
    public static ConfigNode ParseOverrideValue(string text, Origin origin)
    {
        // A command line is short, but nested aliases fit in one.
        CheckExpansion(text, origin.File);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0) return new ScalarNode(origin, "", false);
            if (stream.Documents.Count == 1) return Relabel(Convert(stream.Documents[0].RootNode, origin.File, null), origin);
        }
        catch (YamlException)
        {
            // Not YAML: fall through and take the text as it is.
        }
        return new ScalarNode(origin, text.Trim(), true);
    }

    private static ConfigNode Relabel(ConfigNode node, Origin origin) => node switch
    {
        ScalarNode s => new ScalarNode(origin, s.Value, s.Quoted),
        SequenceNode q => new SequenceNode(origin, q.Items.Select(i => Relabel(i, origin)).ToList()),
        MapNode m => new MapNode(origin, m.Entries.Select(e => new MapEntry(e.Key, origin, Relabel(e.Value, origin))).ToList()),
        _ => node,
    };

    /// <summary>Serialises the tree (unset keys dropped) with an optional leading comment.</summary>
    public static string Emit(MapNode root, string? headerComment)
    {
        var sb = new StringBuilder();
        if (headerComment is not null)
            foreach (string line in headerComment.Split('\n'))
                sb.Append("# ").AppendLine(line.TrimEnd());
        var stream = new YamlStream(new YamlDocument(ToYaml(root)));
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        string body = writer.ToString().Replace("\r\n", "\n");
        if (body.EndsWith("...\n", StringComparison.Ordinal)) body = body[..^4];
        sb.Append(body);
        return sb.ToString();
    }

    private static YamlNode ToYaml(ConfigNode node)
    {
        switch (node)
        {
            case ScalarNode s:
                return new YamlScalarNode(s.Value) { Style = s.Quoted ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };
            case SequenceNode q:
            {
                var seq = new YamlSequenceNode(q.Items.Select(ToYaml));
                bool short_ = q.Items.All(i => i is ScalarNode { Value.Length: < 24 });
                seq.Style = short_ ? YamlDotNet.Core.Events.SequenceStyle.Flow : YamlDotNet.Core.Events.SequenceStyle.Block;
                return seq;
            }
            case MapNode m:
            {
                var map = new YamlMappingNode();
                foreach (var e in m.Entries)
                {
                    if (e.Value is ScalarNode { IsNull: true }) continue;
                    map.Add(new YamlScalarNode(e.Key), ToYaml(e.Value));
                }
                return map;
            }
            default:
                throw new InvalidOperationException("unknown node");
        }
    }
}
