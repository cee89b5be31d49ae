using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.IO.Output;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// <c>&lt;name&gt;.sweep.json</c> in a sweep's output folder: what the journal alone does not say, namely how many cases
/// the sweep has, in how many shards it runs and how it was submitted. `sweep-status` reads it to count missing cases
/// per shard, `sweep --resubmit-failed` to write an array for the same shards. Written by `--emit-slurm` and by every
/// sweep run that finds none.
/// </summary>
/// <param name="Name">Sweep name.</param>
/// <param name="SweepFile">Absolute sweep file.</param>
/// <param name="Overrides">--set overrides.</param>
/// <param name="Fingerprint">The plan's fingerprint (the journal's must match).</param>
/// <param name="Cases">Cases in the sweep.</param>
/// <param name="Shards">Shard count (array tasks), or null for an unsharded run.</param>
public sealed record SweepManifest(string Name, string SweepFile, IReadOnlyList<string> Overrides, string Fingerprint, int Cases, int? Shards)
{
    /// <summary>The scheduler settings of the last --emit-slurm (the base of a resubmission), or null.</summary>
    public SlurmSettings? Slurm { get; init; }

    /// <summary>Cores per array task of the last --emit-slurm, or null.</summary>
    public int? CpusPerTask { get; init; }

    /// <summary>The manifest's path for sweep <paramref name="name"/> in <paramref name="directory"/>.</summary>
    public static string PathOf(string directory, string name) => Path.Combine(directory, name + ".sweep.json");

    /// <summary>Writes the manifest atomically (shards starting together write the same text; the last rename wins).</summary>
    public void Write(string directory)
    {
        var overrides = new JsonArray();
        foreach (var o in Overrides) overrides.Add(o);
        var json = new JsonObject
        {
            ["format"] = "cathodesim-sweep-manifest v1",
            ["name"] = Name, ["sweep_file"] = SweepFile, ["overrides"] = overrides, ["fingerprint"] = Fingerprint,
            ["cases"] = Cases, ["shards"] = Shards, ["cpus_per_task"] = CpusPerTask,
        };
        if (Slurm is { } s)
        {
            var lines = new JsonArray();
            foreach (var l in s.SbatchLines) lines.Add(l);
            json["slurm"] = new JsonObject
            {
                ["time"] = s.Time, ["mem"] = s.Memory, ["partition"] = s.Partition, ["account"] = s.Account, ["qos"] = s.Qos,
                ["sbatch"] = lines, ["throttle"] = s.Throttle, ["max_array_size"] = s.MaxArraySize, ["cathodesim"] = s.Cathodesim,
            };
        }
        AtomicFile.WriteText(PathOf(directory, Name), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>Reads the manifest at <paramref name="path"/>; null when absent.</summary>
    /// <exception cref="SweepStoreException">The file is not a manifest.</exception>
    public static SweepManifest? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            static string? Text(JsonNode? node) => node?.GetValue<string>();
            static int? Number(JsonNode? node) => node?.GetValue<int>();
            var manifest = new SweepManifest(
                Text(json["name"]) ?? throw new FormatException("no name"),
                Text(json["sweep_file"]) ?? throw new FormatException("no sweep_file"),
                json["overrides"]?.AsArray().Select(o => o!.GetValue<string>()).ToList() ?? [],
                Text(json["fingerprint"]) ?? throw new FormatException("no fingerprint"),
                Number(json["cases"]) ?? throw new FormatException("no cases"),
                Number(json["shards"])) { CpusPerTask = Number(json["cpus_per_task"]) };
            if (json["slurm"] is JsonObject s)
            {
                manifest = manifest with
                {
                    Slurm = new SlurmSettings(Text(s["time"]), Text(s["mem"]), Text(s["partition"]), Text(s["account"]), Text(s["qos"]),
                        s["sbatch"]?.AsArray().Select(l => l!.GetValue<string>()).ToList(), Number(s["throttle"]), Number(s["max_array_size"]), Text(s["cathodesim"])),
                };
            }
            if (manifest.Cases < 1 || manifest.Shards is < 1) throw new FormatException("cases and shards must be at least 1");
            return manifest;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException)
        {
            throw new SweepStoreException(string.Create(CultureInfo.InvariantCulture, $"{path}: not a readable sweep manifest ({e.Message}); remove it, it is written again by the next --emit-slurm or sweep run"), e);
        }
    }
}
