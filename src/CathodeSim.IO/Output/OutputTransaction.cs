using System.Text;

namespace CathodeSim.IO.Output;

/// <summary>
/// The files one command writes into a directory, made visible together: they are written into a hidden staging
/// directory inside the target (same file system, so every move is a rename), a commit record listing them is
/// written and flushed, and only then are they renamed into place. A command killed before its commit record is on
/// disk leaves the previous files untouched; one killed after it leaves a record from which the next command writing
/// into that directory finishes the renames (<see cref="OutputRecovery"/>). Either way the directory ends with the
/// previous whole set of files or the new one, never a new time series beside an old plot.
/// </summary>
/// <remarks>
/// Commits and recoveries in one directory take turns on the lock file <c>.cathodesim.lock</c> there (an OS file
/// lock, released when the process ends, however it ends), so two commands finishing side by side do not interleave
/// their renames. Begin removes what killed commands left before anything is staged.
/// </remarks>
public sealed class OutputTransaction : IDisposable
{
    /// <summary>Name prefix of staging directories: <c>.cathodesim-staging-{host}-{pid}-{random}</c>.</summary>
    public const string StagingPrefix = ".cathodesim-staging-";

    /// <summary>The lock file commits and recoveries take turns on.</summary>
    public const string LockFileName = ".cathodesim.lock";

    private const string CommitRecordName = ".commit";
    private const string CommitHeader = "cathodesim output commit 1";
    private const string CommitEnd = "end";

    /// <summary>Longest wait for another command's commit in the same directory: 60 s (a commit is a few renames).</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);

    private bool _finished;

    private OutputTransaction(string target, string staging, OutputRecoveryReport recovered)
    {
        TargetDirectory = target;
        StagingDirectory = staging;
        Recovered = recovered;
    }

    /// <summary>The directory the files end up in (full path).</summary>
    public string TargetDirectory { get; }

    /// <summary>Where the command writes its files until <see cref="Commit(IEnumerable{string})"/>; subdirectories are allowed.</summary>
    public string StagingDirectory { get; }

    /// <summary>What was cleaned up after killed commands before this one began.</summary>
    public OutputRecoveryReport Recovered { get; }

    /// <summary>Creates <paramref name="targetDirectory"/> if needed, recovers it and creates the staging directory.</summary>
    /// <exception cref="IOException">The directory cannot be created or written.</exception>
    /// <exception cref="UnauthorizedAccessException">As above, for want of permission.</exception>
    public static OutputTransaction Begin(string targetDirectory)
    {
        string target = Path.GetFullPath(targetDirectory);
        Directory.CreateDirectory(target);
        var recovered = OutputRecovery.Recover(target);
        string staging = Path.Combine(target, $"{StagingPrefix}{OutputOwner.Current}-{OutputOwner.NewSuffix()}");
        Directory.CreateDirectory(staging);
        return new OutputTransaction(target, staging, recovered);
    }

    /// <summary>
    /// Moves the staged files into place, all or (if this process dies on the way) none until the next recovery
    /// completes them. Paths outside the staging directory (a file the user named elsewhere) are returned unchanged.
    /// </summary>
    /// <param name="files">Files the command reported writing (every file in the staging directory is moved, reported or not).</param>
    /// <returns>The reported files' final paths, in the same order.</returns>
    public IReadOnlyList<string> Commit(IEnumerable<string> files) => Commit(files, crashAfterMoves: null);

    /// <summary>
    /// <see cref="Commit(IEnumerable{string})"/> for fault tests: with <paramref name="crashAfterMoves"/> = n the commit
    /// stops dead after the commit record and n renames, leaving the directory as a process killed there would.
    /// </summary>
    internal IReadOnlyList<string> Commit(IEnumerable<string> files, int? crashAfterMoves)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        var result = new List<string>();
        foreach (string file in files)
        {
            string relative = Path.GetRelativePath(StagingDirectory, Path.GetFullPath(file));
            bool outside = relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative);
            result.Add(outside ? file : Path.Combine(TargetDirectory, relative));
        }
        // Everything in the staging directory is output, also a file a writer made beside the one it reported.
        var staged = Directory.EnumerateFiles(StagingDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(StagingDirectory, f))
            .Where(f => f != CommitRecordName)
            .Order(StringComparer.Ordinal)
            .ToList();

        using (LockDirectory(TargetDirectory))
        {
            var record = new StringBuilder(CommitHeader).Append('\n');
            foreach (string relative in staged) record.Append(relative).Append('\n');
            record.Append(CommitEnd).Append('\n');
            AtomicFile.WriteText(Path.Combine(StagingDirectory, CommitRecordName), record.ToString());
            if (crashAfterMoves is { } n)
            {
                MoveIntoPlace(StagingDirectory, TargetDirectory, staged.Take(n).ToList());
                _finished = true;
                return result;
            }
            MoveIntoPlace(StagingDirectory, TargetDirectory, staged);
            _finished = true;
            Directory.Delete(StagingDirectory, recursive: true);
        }
        return result;
    }

    /// <summary>Removes the staging directory and everything in it unless the files were committed.</summary>
    public void Dispose()
    {
        if (_finished) return;
        _finished = true;
        try
        {
            if (Directory.Exists(StagingDirectory)) Directory.Delete(StagingDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next command's recovery; the error that ended this one is the one worth reporting.
        }
    }

    /// <summary>The relative paths of a staging directory's commit record, or null when it has none (not committed).</summary>
    internal static IReadOnlyList<string>? ReadCommitRecord(string staging)
    {
        string path = Path.Combine(staging, CommitRecordName);
        if (!File.Exists(path)) return null;
        var lines = File.ReadAllLines(path);
        // Written atomically, so a record is whole or absent; anything else was not written by a commit.
        if (lines.Length < 2 || lines[0] != CommitHeader || lines[^1] != CommitEnd) return null;
        var files = lines[1..^1];
        return files.All(f => f.Length > 0 && !Path.IsPathRooted(f) && !f.Split('/', '\\').Contains("..")) ? files : null;
    }

    /// <summary>Renames each staged file that is still in <paramref name="staging"/> to its place in <paramref name="target"/>.</summary>
    internal static void MoveIntoPlace(string staging, string target, IReadOnlyList<string> relativePaths)
    {
        foreach (string relative in relativePaths)
        {
            string from = Path.Combine(staging, relative);
            if (!File.Exists(from)) continue; // moved before the process died
            string to = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Move(from, to, overwrite: true);
        }
    }

    /// <summary>Takes the directory's commit lock, waiting up to a minute for another command's commit.</summary>
    /// <exception cref="IOException">Still held after the wait.</exception>
    internal static IDisposable LockDirectory(string directory)
    {
        string path = Path.Combine(directory, LockFileName);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
            {
                if (clock.Elapsed > LockWait)
                    throw new IOException($"{path}: another command has been moving its files into '{directory}' for over {LockWait.TotalSeconds:0} s; try again or use another --output", e);
                Thread.Sleep(20);
            }
        }
    }
}
