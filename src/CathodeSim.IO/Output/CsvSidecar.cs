using System.Text.Json;
using System.Text.Json.Nodes;

namespace CathodeSim.IO.Output;

/// <summary>
/// Metadata of a CSV file in <c>&lt;file&gt;.csv.json</c> beside it. CSVs hold only a header line and data rows, so
/// pandas, Excel and Origin read them with their defaults; what used to sit in <c>#</c> comment lines above the header
/// (the fit's circuit, the DRT's lambda and peaks, the source of a conversion) lives here, with the provenance
/// (<c>program_version</c>, <c>created</c>, <c>command</c>) that HDF5 files carry as root attributes.
/// </summary>
public static class CsvSidecar
{
    /// <summary>The sidecar path of <paramref name="csvPath"/>: the CSV's full name with ".json" appended.</summary>
    public static string PathFor(string csvPath) => csvPath + ".json";

    /// <summary>
    /// Writes the sidecar of <paramref name="csvPath"/> atomically: the provenance, the CSV's file name, then
    /// <paramref name="metadata"/> (values: text, numbers, lists and objects of these; NaN and infinities as text,
    /// which JSON has no numbers for). Returns the sidecar's path.
    /// </summary>
    public static string Write(string csvPath, JsonObject metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var provenance = OutputProvenance.Current;
        var root = new JsonObject
        {
            ["file"] = Path.GetFileName(csvPath),
            ["program_version"] = provenance.ProgramVersion,
            ["created"] = Hdf5Metadata.Iso8601(DateTimeOffset.UtcNow),
            ["command"] = provenance.Command,
        };
        foreach (var (key, value) in metadata.ToList())
        {
            metadata.Remove(key);
            root[key] = value;
        }
        string path = PathFor(csvPath);
        AtomicFile.WriteText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return path;
    }

    /// <summary>A JSON number, or its text ("NaN", "Infinity") where it is not finite.</summary>
    public static JsonNode Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(CsvFields.Number(value));
}
