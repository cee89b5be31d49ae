using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CathodeSim.Model.Microstructure;

namespace CathodeSim.Analysis.Microstructure;

/// <summary>
/// Names one computed structure by everything that changes its properties: the code version, generator, voxel size, box,
/// phase fractions, both powders' size classes (the radii and shares the generators place) and the seed. Bulk
/// conductivities are left out on purpose: the voxel problem is linear, so the properties are stored per unit bulk
/// conductivity and scale exactly.
/// </summary>
/// <param name="Hash">SHA-256 of <paramref name="Inputs"/>, hex: the cache's file name.</param>
/// <param name="Inputs">The canonical text of the inputs, stored beside the properties and compared on reading.</param>
public sealed record MicrostructureCacheKey(string Hash, string Inputs)
{
    /// <summary>
    /// Raise whenever the generators, voxelisation, analysis or solver change their results: every cached entry written
    /// by another version then misses and is recomputed.
    /// </summary>
    public const int CodeVersion = 1;

    /// <summary>The key of <paramref name="request"/> (its bulk conductivities aside).</summary>
    public static MicrostructureCacheKey For(MicrostructureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var r = request.Recipe;
        var text = new StringBuilder();
        text.Append("cathodesim-microstructure-properties v").Append(CodeVersion).Append('\n');
        Line(text, "generator", request.Generator.ToString());
        Line(text, "voxel_size_m", N(request.VoxelSize));
        Line(text, "box_m", $"{N(r.InPlaneLength)} {N(r.InPlaneLength)} {N(r.Thickness)}");
        Line(text, "active_volume_fraction", N(r.ActiveVolumeFraction));
        Line(text, "electrolyte_volume_fraction", N(r.ElectrolyteVolumeFraction));
        Line(text, "size_bins", r.SizeBinCount.ToString(CultureInfo.InvariantCulture));
        Line(text, "active_sizes", Sizes(r.ActiveSizes, r.SizeBinCount));
        Line(text, "electrolyte_sizes", Sizes(r.ElectrolyteSizes, r.SizeBinCount));
        Line(text, "seed", r.Seed.ToString(CultureInfo.InvariantCulture));
        string inputs = text.ToString();
        return new MicrostructureCacheKey(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inputs))), inputs);
    }

    private static void Line(StringBuilder text, string name, string value) => text.Append(name).Append(": ").Append(value).Append('\n');

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // The generators place the discretised classes, so those (not the distribution's parameters) decide the structure.
    private static string Sizes(ParticleSizeDistribution sizes, int binCount)
    {
        var bins = sizes.Discretise(binCount);
        return string.Join(" ", Enumerable.Range(0, bins.Count).Select(k => $"{N(bins.Radii[k])}@{N(bins.VolumeShares[k])}"));
    }
}
