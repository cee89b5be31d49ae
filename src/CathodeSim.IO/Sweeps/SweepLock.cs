using System.Globalization;
using System.Text;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// Held while a sweep (or one shard of it) writes into its output directory, so that a second `sweep` or `sweep --resume`
/// on the same directory does not compute the same cases beside it: it is told who holds the lock instead. The lock is
/// the operating system's on an open file (flock on Linux), so it goes with the process: a killed sweep leaves no stale
/// lock, only its file, which the next sweep takes over.
/// </summary>
public sealed class SweepLock : IDisposable
{
    private readonly FileStream _stream;

    private SweepLock(FileStream stream) => _stream = stream;

    /// <summary>Path of the lock file of <paramref name="layout"/> for the whole sweep or one shard.</summary>
    public static string PathOf(SweepStoreLayout layout, Shard? shard) =>
        layout.Result(shard) is var result ? Path.ChangeExtension(result, ".lock") : throw new InvalidOperationException();

    /// <summary>Takes the lock at <paramref name="path"/>; throws <see cref="SweepStoreException"/> naming the holder when it is taken.</summary>
    public static SweepLock Acquire(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            throw new SweepStoreException($"{path}: another sweep is writing into this directory ({Holder(path)}); wait for it to finish or use another --output", e);
        }
        // Who holds it goes beside the lock: the locked file itself cannot be opened by the sweep that is refused.
        try
        {
            File.WriteAllText(path + ".holder", string.Create(CultureInfo.InvariantCulture,
                $"process {Environment.ProcessId} on {Environment.MachineName}, started {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC"), Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The lock holds without the note; a refused sweep then says "holder unknown".
        }
        return new SweepLock(stream);
    }

    private static string Holder(string path)
    {
        try
        {
            string text = File.ReadAllText(path + ".holder").Trim();
            return text.Length is > 0 and < 300 ? text : "holder unknown";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "holder unknown";
        }
    }

    /// <summary>Releases the lock (the file stays; the next sweep takes it over).</summary>
    public void Dispose() => _stream.Dispose();
}
