using System.Text;

namespace CathodeSim.IO.Output;

/// <summary>
/// Writes files so that readers see either the previous complete file or the new complete file, never a partial one
/// (a crash or exception mid-write leaves the previous file untouched).
/// </summary>
public static class AtomicFile
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>What follows the file name in a temporary file's name: <c>.{name}.tmp-{host}-{pid}-{random}</c>.</summary>
    public const string TemporaryMarker = ".tmp-";

    /// <summary>
    /// Lets <paramref name="writeToTempPath"/> create a temporary file next to <paramref name="path"/>, flushes it to
    /// disk, then renames it over <paramref name="path"/>. On failure the temporary file is deleted and the exception
    /// propagates.
    /// </summary>
    /// <param name="path">Final file path; its directory must exist.</param>
    /// <param name="writeToTempPath">Writes the complete content to the path it is given and closes the file.</param>
    public static void Write(string path, Action<string> writeToTempPath) => Write(path, writeToTempPath, durable: true);

    /// <summary>
    /// As <see cref="Write(string, Action{string})"/>; with <paramref name="durable"/> false the file is not forced to disk
    /// before the rename. The rename is still atomic against a killed process (the OS cache survives it); only a power
    /// loss could leave a truncated file, so use it only where the reader verifies files (the sweep journal does).
    /// </summary>
    public static void Write(string path, Action<string> writeToTempPath, bool durable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(writeToTempPath);

        string fullPath = Path.GetFullPath(path);
        // Same directory as the target so the final rename stays on one file system and is atomic.
        string directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' has no parent directory.", nameof(path));
        // The owner in the name lets a later command remove what a killed process left (OutputRecovery).
        string tempPath = Path.Combine(directory, $".{Path.GetFileName(fullPath)}{TemporaryMarker}{OutputOwner.Current}-{OutputOwner.NewSuffix()}");

        try
        {
            writeToTempPath(tempPath);
            if (!File.Exists(tempPath))
            {
                throw new InvalidOperationException($"The writer for '{fullPath}' did not create its temporary file.");
            }

            if (durable) FlushToDisk(tempPath);
            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    /// <summary>Atomically writes <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    /// <param name="path">Final file path; its directory must exist.</param>
    /// <param name="text">File content.</param>
    public static void WriteText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, tempPath => File.WriteAllText(tempPath, text, Utf8NoBom));
    }

    /// <summary>Opens a UTF-8 (no BOM) text writer on the temporary path, for streaming large text files.</summary>
    /// <param name="path">Final file path; its directory must exist.</param>
    /// <param name="write">Writes the content; the writer is closed afterwards.</param>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(path, tempPath =>
        {
            using var writer = new StreamWriter(tempPath, append: false, Utf8NoBom);
            write(writer);
        });
    }

    private static void FlushToDisk(string tempPath)
    {
        // The writer closed the file, which empties .NET's buffers but not the OS cache; without this a power
        // loss right after the rename can leave an empty or truncated file under the final name.
        using var stream = new FileStream(tempPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        stream.Flush(flushToDisk: true);
    }

    private static void TryDelete(string tempPath)
    {
        try
        {
            File.Delete(tempPath);
        }
        catch (IOException)
        {
            // Best effort: the original exception is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
