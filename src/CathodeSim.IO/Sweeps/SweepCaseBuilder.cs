using CathodeSim.IO.Config;
using CathodeSim.Model.Simulation;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// Turns the combined parameter values into validated cases: computes linked values, derives each case's
/// configuration from the base (read once) through --set style overrides, and maps config errors back to the line of
/// the sweep file at fault, naming the case.
/// </summary>
internal sealed class SweepCaseBuilder
{
    /// <summary>Where an override text came from, for error messages.</summary>
    private sealed record Source(Origin Origin, string Label, string? ParameterPath);

    private readonly SweepDefinition _d;
    private readonly ConfigLoader.PreparedConfig _base;
    private readonly IReadOnlyList<string> _common;
    private readonly HashSet<string> _extra;
    private readonly Dictionary<string, Source> _setSources = new(StringComparer.Ordinal);

    public SweepCaseBuilder(SweepDefinition definition, ConfigLoader.PreparedConfig baseConfig, IReadOnlyList<string> extraOverrides)
    {
        _d = definition;
        _base = baseConfig;
        _common = [.. definition.Set.Select(s => s.Text), .. extraOverrides];
        _extra = new HashSet<string>(extraOverrides, StringComparer.Ordinal);
        foreach (var s in definition.Set) _setSources.TryAdd(s.Text, new Source(s.Origin, s.Label, null));
    }

    /// <summary>The step texts of the base config's protocol, as case 0 sees it (used when the sweep names no protocols).</summary>
    public IReadOnlyList<string> DefaultProtocolSteps { get; private set; } = [];

    /// <summary>The overrides every case starts with: the sweep's <c>set:</c>, then the extra (command-line) ones.</summary>
    public IReadOnlyList<string> CommonOverrides => _common;

    public SweepCase Build(int index, string[] texts, IReadOnlyList<string> protocolNames)
    {
        var values = new List<ParameterValue>(texts.Length + _d.Linked.Count);
        for (int j = 0; j < texts.Length; j++)
            values.Add(new ParameterValue(_d.Parameters[j].Path, SweepNumbers.Si(texts[j]), texts[j]));
        foreach (var link in _d.Linked)
        {
            var followed = values.First(v => v.Path == link.Follows);
            var (text, problem) = link.Compute(followed.Value, followed.Text);
            if (problem is not null) throw link.KeyOrigin.Error(link.Label, $"{Describe(index, texts)}: {problem}");
            values.Add(new ParameterValue(link.Path, SweepNumbers.Si(text!), text!, Linked: true));
        }

        var overrides = new List<string>(_common.Count + values.Count);
        overrides.AddRange(_common);
        overrides.AddRange(values.Select(v => $"{v.Path}={v.Text}"));

        SimulationSetup setup;
        try
        {
            var tree = _base.Apply(overrides);
            if (index == 0) DefaultProtocolSteps = ProtocolTexts(tree);
            // Liquid-electrolyte cases run too: the sweep runner's Simulator hands them to the DFN solver.
            setup = SetupBuilder.Build(tree, allowLiquid: true).Setup;
        }
        catch (ConfigException e)
        {
            throw Locate(e, index, texts, values);
        }

        var setups = new SimulationSetup[protocolNames.Count];
        for (int p = 0; p < protocolNames.Count; p++)
        {
            string name = $"{_d.Name}_case{index:D5}_{SweepLoader.SanitizeName(protocolNames[p])}";
            setups[p] = _d.Protocols is { } specs
                ? setup with { Protocol = specs[p].Parsed, Name = name }
                : setup with { Name = name };
        }
        return new SweepCase(index, values.AsReadOnly(), overrides.AsReadOnly(), setups);
    }

    /// <summary>"case 17 (cell.cathode.active_mass_fraction=0.8, temperature=0 degC)".</summary>
    private string Describe(int index, string[] texts) =>
        $"case {index} ({string.Join(", ", _d.Parameters.Select((p, j) => $"{p.Path}={texts[j]}"))})";

    /// <summary>Re-addresses a config error to the sweep-file line whose override caused it.</summary>
    private Exception Locate(ConfigException e, int index, string[] texts, List<ParameterValue> values)
    {
        const string prefix = "--set ";
        string? overrideText = e.File is { } f && f.StartsWith(prefix, StringComparison.Ordinal) ? f[prefix.Length..] : null;
        Source? source = null;
        if (overrideText is not null)
        {
            foreach (var v in values)
            {
                if ($"{v.Path}={v.Text}" != overrideText) continue;
                source = v.Linked
                    ? _d.Linked.Where(l => l.Path == v.Path).Select(l => new Source(l.KeyOrigin, l.Label, l.Path)).First()
                    : _d.Parameters.Where(p => p.Path == v.Path).Select(p => new Source(p.KeyOrigin, p.Label, p.Path)).First();
                break;
            }
            if (source is null && _setSources.TryGetValue(overrideText, out var set)) source = set;
            if (source is null && _extra.Contains(overrideText) && index == 0) return e; // a command-line --set: its own message says it all
        }

        if (source?.ParameterPath is { } path && IsPathProblem(e, path))
            return source.Origin.Error(source.Label, $"not a config path ({e.KeyPath}: {e.Problem})");
        if (source is not null && source.ParameterPath is null && index == 0)
            return source.Origin.Error(source.Label, e.Message);
        source ??= new Source(_d.ParametersOrigin, "parameters", null);
        return source.Origin.Error(source.Label, $"{Describe(index, texts)}: {e.Message}");
    }

    /// <summary>True when the override's path itself is wrong rather than its value.</summary>
    private static bool IsPathProblem(ConfigException e, string path) =>
        (e.Problem.StartsWith("unknown key", StringComparison.Ordinal) && e.KeyPath is { } k
            && (path == k || path.StartsWith(k + ".", StringComparison.Ordinal) || path.StartsWith(k + "[", StringComparison.Ordinal)))
        || e.Problem.Contains("check the path given to --set", StringComparison.Ordinal)
        || e.Problem.StartsWith("cannot read the key path", StringComparison.Ordinal);

    /// <summary>The protocol of a tree as step texts; a repeat block is written as a flow map.</summary>
    private static List<string> ProtocolTexts(MapNode tree) =>
        tree.Find("protocol")?.Value is SequenceNode seq ? seq.Items.Select(Flow).ToList() : [];

    private static string Flow(ConfigNode node) => node switch
    {
        ScalarNode s => s.Value,
        SequenceNode q => $"[{string.Join(", ", q.Items.Select(Flow))}]",
        MapNode m => $"{{{string.Join(", ", m.Entries.Select(e => $"{e.Key}: {Flow(e.Value)}"))}}}",
        _ => node.Describe(),
    };
}
