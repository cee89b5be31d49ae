namespace CathodeSim.IO.Output;

/// <summary>What <see cref="OutputRecovery.Recover"/> found and did in a directory.</summary>
/// <param name="RunsCompleted">Outputs of killed commands whose commit record was on disk: their remaining files were moved into place.</param>
/// <param name="RunsDiscarded">Outputs of killed commands that had not committed: their staging directories were removed.</param>
/// <param name="TemporaryFilesRemoved">Temporary files of killed processes (<see cref="AtomicFile"/>) that were removed.</param>
public sealed record OutputRecoveryReport(int RunsCompleted, int RunsDiscarded, int TemporaryFilesRemoved)
{
    /// <summary>Whether anything was found.</summary>
    public bool FoundAny => RunsCompleted + RunsDiscarded + TemporaryFilesRemoved > 0;

    /// <summary>One line for the user, e.g. "out: completed the output of 1 killed run; removed 2 temporary files of killed runs".</summary>
    public string Describe(string directory)
    {
        var parts = new List<string>();
        if (RunsCompleted > 0) parts.Add($"completed the output of {RunsCompleted} run{(RunsCompleted == 1 ? "" : "s")} killed while moving its files into place");
        if (RunsDiscarded > 0) parts.Add($"removed the unfinished output of {RunsDiscarded} killed run{(RunsDiscarded == 1 ? "" : "s")} (the files it would have replaced are unchanged)");
        if (TemporaryFilesRemoved > 0) parts.Add($"removed {TemporaryFilesRemoved} temporary file{(TemporaryFilesRemoved == 1 ? "" : "s")} of killed runs");
        return $"{directory}: {string.Join("; ", parts)}";
    }
}

/// <summary>
/// Cleans up after commands that were killed (kill -9, power loss, out of memory) while writing into a directory, so
/// that a directory always ends with whole sets of files: the staging directory of an uncommitted
/// <see cref="OutputTransaction"/> is removed, one whose commit record is on disk is moved into place (rolled
/// forward), and <see cref="AtomicFile"/> temporaries are removed. Only leftovers whose owner is gone are touched
/// (<see cref="OutputOwner.IsGone"/>), so commands running side by side in one directory are safe.
/// </summary>
public static class OutputRecovery
{
    /// <summary>Recovers <paramref name="directory"/> (not its subdirectories, except the staging directories in it).</summary>
    /// <exception cref="IOException">The directory cannot be listed or a leftover cannot be moved or removed.</exception>
    public static OutputRecoveryReport Recover(string directory)
    {
        if (!Directory.Exists(directory)) return new(0, 0, 0);
        int completed = 0, discarded = 0;
        var stale = Directory.EnumerateDirectories(directory, OutputTransaction.StagingPrefix + "*")
            .Where(d => OutputOwner.IsGone(Path.GetFileName(d)[OutputTransaction.StagingPrefix.Length..], Directory.GetLastWriteTimeUtc(d)))
            .ToList();
        if (stale.Count > 0)
        {
            using var _ = OutputTransaction.LockDirectory(directory);
            foreach (string staging in stale)
            {
                if (!Directory.Exists(staging)) continue;
                if (OutputTransaction.ReadCommitRecord(staging) is { } files)
                {
                    OutputTransaction.MoveIntoPlace(staging, directory, files);
                    completed++;
                }
                else discarded++;
                Directory.Delete(staging, recursive: true);
            }
        }
        return new(completed, discarded, RemoveTemporaryFiles(directory));
    }

    /// <summary>
    /// Removes the <see cref="AtomicFile"/> temporaries of gone processes in <paramref name="directory"/> (not below);
    /// returns how many.
    /// </summary>
    public static int RemoveTemporaryFiles(string directory)
    {
        if (!Directory.Exists(directory)) return 0;
        int removed = 0;
        foreach (string path in Directory.EnumerateFiles(directory, "." + "*" + AtomicFile.TemporaryMarker + "*"))
        {
            string name = Path.GetFileName(path);
            int marker = name.LastIndexOf(AtomicFile.TemporaryMarker, StringComparison.Ordinal);
            if (marker < 1 || !OutputOwner.IsGone(name[(marker + AtomicFile.TemporaryMarker.Length)..], File.GetLastWriteTimeUtc(path))) continue;
            try
            {
                File.Delete(path);
                removed++;
            }
            catch (FileNotFoundException)
            {
                // Removed by another command's recovery at the same time.
            }
        }
        return removed;
    }
}
