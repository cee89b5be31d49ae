using CathodeSim.IO.Output;

namespace CathodeSim.Studies;

/// <summary>
/// Writes a command's files into its output directory as one <see cref="OutputTransaction"/>: staged, then renamed
/// into place together; a write failure is one error line and exit code 1, and leaves the previous files as they were.
/// </summary>
internal static class OutputFiles
{
    /// <summary>
    /// Recovers <paramref name="directory"/> from killed commands, runs <paramref name="write"/> with the staging
    /// directory to write into (it returns the paths it wrote) and moves the files into place. I/O and permission
    /// failures (and, with <paramref name="includeArgumentErrors"/>, unusable file names) are reported on the error
    /// stream; the caller then returns <see cref="ExitCode.Failure"/>. <paramref name="files"/> are the final paths.
    /// With <paramref name="evenIfCancelled"/> the files are written although Ctrl+C was pressed: the partial results
    /// of an interrupted `run`, which the user asked to keep by interrupting rather than killing (a second Ctrl+C ends
    /// the process at once; the next command then clears the staged files).
    /// </summary>
    public static bool TryWrite(CliContext context, string directory, Func<string, IEnumerable<string>> write, out IReadOnlyList<string> files,
        bool includeArgumentErrors = false, bool evenIfCancelled = false)
    {
        // Ctrl+C or SIGTERM during the computation: write nothing (CommandLine answers with exit 130).
        if (!evenIfCancelled) context.Cancellation.ThrowIfCancellationRequested();
        string? staging = null;
        try
        {
            using var transaction = OutputTransaction.Begin(directory);
            staging = transaction.StagingDirectory;
            if (transaction.Recovered.FoundAny) context.Error.WriteLine($"note: {transaction.Recovered.Describe(directory)}");
            var staged = write(transaction.StagingDirectory).ToList();
            // Interrupted while writing: the staged files are dropped and the previous ones stay.
            if (!evenIfCancelled) context.Cancellation.ThrowIfCancellationRequested();
            files = transaction.Commit(staged);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || (includeArgumentErrors && e is ArgumentException))
        {
            context.Error.WriteLine($"error: could not write to '{directory}': {Readable(e.Message, staging, directory)}");
            files = [];
            return false;
        }
    }

    /// <summary>
    /// The message with the staging directory and temporary names taken out: ".../.cathodesim-staging-.../.x.png.tmp-..."
    /// reads ".../x.png", the file the user will look for.
    /// </summary>
    private static string Readable(string message, string? staging, string directory)
    {
        if (staging is null) return message;
        string text = message.Replace(staging, Path.GetFullPath(directory), StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(text, @"([/\\])\.([^/\\']+?)\.tmp-[0-9a-f]{8}-\d+-[0-9a-f]{8}", "$1$2");
    }
}
