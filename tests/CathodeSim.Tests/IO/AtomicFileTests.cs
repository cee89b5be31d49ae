using CathodeSim.IO.Output;

namespace CathodeSim.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Target => Path.Combine(_dir.Path, "out.txt");

    [Fact]
    public void WriteTextCreatesAndReplaces()
    {
        AtomicFile.WriteText(Target, "first");
        AtomicFile.WriteText(Target, "second");

        Assert.Equal("second", File.ReadAllText(Target));
        Assert.Equal(["out.txt"], _dir.FileNames());
    }

    [Fact]
    public void TemporaryFileIsHiddenAndBesideTheTarget()
    {
        string? seen = null;
        AtomicFile.Write(Target, temp =>
        {
            seen = temp;
            File.WriteAllText(temp, "x");
        });

        Assert.Equal(_dir.Path, Path.GetDirectoryName(seen));
        Assert.StartsWith(".out.txt.tmp-", Path.GetFileName(seen));
        Assert.False(File.Exists(seen));
    }

    [Fact]
    public void FailedWriteKeepsPreviousFileAndRemovesTemporary()
    {
        AtomicFile.WriteText(Target, "previous");

        var error = Assert.Throws<InvalidDataException>(() => AtomicFile.Write(Target, temp =>
        {
            File.WriteAllText(temp, "partial");
            throw new InvalidDataException("writer failed");
        }));

        Assert.Equal("writer failed", error.Message);
        Assert.Equal("previous", File.ReadAllText(Target));
        Assert.Equal(["out.txt"], _dir.FileNames());
    }

    [Fact]
    public void FailedStreamingWriteKeepsPreviousFile()
    {
        AtomicFile.WriteText(Target, "previous");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteText(Target, writer =>
        {
            writer.Write("partial");
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal("previous", File.ReadAllText(Target));
        Assert.Equal(["out.txt"], _dir.FileNames());
    }

    [Fact]
    public void WriterThatCreatesNothingIsAnError()
    {
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(Target, _ => { }));
        Assert.Empty(_dir.FileNames());
    }
}
