using CathodeSim.Studies;

namespace CathodeSim.Cli;

/// <summary>
/// The commands' way to <see cref="StudyOutput.Write"/>: its notes on stderr, and a write failure as one error line
/// (the caller then returns <see cref="ExitCode.Failure"/>), the previous files left as they were.
/// </summary>
internal static class OutputFiles
{
    /// <summary>
    /// Writes the files of <paramref name="write"/> into <paramref name="directory"/> (see <see cref="StudyOutput.Write"/>);
    /// false, after the error line, when they could not be written. <paramref name="files"/> are the final paths.
    /// </summary>
    public static bool TryWrite(CliContext context, string directory, Func<string, IEnumerable<string>> write, out IReadOnlyList<string> files,
        bool includeArgumentErrors = false, bool evenIfCancelled = false)
    {
        try
        {
            files = StudyOutput.Write(directory, write, context.StudyLog(), context.Cancellation, includeArgumentErrors, evenIfCancelled);
            return true;
        }
        catch (StudyOutputException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            files = [];
            return false;
        }
    }
}
