using CathodeSim.IO.Config;

namespace CathodeSim.Tests.Config;

/// <summary>
/// The run name becomes file names; names no file can carry were accepted and failed only when the first file was written,
/// after the whole simulation, with exit 1 (issue: hostile inputs). Now the config is refused, naming the key.
/// </summary>
public sealed class RunNameTests
{
    private static string Config => RepositoryPaths.File("configs", "b-ncm-65.yaml");

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("\"two\\nlines\"")] // YAML double quotes: a real line break
    [InlineData("\"tab\\there\"")]
    public void UnusableName_IsRefused_NamingTheKey(string name)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Config, [$"name={name}"]));
        Assert.Contains("name", e.Message);
        Assert.Contains("file names", e.Message);
    }

    [Fact]
    public void YamlTabIndentation_IsReportedAtItsLine_NotLineOne()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cathodesim-tab-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: x\ncell:\n\tarea: 1 cm2\n");
        try
        {
            var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, []));
            Assert.Equal(3, e.Line);
            Assert.Contains("tab", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void NameLongerThanTheLimit_IsRefused_AndOneAtTheLimitIsRead()
    {
        Assert.Throws<ConfigException>(() => ConfigLoader.Load(Config, [$"name={new string('a', ConfigLimits.MaxNameLength + 1)}"]));
        Assert.Equal(new string('a', ConfigLimits.MaxNameLength), ConfigLoader.Load(Config, [$"name={new string('a', ConfigLimits.MaxNameLength)}"]).Setup.Name);
    }
}
