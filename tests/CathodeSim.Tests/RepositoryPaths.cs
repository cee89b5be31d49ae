namespace CathodeSim.Tests;

/// <summary>Locates files of the repository (configs/, validation/) from the test output directory.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding CathodeSim.sln.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "CathodeSim.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException($"CathodeSim.sln not found above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>A path relative to the repository root.</summary>
    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);
}
