using System.Globalization;
using CathodeSim.IO.Measurements;

namespace CathodeSim.IO.Validation;

/// <summary>One number stated in a paper's text.</summary>
/// <param name="Id">Short identifier (cap_opt, ret_30, ...).</param>
/// <param name="Quantity">What it is.</param>
/// <param name="Value">The number, in <paramref name="Unit"/>.</param>
/// <param name="Unit">Its unit as written.</param>
/// <param name="Conditions">Conditions of the measurement.</param>
public sealed record ReportedResult(string Id, string Quantity, double Value, string Unit, string Conditions);

/// <summary>Reads a CSV of reported results: <c>id,quantity,value,unit,conditions</c> with '#' provenance comments.</summary>
public static class ReportedResults
{
    /// <summary>Reads every result, by id.</summary>
    /// <exception cref="MeasurementFileException">A missing file, a malformed line or a repeated id (file and line named).</exception>
    public static IReadOnlyDictionary<string, ReportedResult> Read(string path)
    {
        if (!File.Exists(path)) throw new MeasurementFileException(path, null, "file not found");
        var results = new Dictionary<string, ReportedResult>(StringComparer.Ordinal);
        int line = 0;
        bool header = false;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (text.StartsWith('#') || string.IsNullOrWhiteSpace(text)) continue;
            var f = TableBuilder.Split(text, ',').Select(s => s.Trim()).ToArray();
            if (!header)
            {
                if (f.Length < 4 || f[0] != "id" || f[2] != "value")
                    throw new MeasurementFileException(path, line, $"expected the header 'id,quantity,value,unit,conditions'");
                header = true;
                continue;
            }
            if (f.Length < 4 || !double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new MeasurementFileException(path, line, $"expected id, quantity, a number, unit and conditions, got '{text.Trim()}'");
            if (!results.TryAdd(f[0], new ReportedResult(f[0], f[1], value, f[3], f.Length > 4 ? f[4] : "")))
                throw new MeasurementFileException(path, line, $"id '{f[0]}' appears twice");
        }
        return results;
    }
}
