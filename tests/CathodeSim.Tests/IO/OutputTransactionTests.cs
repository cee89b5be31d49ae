using CathodeSim.IO.Output;

namespace CathodeSim.Tests.IO;

/// <summary>
/// Runs are atomic as a whole: every state a killed command can leave (before, during and after its commit record)
/// ends, after the next command's recovery, with the previous whole set of files or the new whole set.
/// </summary>
public sealed class OutputTransactionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <summary>An owner that cannot be running: this machine, a pid above Linux's and Windows' largest.</summary>
    private static readonly string GoneOwner = $"{OutputOwner.Host}-999999999";

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Names = ["run.h5", "run_timeseries.csv", "run_voltage.png", "plots/case.png"];

    private void WriteSet(string directory, string content)
    {
        foreach (string name in Names)
        {
            string path = Path.Combine(directory, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, $"{content} {name}");
        }
    }

    /// <summary>Which set each file holds ("old", "new") or "missing"; a directory is consistent when all agree.</summary>
    private string[] Sets() => Names.Select(name =>
    {
        string path = Path.Combine(_dir.Path, name);
        return File.Exists(path) ? File.ReadAllText(path).Split(' ')[0] : "missing";
    }).ToArray();

    private string[] Leftovers() => Directory.EnumerateFileSystemEntries(_dir.Path)
        .Select(Path.GetFileName).Where(n => n!.StartsWith(OutputTransaction.StagingPrefix, StringComparison.Ordinal) || n.Contains(AtomicFile.TemporaryMarker))
        .Select(n => n!).ToArray();

    /// <summary>Renames this process's staging directory as a killed process's (the process that wrote it is gone).</summary>
    private void OrphanStaging(OutputTransaction transaction) =>
        Directory.Move(transaction.StagingDirectory, Path.Combine(_dir.Path, $"{OutputTransaction.StagingPrefix}{GoneOwner}-0badc0de"));

    [Fact]
    public void Commit_MovesEveryStagedFile_IncludingUnreportedOnes_AndLeavesNoStaging()
    {
        WriteSet(_dir.Path, "old");
        using var transaction = OutputTransaction.Begin(_dir.Path);
        WriteSet(transaction.StagingDirectory, "new");
        var final = transaction.Commit([Path.Combine(transaction.StagingDirectory, "run.h5")]);
        Assert.Equal([Path.Combine(_dir.Path, "run.h5")], final);
        Assert.All(Sets(), s => Assert.Equal("new", s));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void WriteFailureBeforeCommit_LeavesThePreviousSetUntouched()
    {
        WriteSet(_dir.Path, "old");
        Assert.Throws<IOException>(WriteThenFail);
        Assert.All(Sets(), s => Assert.Equal("old", s));
        Assert.Empty(Leftovers());

        void WriteThenFail()
        {
            using var transaction = OutputTransaction.Begin(_dir.Path);
            File.WriteAllText(Path.Combine(transaction.StagingDirectory, "run.h5"), "new run.h5");
            throw new IOException("No space left on device");
        }
    }

    [Fact]
    public void KilledBeforeTheCommitRecord_NextRecoveryDiscardsTheStagedFiles_PreviousSetStays()
    {
        WriteSet(_dir.Path, "old");
        var transaction = OutputTransaction.Begin(_dir.Path);
        WriteSet(transaction.StagingDirectory, "new");
        OrphanStaging(transaction);

        var report = OutputRecovery.Recover(_dir.Path);
        Assert.Equal(new OutputRecoveryReport(0, 1, 0), report);
        Assert.All(Sets(), s => Assert.Equal("old", s));
        Assert.Empty(Leftovers());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void KilledAfterTheCommitRecord_AfterAnyNumberOfRenames_NextRecoveryCompletesTheNewSet(int renamesDone)
    {
        WriteSet(_dir.Path, "old");
        var transaction = OutputTransaction.Begin(_dir.Path);
        WriteSet(transaction.StagingDirectory, "new");
        transaction.Commit([], crashAfterMoves: renamesDone);
        OrphanStaging(transaction);

        var report = OutputRecovery.Recover(_dir.Path);
        Assert.Equal(new OutputRecoveryReport(1, 0, 0), report);
        Assert.All(Sets(), s => Assert.Equal("new", s));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void KilledAfterTheCommitRecord_IntoAnEmptyDirectory_NextRecoveryCompletesTheSet()
    {
        var transaction = OutputTransaction.Begin(_dir.Path);
        WriteSet(transaction.StagingDirectory, "new");
        transaction.Commit([], crashAfterMoves: 2);
        OrphanStaging(transaction);
        // The next command's Begin recovers before it stages anything.
        using var next = OutputTransaction.Begin(_dir.Path);
        Assert.Equal(1, next.Recovered.RunsCompleted);
        Assert.All(Sets(), s => Assert.Equal("new", s));
    }

    [Fact]
    public void StagingOfALiveProcess_IsLeftAlone()
    {
        using var running = OutputTransaction.Begin(_dir.Path);
        WriteSet(running.StagingDirectory, "new");
        var report = OutputRecovery.Recover(_dir.Path);
        Assert.False(report.FoundAny);
        Assert.True(Directory.Exists(running.StagingDirectory));
    }

    [Fact]
    public void TemporaryFiles_OfGoneProcessesAreRemoved_OfLiveOnesAndYoungForeignOnesKept()
    {
        string gone = Path.Combine(_dir.Path, $".run.h5{AtomicFile.TemporaryMarker}{GoneOwner}-12345678");
        string live = Path.Combine(_dir.Path, $".run.csv{AtomicFile.TemporaryMarker}{OutputOwner.Current}-12345678");
        string foreignYoung = Path.Combine(_dir.Path, $".a.png{AtomicFile.TemporaryMarker}{OutputOwner.HostToken("another-node")}-42-12345678");
        string foreignOld = Path.Combine(_dir.Path, $".b.png{AtomicFile.TemporaryMarker}{OutputOwner.HostToken("another-node")}-42-12345678");
        string notOurs = Path.Combine(_dir.Path, ".notes.tmp-by-hand");
        foreach (string f in new[] { gone, live, foreignYoung, foreignOld, notOurs }) File.WriteAllText(f, "x");
        File.SetLastWriteTimeUtc(foreignOld, DateTime.UtcNow - OutputOwner.ForeignAge - TimeSpan.FromHours(1));

        Assert.Equal(2, OutputRecovery.RemoveTemporaryFiles(_dir.Path));
        Assert.False(File.Exists(gone));
        Assert.False(File.Exists(foreignOld));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(foreignYoung));
        Assert.True(File.Exists(notOurs));
    }

    [Fact]
    public void AtomicFileTemporaries_CarryTheirOwner()
    {
        string? seen = null;
        AtomicFile.Write(Path.Combine(_dir.Path, "x.txt"), temp =>
        {
            seen = Path.GetFileName(temp);
            File.WriteAllText(temp, "x");
        });
        Assert.StartsWith($".x.txt{AtomicFile.TemporaryMarker}{OutputOwner.Current}-", seen);
    }

    [Fact]
    public void DamagedCommitRecord_IsTreatedAsUncommitted()
    {
        WriteSet(_dir.Path, "old");
        var transaction = OutputTransaction.Begin(_dir.Path);
        WriteSet(transaction.StagingDirectory, "new");
        File.WriteAllText(Path.Combine(transaction.StagingDirectory, ".commit"), "cathodesim output commit 1\n../../etc/passwd\nend\n");
        OrphanStaging(transaction);
        Assert.Equal(1, OutputRecovery.Recover(_dir.Path).RunsDiscarded);
        Assert.All(Sets(), s => Assert.Equal("old", s));
    }
}
