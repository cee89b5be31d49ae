using System.Security.Cryptography;
using System.Text;
using CathodeSim.IO.Config;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// The identity of a sweep's work: SHA-256 (lower-case hex) of the base configuration as resolved (material library
/// and extends chain merged, without <c>source</c> texts, whose change annotations name files relative to the working
/// directory), the sweep name and mode, the protocols' step texts, and every case's overrides in order.
/// Equal across loads and working directories; any changed value changes it.
/// </summary>
internal static class SweepFingerprint
{
    private const char Separator = '\u001f';

    public static string Compute(ConfigLoader.PreparedConfig baseConfig, SweepDefinition d, IReadOnlyList<SweepProtocol> protocols, IReadOnlyList<SweepCase> cases)
    {
        var text = new StringBuilder();
        text.Append("cathodesim-sweep v1\n");
        text.Append("name: ").Append(d.Name).Append('\n');
        text.Append("mode: ").Append(SweepDefinition.ModeName(d.Mode)).Append('\n');
        text.Append("base:\n").Append(ConfigYaml.Emit(WithoutSources(baseConfig.Apply([])), null));
        text.Append("protocols:\n");
        foreach (var p in protocols)
            text.Append(p.Name).Append(Separator).AppendJoin(Separator, p.Steps).Append('\n');
        text.Append("cases:\n");
        foreach (var c in cases)
            text.Append(c.Index).Append(Separator).AppendJoin(Separator, c.Overrides).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static MapNode WithoutSources(MapNode map) => new(map.Origin, map.Entries
        .Where(e => e.Key != "source")
        .Select(e => new MapEntry(e.Key, e.KeyOrigin, Strip(e.Value)))
        .ToList());

    private static ConfigNode Strip(ConfigNode node) => node switch
    {
        MapNode m => WithoutSources(m),
        SequenceNode q => new SequenceNode(q.Origin, q.Items.Select(Strip).ToList()),
        _ => node,
    };
}
