namespace CathodeSim.IO.Output;

/// <summary>Builds output file paths from a run name.</summary>
internal static class OutputPaths
{
    /// <summary>
    /// Creates <paramref name="outputDirectory"/> if needed and returns <c>outputDirectory/runName + suffix</c>.
    /// Rejects run names that are not plain file names, so a name can never write outside the directory.
    /// </summary>
    public static string For(string outputDirectory, string runName, string suffix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(runName);
        if (runName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || runName.Contains('\\') || runName is "." or "..")
        {
            throw new ArgumentException($"Run name '{runName}' cannot be used as a file name.", nameof(runName));
        }

        Directory.CreateDirectory(outputDirectory);
        return Path.Combine(outputDirectory, runName + suffix);
    }
}
