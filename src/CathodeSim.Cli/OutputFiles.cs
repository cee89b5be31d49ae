namespace CathodeSim.Cli;

/// <summary>Writes a command's files into its output directory; a write failure is one error line and exit code 1.</summary>
internal static class OutputFiles
{
    /// <summary>
    /// Creates <paramref name="directory"/> and runs <paramref name="write"/>, which returns the paths it wrote. I/O and
    /// permission failures (and, with <paramref name="includeArgumentErrors"/>, unusable file names) are reported on
    /// the error stream; the caller then returns <see cref="ExitCode.Failure"/>.
    /// </summary>
    public static bool TryWrite(CliContext context, string directory, Func<IEnumerable<string>> write, out IReadOnlyList<string> files,
        bool includeArgumentErrors = false)
    {
        // Ctrl+C or SIGTERM during the computation: write nothing (CommandLine answers with exit 130).
        context.Cancellation.ThrowIfCancellationRequested();
        try
        {
            Directory.CreateDirectory(directory);
            files = write().ToList();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || (includeArgumentErrors && e is ArgumentException))
        {
            context.Error.WriteLine($"error: could not write to '{directory}': {e.Message}");
            files = [];
            return false;
        }
    }
}
