using CathodeSim.IO.Config;
using CathodeSim.IO.Protocol;
using CathodeSim.Model.Protocol;

namespace CathodeSim.IO.Sweeps;

/// <summary>A <c>set:</c> entry of the sweep file and where it is written.</summary>
internal sealed record SweepOverride(string Text, Origin Origin, string Label);

/// <summary>A protocol of the sweep file, its steps parsed once.</summary>
internal sealed record ProtocolSpec(string Name, IReadOnlyList<string> Steps, IReadOnlyList<ProtocolStep> Parsed, Origin Origin);

/// <summary>The sweep file as read and checked, before any case is built.</summary>
internal sealed record SweepDefinition(
    string FullPath,
    string Display,
    string Text,
    string Name,
    string BasePath,
    Origin BaseOrigin,
    IReadOnlyList<SweepOverride> Set,
    SweepMode Mode,
    int Samples,
    int Seed,
    IReadOnlyList<ParameterSpec> Parameters,
    Origin ParametersOrigin,
    IReadOnlyList<LinkedParameter> Linked,
    IReadOnlyList<ProtocolSpec>? Protocols,
    int MaxCases,
    TimeSpan CaseTimeLimit,
    SlurmSettings? Cluster = null)
{
    private static readonly Dictionary<string, SweepMode> Modes = new()
    {
        ["grid"] = SweepMode.Grid,
        ["zip"] = SweepMode.Zip,
        ["random"] = SweepMode.Random,
        ["lhs"] = SweepMode.LatinHypercube,
    };

    private static readonly char[] NameForbidden = ['/', '\\', '\0', ':', '*', '?', '"', '<', '>', '|'];

    /// <summary>The mode as written in sweep files.</summary>
    public static string ModeName(SweepMode mode) => Modes.First(m => m.Value == mode).Key;

    /// <summary>Reads and checks the sweep file (not the cases).</summary>
    /// <exception cref="ConfigException">Anything wrong with the file.</exception>
    public static SweepDefinition Read(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        string display = ConfigLoader.Display(full);
        if (!File.Exists(full)) throw new ConfigException(display, null, null, "sweep file not found");
        var map = ConfigYaml.ReadMapFile(full, display, "a sweep definition (base, parameters, ...) at the top level", out string text);
        var origin = new Origin(display, 1);
        var r = new ObjectReader(map, "", origin, "name", "base", "set", "mode", "samples", "seed", "parameters", "linked", "protocols",
            "max_cases", "case_time_limit", "cluster");

        string name = Config.Read.Text(r, "name", "a sweep name such as 'ncm-fraction'", required: false)
            ?? System.IO.Path.GetFileNameWithoutExtension(full);
        if (name.IndexOfAny(NameForbidden) >= 0)
            throw r.KeyOrigin("name").Error("name", $"the sweep name is used for file names and may not contain / \\ : * ? \" < > |, got '{name}'");

        string baseText = Config.Read.Text(r, "base", "the base configuration, relative to this file, such as '../b-ncm-65.yaml'", required: true)!;
        string basePath = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, baseText));
        var baseOrigin = r.Get("base")!.Origin;
        if (!File.Exists(basePath))
            throw baseOrigin.Error("base", $"base configuration '{baseText}' not found (looked for {ConfigLoader.Display(basePath)}; paths are relative to the sweep file)");

        // Read before the cases are generated, so that an oversized sweep is refused before any case is built.
        int maxCases = Config.Read.Integer(r, "max_cases", 1, "100000", required: false, ConfigLimits.MaxSweepCasesCeiling,
            "every case is validated and held in memory before the first runs; ConfigLimits.MaxSweepCasesCeiling") ?? ConfigLimits.DefaultMaxSweepCases;
        var caseTimeLimit = ReadCaseTimeLimit(r);
        var cluster = SlurmSettings.Read(r);

        var mode = ReadMode(r);
        bool sampled = mode is SweepMode.Random or SweepMode.LatinHypercube;
        int samples = 0, seed = 1;
        if (sampled)
        {
            samples = Config.Read.Integer(r, "samples", 1, "100", required: false)
                ?? throw r.KeyOrigin("mode").Error("samples", $"missing required value; mode {ModeName(mode)} needs the number of cases, such as samples: 100");
            if (samples > maxCases)
                throw r.KeyOrigin("samples").Error("samples", TooManyCases($"{samples:N0} samples", maxCases, r.Has("max_cases")));
            seed = Config.Read.Integer(r, "seed", int.MinValue, "1", required: false) ?? 1;
        }
        else
        {
            foreach (string key in new[] { "samples", "seed" })
                if (r.Has(key))
                    throw r.KeyOrigin(key).Error(key, $"only used by mode random or lhs (this sweep's mode is {ModeName(mode)})");
        }

        var parametersMap = Config.Read.Map(r, "parameters", "a map of config paths to ranges or values, such as {temperature: {values: [25 degC, 0 degC]}}", required: true)!;
        if (parametersMap.Entries.Count == 0)
            throw r.KeyOrigin("parameters").Error("parameters", "expected at least one parameter, such as temperature: {values: [25 degC, 0 degC]}");
        var parameters = parametersMap.Entries.Select(e => ParameterSpec.Read(e, mode)).ToList();
        var swept = parameters.Select(p => p.Path).ToList();

        var linkedMap = Config.Read.Map(r, "linked", "a map of config paths to {follows: ..., scale: ..., unit: ...}", required: false);
        var linked = linkedMap?.Entries.Select(e => LinkedParameter.Read(e, swept)).ToList() ?? [];

        var protocols = ReadProtocols(r);
        if (protocols is not null)
        {
            foreach (var p in parameters.Select(p => (p.Path, p.KeyOrigin, p.Label)).Concat(linked.Select(l => (l.Path, l.KeyOrigin, l.Label))))
                if (p.Path == "protocol" || p.Path.StartsWith("protocol[", StringComparison.Ordinal) || p.Path.StartsWith("protocol.", StringComparison.Ordinal))
                    throw p.KeyOrigin.Error(p.Label, "the sweep's protocols replace the base config's protocol; sweep protocol steps through protocols: instead");
        }

        return new SweepDefinition(full, display, text, name, basePath, baseOrigin, ReadSet(r), mode, samples, seed,
            parameters, r.KeyOrigin("parameters"), linked, protocols, maxCases, caseTimeLimit, cluster);
    }

    /// <summary>The message for a sweep with more cases than <paramref name="maxCases"/>, saying how to raise the limit.</summary>
    internal static string TooManyCases(string what, int maxCases, bool raised) =>
        $"{what}; at most {maxCases:N0} cases {(raised ? "(max_cases in this file)" : "by default")}, because every case is validated and held in memory before the first runs; " +
        (maxCases < ConfigLimits.MaxSweepCasesCeiling
            ? $"set max_cases (up to {ConfigLimits.MaxSweepCasesCeiling:N0}) in the sweep file to allow more, or split the sweep"
            : "split the sweep into several files");

    /// <summary><c>case_time_limit: 10 min</c>: the wall time one case may take before it is cancelled and recorded as failed.</summary>
    private static TimeSpan ReadCaseTimeLimit(ObjectReader r)
    {
        // A bound of its own: TimeSpan holds at most about 29,000 years, and a zero limit would fail every case.
        double? seconds = Config.Read.Quantity(r, "case_time_limit", Units.QuantityKind.Time,
            v => v >= 0.001 && v <= 365 * 86400.0 ? null : "must be between 1 ms and 365 days of wall time", required: false);
        return seconds is { } s ? TimeSpan.FromSeconds(s) : ConfigLimits.DefaultCaseTimeLimit;
    }

    private static SweepMode ReadMode(ObjectReader r)
    {
        string? text = Config.Read.Text(r, "mode", "grid, zip, random or lhs", required: false);
        if (text is null) return SweepMode.Grid;
        if (Modes.TryGetValue(text, out var mode)) return mode;
        string? close = ObjectReader.Closest(text, Modes.Keys);
        throw r.Get("mode")!.Origin.Error("mode", close is not null
            ? $"unknown mode '{text}'; did you mean '{close}'?"
            : $"expected grid, zip, random or lhs, got '{text}'");
    }

    private static List<SweepOverride> ReadSet(ObjectReader r)
    {
        const string expectation = "a list of overrides such as [numerics.size_bins=3, temperature=0 degC]";
        var node = r.Get("set");
        if (node is null) return [];
        var items = node switch
        {
            ScalarNode s => new List<ConfigNode> { s },
            SequenceNode q => q.Items,
            _ => throw Config.Read.Expected(node, "set", expectation),
        };
        var result = new List<SweepOverride>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            string label = node is SequenceNode ? $"set[{i}]" : "set";
            if (items[i] is not ScalarNode s || s.Value.IndexOf('=') <= 0)
                throw Config.Read.Expected(items[i], label, "an override such as 'numerics.size_bins=3' (path=value, as with --set)");
            result.Add(new SweepOverride(s.Value.Trim(), s.Origin, label));
        }
        return result;
    }

    private static List<ProtocolSpec>? ReadProtocols(ObjectReader r)
    {
        const string example = "{0.1C: [Charge at 0.1C until 3.7 V, Discharge at 0.1C until 2.1 V]}";
        var map = Config.Read.Map(r, "protocols", $"a map of protocol names to step lists such as {example}", required: false);
        if (map is null) return null;
        if (map.Entries.Count == 0) throw r.KeyOrigin("protocols").Error("protocols", $"expected at least one protocol, such as {example}");
        var result = new List<ProtocolSpec>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            string label = $"protocols.{entry.Key}";
            if (entry.Value is not SequenceNode seq || seq.Items.Count == 0)
                throw Config.Read.Expected(entry.Value, label, "a non-empty list of steps such as [Charge at 0.1C until 3.7 V, Discharge at 0.1C until 2.1 V]");
            string sanitized = SweepLoader.SanitizeName(entry.Key);
            if (names.TryGetValue(sanitized, out string? other))
                throw entry.KeyOrigin.Error(label, $"the protocol names '{other}' and '{entry.Key}' give the same file name part '{sanitized}'");
            names[sanitized] = entry.Key;
            var steps = new List<string>(seq.Items.Count);
            var parsed = new List<ProtocolStep>(seq.Items.Count);
            for (int i = 0; i < seq.Items.Count; i++)
            {
                if (seq.Items[i] is not ScalarNode s)
                    throw Config.Read.Expected(seq.Items[i], $"{label}[{i}]", "a step such as 'Charge at 0.1C until 3.7 V'");
                try
                {
                    parsed.Add(StepTextParser.Parse(s.Value));
                }
                catch (StepParseException e)
                {
                    throw s.Origin.Error($"{label}[{i}]", e.Message);
                }
                steps.Add(s.Value.Trim());
            }
            result.Add(new ProtocolSpec(entry.Key, steps, parsed.AsReadOnly(), entry.KeyOrigin));
        }
        return result;
    }
}
