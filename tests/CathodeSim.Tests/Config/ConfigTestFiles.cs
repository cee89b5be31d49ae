namespace CathodeSim.Tests.Config;

/// <summary>A temporary folder for config files, plus a minimal valid config to mutate.</summary>
internal sealed class ConfigTestFiles : IDisposable
{
    public const string Minimal = """
        name: test
        cell:
          area: 0.785 cm^2
          nominal_specific_capacity: 200 mAh/g
          cathode:
            active_material: NCM90
            electrolyte: Li3InCl6
            mass: 5.5 mg
            active_mass_fraction: 0.65
            void_fraction: 0.15
            contact_coverage: 0.8
            initial_stoichiometry: 0.991
            film_resistance: 5 ohm cm^2
            particle_size: {distribution: lognormal, d50: 3 um, geometric_std: 1.5}
            ionic_transport: {law: percolation, threshold: 0.2, exponent: 2.0, floor: 1e-4}
            electronic_transport: {law: bruggeman, exponent: 1.5}
          separator: {electrolyte: Li6PS5Cl, mass: 80 mg, relative_density: 0.87}
          counter_electrode: Li-In
        temperature: 25 degC
        protocol:
          - Charge at 0.1C until 3.7 V
          - Discharge at 0.1C until 2.1 V
        """;

    public ConfigTestFiles()
    {
        Root = Path.Combine(Path.GetTempPath(), "cathodesim-config-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes <paramref name="text"/> to a file under the temp folder and returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        string path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r\n", "\n"));
        return path;
    }

    /// <summary>Writes the minimal config with one textual replacement.</summary>
    public string WriteMinimal(string file, string? find = null, string? replaceWith = null)
    {
        string text = Minimal;
        if (find is not null)
        {
            Assert.Contains(find, text);
            text = text.Replace(find, replaceWith ?? "");
        }
        return Write(file, text);
    }

    /// <summary>1-based line of the first line containing <paramref name="fragment"/>.</summary>
    public static int LineOf(string text, string fragment)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
            if (lines[i].Contains(fragment, StringComparison.Ordinal)) return i + 1;
        throw new InvalidOperationException($"'{fragment}' not in text");
    }

    /// <summary>The repository's configs/ folder, found by walking up to CathodeSim.sln.</summary>
    public static string RepositoryConfigs() => RepositoryPaths.File("configs");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
