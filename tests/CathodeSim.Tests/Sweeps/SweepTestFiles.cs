using CathodeSim.IO.Config;
using CathodeSim.IO.Sweeps;
using CathodeSim.Tests.Config;

namespace CathodeSim.Tests.Sweeps;

/// <summary>A temporary folder with the minimal config as <c>base.yaml</c> and sweep files next to it.</summary>
internal sealed class SweepTestFiles : IDisposable
{
    private readonly ConfigTestFiles _files = new();

    public SweepTestFiles() => _files.WriteMinimal("base.yaml");

    public string Root => _files.Root;

    /// <summary>Writes a sweep file; <c>base: base.yaml</c> is prepended unless the text has its own base line.</summary>
    public string Write(string text, string file = "sweep.yaml")
    {
        string full = text.Contains("base:", StringComparison.Ordinal) ? text : "base: base.yaml\n" + text;
        return _files.Write(file, full);
    }

    public SweepPlan Load(string text, params string[] overrides) => SweepLoader.Load(Write(text), overrides);

    /// <summary>Loads a sweep expected to fail; checks that the message starts with the sweep file and the line of <paramref name="lineFragment"/>.</summary>
    public ConfigException Fails(string text, string lineFragment, params string[] overrides)
    {
        string full = text.Contains("base:", StringComparison.Ordinal) ? text : "base: base.yaml\n" + text;
        string path = Write(text);
        var e = Assert.Throws<ConfigException>(() => SweepLoader.Load(path, overrides));
        int line = ConfigTestFiles.LineOf(full, lineFragment);
        Assert.Equal(path, e.File);
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"{path}:{line}: ", e.Message);
        return e;
    }

    public void Dispose() => _files.Dispose();
}
