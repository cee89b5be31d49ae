using CathodeSim.IO.Output;

namespace CathodeSim.Tests.IO;

public sealed class VoltageCapacityPlotTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WritesPng()
    {
        string path = new VoltageCapacityPlot().Write(SyntheticRun.Create(), SyntheticRun.Metadata(), _dir.Path);

        Assert.Equal(Path.Combine(_dir.Path, "synthetic_voltage.png"), path);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > PngSignature.Length);
        Assert.Equal(PngSignature, bytes[..PngSignature.Length]);
        Assert.Equal(["synthetic_voltage.png"], _dir.FileNames());
    }

    [Fact]
    public void WritesPngForRunWithoutData()
    {
        var empty = SyntheticRun.Create() with { Series = [], Steps = [], Profiles = [] };
        string path = new VoltageCapacityPlot().Write(empty, SyntheticRun.Metadata(), _dir.Path);

        Assert.True(new FileInfo(path).Length > 0);
    }
}
