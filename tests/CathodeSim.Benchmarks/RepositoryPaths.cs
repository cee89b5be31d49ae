namespace CathodeSim.Benchmarks;

/// <summary>Finds the repository's configs/ folder from the benchmark's output directory.</summary>
internal static class RepositoryPaths
{
    public static string Config(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "configs", name);
            if (File.Exists(Path.Combine(dir.FullName, "CathodeSim.sln")) && File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"configs/{name} not found above {AppContext.BaseDirectory}");
    }
}
