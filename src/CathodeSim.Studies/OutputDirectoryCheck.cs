namespace CathodeSim.Studies;

/// <summary>
/// The output directory a command is given, checked before any work: an empty path, a path through a file, or a
/// directory where files cannot be created fail in a second rather than after a long simulation.
/// </summary>
public static class OutputDirectoryCheck
{
    /// <summary>Null when <paramref name="path"/> can take the command's files, else what is wrong with it.</summary>
    /// <param name="path">The directory (it need not exist yet).</param>
    /// <param name="label">How the message names it: the option or setting it came from.</param>
    public static string? Problem(string path, string label = "--output")
    {
        if (string.IsNullOrWhiteSpace(path)) return $"{label}: empty path; expected a directory, e.g. {label} out/run1";
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"{label} '{path}': not a usable path ({e.Message})";
        }
        // The nearest existing ancestor decides: nothing is created here, so a later bad-input exit leaves no empty directory.
        string? existing = full;
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing)) return $"{label} '{path}': '{existing}' is a file, not a directory";
            existing = Path.GetDirectoryName(existing);
        }
        if (existing is null) return $"{label} '{path}': no part of the path exists";
        try
        {
            string probe = Path.Combine(existing, $".cathodesim-write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{label} '{path}': cannot create files in '{existing}' ({e.Message})";
        }
    }
}
