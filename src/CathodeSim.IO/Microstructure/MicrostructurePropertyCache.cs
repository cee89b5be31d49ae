using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using CathodeSim.Analysis.Microstructure;
using CathodeSim.IO.Output;

namespace CathodeSim.IO.Microstructure;

/// <summary>
/// Computed structure properties on disk, one JSON file per <see cref="MicrostructureCacheKey"/> (its hash as the name)
/// under <see cref="DefaultDirectory"/>. A file is trusted only if it parses, names the same canonical inputs as the key
/// and holds properties in their physical ranges; anything else is a miss, recomputed and overwritten. Writes are atomic
/// (a temporary file renamed over the entry), so parallel runs and interrupted ones never leave half a file.
/// </summary>
public sealed class MicrostructurePropertyCache : IMicrostructurePropertyStore
{
    /// <summary>Environment variable that moves the cache (its microstructure/ subfolder is not added: the folder is used as given).</summary>
    public const string EnvironmentVariable = "CATHODESIM_CACHE";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Tortuosity is +inf where a phase does not span.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>A cache in <paramref name="directory"/> (created on first save).</summary>
    /// <param name="directory">The folder holding the entries.</param>
    /// <param name="readOnly">Read entries but never save (a cache folder that cannot be written: the run goes on uncached).</param>
    public MicrostructurePropertyCache(string directory, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        ReadOnly = readOnly;
    }

    /// <summary>The folder holding the entries.</summary>
    public string Directory { get; }

    /// <summary>Whether <see cref="Save"/> leaves the folder alone.</summary>
    public bool ReadOnly { get; }

    /// <summary><c>$CATHODESIM_CACHE</c> if set, else <c>~/.cache/cathodesim/microstructure</c> (XDG's per-user cache place).</summary>
    public static string DefaultDirectory()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment;
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "cathodesim", "microstructure");
    }

    /// <summary>The file of <paramref name="key"/>.</summary>
    public string PathOf(MicrostructureCacheKey key) => Path.Combine(Directory, key.Hash + ".json");

    /// <inheritdoc />
    public bool TryLoad(MicrostructureCacheKey key, [NotNullWhen(true)] out MicrostructureProperties? properties)
    {
        properties = null;
        string path = PathOf(key);
        if (!File.Exists(path)) return false;
        try
        {
            var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(path), Json);
            if (entry?.Properties is not { } p || entry.Inputs != key.Inputs || !Plausible(p)) return false;
            properties = p;
            return true;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // Damaged or unreadable: a miss; the caller recomputes and overwrites it.
            return false;
        }
    }

    /// <inheritdoc />
    public void Save(MicrostructureCacheKey key, MicrostructureProperties properties)
    {
        if (ReadOnly) return;
        System.IO.Directory.CreateDirectory(Directory);
        string text = JsonSerializer.Serialize(new Entry(key.Inputs, properties), Json);
        AtomicFile.Write(PathOf(key), temp => File.WriteAllText(temp, text));
    }

    /// <summary>Ranges every computed entry satisfies; a file outside them was damaged or edited.</summary>
    private static bool Plausible(MicrostructureProperties p)
    {
        static bool Unit(double v) => v >= 0 && v <= 1;
        static bool Tau(double v) => v >= 1 - 1e-6 || double.IsPositiveInfinity(v);
        return Unit(p.ActiveVolumeFraction) && Unit(p.ElectrolyteVolumeFraction) && Unit(p.VoidFraction)
            && p.EffectiveIonicConductivity >= 0 && double.IsFinite(p.EffectiveIonicConductivity)
            && p.EffectiveElectronicConductivity >= 0 && double.IsFinite(p.EffectiveElectronicConductivity)
            && Tau(p.IonicTortuosityFactor) && Tau(p.ElectronicTortuosityFactor)
            && Unit(p.AccessibleActiveFraction) && Unit(p.ActivePercolatingFraction) && Unit(p.ElectrolytePercolatingFraction)
            && p.ContactAreaPerVolume >= 0 && double.IsFinite(p.ContactAreaPerVolume) && p.Voxels > 0;
    }

    /// <summary>One file: the canonical inputs it was computed from and the properties.</summary>
    private sealed record Entry(string Inputs, MicrostructureProperties Properties);
}
