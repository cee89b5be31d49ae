using System.Globalization;

namespace CathodeSim.IO.Sweeps;

/// <summary>One shard's state in a <see cref="SweepProgressReport"/>.</summary>
/// <param name="Index">Shard i of the sweep's shard count.</param>
/// <param name="Cases">Cases the shard owns.</param>
/// <param name="Done">Of them, finished with results.</param>
/// <param name="Failed">Of them, recorded as failed.</param>
/// <param name="Missing">Of them, not yet in the journal.</param>
/// <param name="FileWritten">Whether the shard's file <c>&lt;name&gt;.shard-i-of-N.h5</c> exists.</param>
public sealed record ShardProgress(int Index, int Cases, int Done, int Failed, int Missing, bool FileWritten)
{
    /// <summary>True when the shard must run again: a failed or missing case, or no shard file yet.</summary>
    public bool NeedsRerun => Failed > 0 || Missing > 0 || !FileWritten;
}

/// <summary>
/// How far a sweep in an output folder has come, from its journal (one file per finished case, whose modification
/// times give the throughput) and its manifest (cases and shards): done, failed and missing cases, per shard too.
/// Reads no case file's contents, so it is quick also on a journal of 100,000 cases on a network file system.
/// </summary>
/// <param name="Name">Sweep name.</param>
/// <param name="Directory">Output folder.</param>
/// <param name="Manifest">The manifest, or null when none was written (then missing cases are unknown).</param>
/// <param name="Done">Cases finished with results.</param>
/// <param name="Failed">Failed cases, by index, with the first line of their error.</param>
/// <param name="Missing">Cases not in the journal (empty without a manifest).</param>
/// <param name="Shards">Per shard (empty without a sharded manifest).</param>
/// <param name="FirstFinishedUtc">When the first journalled case finished, or null.</param>
/// <param name="LastFinishedUtc">When the latest one finished, or null.</param>
/// <param name="Merged">Whether the assembled <c>&lt;name&gt;.h5</c> exists.</param>
/// <param name="Problem">Why the journal and manifest disagree, or null.</param>
public sealed record SweepProgressReport(
    string Name,
    string Directory,
    SweepManifest? Manifest,
    int Done,
    IReadOnlyList<(int Index, string Error)> Failed,
    IReadOnlyList<int> Missing,
    IReadOnlyList<ShardProgress> Shards,
    DateTime? FirstFinishedUtc,
    DateTime? LastFinishedUtc,
    bool Merged,
    string? Problem)
{
    /// <summary>Every case known to the manifest, or null without one.</summary>
    public int? Cases => Manifest?.Cases;

    /// <summary>Cases in the journal (with results or failed).</summary>
    public int Finished => Done + Failed.Count;

    /// <summary>
    /// Journalled cases per second of wall time between the first and the latest (null with fewer than two, or when
    /// they finished within the same second): the throughput of all shards together.
    /// </summary>
    public double? CasesPerSecond =>
        Finished >= 2 && FirstFinishedUtc is { } first && LastFinishedUtc is { } last && (last - first).TotalSeconds >= 1
            ? (Finished - 1) / (last - first).TotalSeconds
            : null;

    /// <summary>Missing cases at <see cref="CasesPerSecond"/> (null when unknown or nothing is missing): meaningful only while tasks run.</summary>
    public double? SecondsLeft => Missing.Count > 0 && CasesPerSecond is { } rate ? Missing.Count / rate : null;

    /// <summary>Shards to run again (<see cref="ShardProgress.NeedsRerun"/>).</summary>
    public IReadOnlyList<int> ShardsToRerun => Shards.Where(s => s.NeedsRerun).Select(s => s.Index).ToList();

    /// <summary>Every sweep with a journal in <paramref name="directory"/>, by name.</summary>
    /// <exception cref="SweepStoreException">The folder does not exist or holds no sweep journal.</exception>
    public static IReadOnlyList<SweepProgressReport> Scan(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!System.IO.Directory.Exists(directory)) throw new SweepStoreException($"{directory}: no such folder");
        var names = System.IO.Directory.EnumerateDirectories(directory, "*.journal")
            .Select(d => Path.GetFileName(d)[..^".journal".Length])
            .Concat(System.IO.Directory.EnumerateFiles(directory, "*.sweep.json").Select(f => Path.GetFileName(f)[..^".sweep.json".Length]))
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
            throw new SweepStoreException($"{directory}: no sweep here (no <name>.journal folder or <name>.sweep.json); give the --output folder of a sweep");
        return names.Select(n => Of(directory, n)).ToList();
    }

    /// <summary>The report of sweep <paramref name="name"/> in <paramref name="directory"/>.</summary>
    /// <exception cref="SweepStoreException">Its manifest cannot be read.</exception>
    public static SweepProgressReport Of(string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(name);
        var layout = new SweepStoreLayout(directory, name);
        var manifest = SweepManifest.Read(SweepManifest.PathOf(directory, name));
        var done = new HashSet<int>();
        var failedFiles = new SortedDictionary<int, string>();
        DateTime? first = null, last = null;
        string? problem = null;
        if (System.IO.Directory.Exists(layout.Journal))
        {
            foreach (var info in new DirectoryInfo(layout.Journal).EnumerateFiles("case_*"))
            {
                // case_NNNNNN.h5 or case_NNNNNN.failed.txt; temporary files of killed writers start with '.'.
                string file = info.Name;
                if (file.Length < 11 || !int.TryParse(file.AsSpan(5, 6), NumberStyles.None, CultureInfo.InvariantCulture, out int index)) continue;
                if (file.EndsWith(".h5", StringComparison.Ordinal)) done.Add(index);
                else if (file.EndsWith(".failed.txt", StringComparison.Ordinal)) failedFiles[index] = info.FullName;
                else continue;
                var time = info.LastWriteTimeUtc;
                if (first is null || time < first) first = time;
                if (last is null || time > last) last = time;
            }
            string fingerprint = File.Exists(layout.JournalFingerprint) ? File.ReadAllText(layout.JournalFingerprint).Trim() : "";
            if (manifest is not null && fingerprint.Length > 0 && fingerprint != manifest.Fingerprint)
                problem = $"{layout.Journal} belongs to another definition of the sweep than {SweepManifest.PathOf(directory, name)}";
        }
        // A case with both files was retried successfully after the failure was recorded: its result counts.
        foreach (int index in done) failedFiles.Remove(index);
        var failed = failedFiles.Select(f => (f.Key, FirstLine(f.Value))).ToList();

        var missing = new List<int>();
        var shards = new List<ShardProgress>();
        if (manifest is not null)
        {
            var failedSet = failedFiles.Keys.ToHashSet();
            for (int i = 0; i < manifest.Cases; i++)
                if (!done.Contains(i) && !failedSet.Contains(i)) missing.Add(i);
            if (manifest.Shards is { } n)
            {
                for (int s = 0; s < n; s++)
                {
                    var shard = new Shard(s, n);
                    int cases = 0, ok = 0, bad = 0, absent = 0;
                    for (int i = s; i < manifest.Cases; i += n)
                    {
                        cases++;
                        if (done.Contains(i)) ok++;
                        else if (failedSet.Contains(i)) bad++;
                        else absent++;
                    }
                    shards.Add(new ShardProgress(s, cases, ok, bad, absent, File.Exists(layout.Result(shard))));
                }
            }
        }
        return new SweepProgressReport(name, directory, manifest, done.Count, failed, missing, shards, first, last,
            File.Exists(layout.Result(null)), problem);
    }

    private static string FirstLine(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            string line = reader.ReadLine()?.Trim() ?? "";
            return line.Length > 300 ? line[..300] + "..." : line;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "(error text unreadable)";
        }
    }
}
