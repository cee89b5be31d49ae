using CathodeSim.IO.Output;

namespace CathodeSim.Studies;

/// <summary>
/// Writes a study's files into its output directory as one <see cref="OutputTransaction"/>: staged, then renamed
/// into place together; a write failure is a <see cref="StudyOutputException"/> and leaves the previous files as they were.
/// </summary>
public static class StudyOutput
{
    /// <summary>
    /// Recovers <paramref name="directory"/> from killed commands (a note on <paramref name="log"/>), runs
    /// <paramref name="write"/> with the staging directory to write into (it returns the paths it wrote) and moves the
    /// files into place; returns their final paths. With <paramref name="evenIfCancelled"/> the files are written although
    /// <paramref name="cancellation"/> is set: the partial results of an interrupted run, which the user asked to keep by
    /// interrupting rather than killing (the next study clears files staged by a process killed while writing).
    /// </summary>
    /// <param name="directory">The output directory (created when missing).</param>
    /// <param name="write">Writes the files into the staging directory it is given and returns their paths.</param>
    /// <param name="log">Receives the note on files of killed runs cleared away; null for none.</param>
    /// <param name="cancellation">Checked before and after writing: when set, nothing is written.</param>
    /// <param name="includeArgumentErrors">Also report unusable file names (ArgumentException) as a write failure.</param>
    /// <param name="evenIfCancelled">Write although <paramref name="cancellation"/> is set.</param>
    /// <exception cref="StudyOutputException">An I/O or permission failure: <c>could not write to 'DIR': cause</c>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the files were moved into place.</exception>
    public static IReadOnlyList<string> Write(string directory, Func<string, IEnumerable<string>> write, IStudyLog? log, CancellationToken cancellation,
        bool includeArgumentErrors = false, bool evenIfCancelled = false)
    {
        // Ctrl+C or SIGTERM during the computation: write nothing (the command line answers with exit 130).
        if (!evenIfCancelled) cancellation.ThrowIfCancellationRequested();
        string? staging = null;
        try
        {
            using var transaction = OutputTransaction.Begin(directory);
            staging = transaction.StagingDirectory;
            if (transaction.Recovered.FoundAny) log?.Note(transaction.Recovered.Describe(directory));
            var staged = write(transaction.StagingDirectory).ToList();
            // Interrupted while writing: the staged files are dropped and the previous ones stay.
            if (!evenIfCancelled) cancellation.ThrowIfCancellationRequested();
            return transaction.Commit(staged);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || (includeArgumentErrors && e is ArgumentException))
        {
            if (e is StudyOutputException) throw;
            throw new StudyOutputException($"could not write to '{directory}': {Readable(e.Message, staging, directory)}", e);
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
