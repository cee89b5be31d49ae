using System.Globalization;
using PureHDF;

namespace CathodeSim.IO.Output;

/// <summary>
/// The attributes every HDF5 file CathodeSim writes carries: <c>units</c> and <c>description</c> on each dataset, and
/// the same provenance at the root of every file kind (<c>program_version</c>, <c>created</c>, <c>command</c>, and
/// <c>config</c> where a configuration exists). Tools that browse HDF5 (h5py, HDFView, Origin) show attributes, not
/// naming conventions, so the unit must not live only in a dataset's name.
/// </summary>
public static class Hdf5Metadata
{
    /// <summary>Dataset attribute holding the SI unit in plain UCUM-like text ("s", "V", "mAh/g", "1" for dimensionless).</summary>
    public const string UnitsAttribute = "units";

    /// <summary>Dataset attribute holding one line saying what the values are.</summary>
    public const string DescriptionAttribute = "description";

    /// <summary>Unit text of a dimensionless quantity (a fraction, a stoichiometry, an index, a count).</summary>
    public const string Dimensionless = "1";

    /// <summary>Unit text of a text dataset (status, messages): there is no unit.</summary>
    public const string NoUnit = "";

    /// <summary>A dataset of <paramref name="data"/> with its units and description.</summary>
    public static H5Dataset Dataset(object data, string units, string description, ulong[]? fileDims = null) =>
        Describe(new H5Dataset(data, fileDims: fileDims), units, description);

    /// <summary>Adds units and description to <paramref name="dataset"/> (keeping attributes it has) and returns it.</summary>
    public static T Describe<T>(T dataset, string units, string description) where T : H5Dataset
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Attributes is null) dataset.Attributes = new Dictionary<string, object>();
        dataset.Attributes[UnitsAttribute] = units;
        dataset.Attributes[DescriptionAttribute] = description;
        return dataset;
    }

    /// <summary>
    /// Adds the root provenance to <paramref name="attributes"/> (existing attributes stay): <c>program_version</c>,
    /// <c>created</c> (ISO 8601 UTC), <c>command</c> (from <see cref="OutputProvenance.Current"/>) and, when
    /// <paramref name="config"/> is not null, <c>config</c> (the resolved YAML).
    /// </summary>
    public static Dictionary<string, object> AddProvenance(Dictionary<string, object> attributes, string? programVersion, DateTimeOffset created, string? config)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var provenance = OutputProvenance.Current;
        attributes["program_version"] = programVersion ?? provenance.ProgramVersion;
        attributes["created"] = Iso8601(created);
        attributes["command"] = provenance.Command;
        if (config is not null) attributes["config"] = config;
        return attributes;
    }

    /// <summary>ISO 8601 UTC with a Z suffix, to the second (e.g. <c>2025-01-31T12:00:00Z</c>).</summary>
    public static string Iso8601(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
