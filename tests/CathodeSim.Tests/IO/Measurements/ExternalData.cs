using Xunit.Abstractions;

namespace CathodeSim.Tests.IO.Measurements;

/// <summary>Locates ../shared/external-data beside the repository (real instrument files that are not part of it).</summary>
internal static class ExternalData
{
    /// <summary>The path of a file under external-data, or null (with a message) when it is absent.</summary>
    public static string? File(ITestOutputHelper output, params string[] parts)
    {
        string? root = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "CathodeSim.sln"))) { root = dir.FullName; break; }
        if (root is null)
        {
            output.WriteLine($"skipped: CathodeSim.sln not found above {AppContext.BaseDirectory}");
            return null;
        }
        string path = Path.GetFullPath(Path.Combine([root, "..", "shared", "external-data", .. parts]));
        if (!System.IO.File.Exists(path))
        {
            output.WriteLine($"skipped: {path} is absent");
            return null;
        }
        return path;
    }
}
