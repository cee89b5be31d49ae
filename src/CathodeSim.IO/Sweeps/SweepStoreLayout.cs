namespace CathodeSim.IO.Sweeps;

/// <summary>Where a sweep's files live: the journal of finished cases (for resume) and the assembled file(s).</summary>
public sealed class SweepStoreLayout(string outputDirectory, string sweepName)
{
    /// <summary>Output directory.</summary>
    public string Directory { get; } = outputDirectory;

    /// <summary>Journal folder: one file per finished case, written atomically.</summary>
    public string Journal => Path.Combine(Directory, sweepName + ".journal");

    /// <summary>The fingerprint file inside the journal.</summary>
    public string JournalFingerprint => Path.Combine(Journal, "fingerprint.txt");

    /// <summary>Journal file of a successful case.</summary>
    public string CaseFile(int index) => Path.Combine(Journal, $"case_{index:D6}.h5");

    /// <summary>Journal file of a failed case.</summary>
    public string FailureFile(int index) => Path.Combine(Journal, $"case_{index:D6}.failed.txt");

    /// <summary>The assembled sweep file (or a shard's file).</summary>
    public string Result(Shard? shard) => Path.Combine(Directory, shard is null ? $"{sweepName}.h5" : $"{sweepName}.shard-{shard.Value.Index}-of-{shard.Value.Count}.h5");

    /// <summary>The table as CSV.</summary>
    public string Table(Shard? shard) => Path.ChangeExtension(Result(shard), null) + "_table.csv";
}

/// <summary>Shard i of N (0-based i): the cases whose index modulo N is i.</summary>
/// <param name="Index">i in [0, N).</param>
/// <param name="Count">N >= 1.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>True when case <paramref name="caseIndex"/> belongs to this shard.</summary>
    public bool Owns(int caseIndex) => caseIndex % Count == Index;

    /// <summary>Parses "i/N".</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int i) || !int.TryParse(parts[1], out int n) || n < 1 || i < 0 || i >= n)
            throw new FormatException($"--shard '{text}': expected i/N with 0 <= i < N, e.g. 3/10");
        return new Shard(i, n);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}
