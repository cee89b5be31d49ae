using System.Globalization;

namespace CathodeSim.IO.Measurements;

/// <summary>
/// Turns the rows of a cycler record (text lines or spreadsheet rows, as fields) into a <see cref="MeasuredTable"/>:
/// vendor columns renamed where <see cref="MeasurementReader"/> would not find them, clock durations converted to seconds,
/// and currents signed from the state column where the export gives magnitudes.
/// </summary>
internal static class CyclerRecordBuilder
{
    /// <summary>Columns whose clock values (hh:mm:ss, d-hh:mm:ss) are durations; SysTime, DPt Time and Date_Time are dates and left alone.</summary>
    private static readonly HashSet<string> DurationNames = ["testtime", "steptime", "totaltime", "time", "elapsedtime", "runtime"];

    /// <summary>Normalised names of a current column; Maccor's Amps is renamed Current/A before this.</summary>
    private static readonly HashSet<string> CurrentNames = ["current", "i", "cur"];

    /// <summary>A row: its fields and where it is (1-based line of a text file or row of a sheet).</summary>
    public readonly record struct Row(int Line, IReadOnlyList<string> Fields);

    public static MeasuredTable Build(CyclerLayout layout, string source, IReadOnlyList<string> header, int headerLine, IReadOnlyList<Row> rows,
        bool decimalComma)
    {
        var names = header.Select(h => layout.Rename(h.Trim().Trim('"').Trim())).ToList();
        while (names.Count > 1 && names[^1].Length == 0) names.RemoveAt(names.Count - 1);
        var fields = rows.Select(r => r.Fields.Select(f => f.Trim().Trim('"').Trim()).ToArray()).ToList();
        var warnings = new List<string>();

        for (int c = 0; c < names.Count; c++)
        {
            var parsed = ColumnHeader.Parse(names[c]);
            if (!DurationNames.Contains(parsed.Name) || parsed.Unit is not null) continue;
            string? first = fields.Select(f => c < f.Length ? f[c] : "").FirstOrDefault(f => f.Length > 0);
            if (first is null) continue;
            if (CyclerDuration.LooksLikeClock(first))
            {
                // Converted once here; a field that is no duration stays as written, so that the table names it and its line.
                foreach (var f in fields)
                    if (c < f.Length && f[c].Length > 0 && CyclerDuration.TryParse(f[c], out double seconds))
                        f[c] = seconds.ToString("R", CultureInfo.InvariantCulture);
                names[c] += "/s";
            }
            else if (layout.BareTimeIsSeconds)
            {
                names[c] += "/s";
            }
        }

        SignFromState(layout, names, fields, decimalComma, warnings);

        var builder = new TableBuilder(source, layout.Format, names, decimalComma);
        for (int r = 0; r < rows.Count; r++) builder.Add(fields[r], rows[r].Line);
        return builder.Build(headerLine, warnings);
    }

    /// <summary>
    /// Maccor, and some LAND exports, write the current as a magnitude and say in the State column whether the cell is
    /// charged or discharged. When no discharge row has a negative current, discharge rows are negated (current positive
    /// on charge, as <see cref="MeasuredSeries"/> has it); a file that already signs its current is left as it is.
    /// </summary>
    private static void SignFromState(CyclerLayout layout, List<string> names, List<string[]> fields, bool decimalComma, List<string> warnings)
    {
        int state = names.FindIndex(n => layout.StateColumns.Contains(ColumnHeader.Normalise(n)));
        int current = names.FindIndex(n => ColumnHeader.Parse(n) is var p && CurrentNames.Contains(p.Name) && p.Unit is { } u
            && MeasuredQuantity.Current.Factor(u) is not null);
        if (state < 0 || current < 0) return;
        var discharge = new List<(string[] Row, double Value)>();
        foreach (var f in fields)
        {
            if (state >= f.Length || current >= f.Length || CyclerLayout.StateSign(f[state]) >= 0) continue;
            if (!TableBuilder.TryNumber(f[current], decimalComma, out double value)) continue;
            if (value < 0) return;   // the file signs its current itself
            discharge.Add((f, value));
        }
        if (discharge.Count == 0) return;
        foreach (var (row, value) in discharge) row[current] = (-value).ToString("R", CultureInfo.InvariantCulture);
        warnings.Add($"column '{names[current]}' holds magnitudes; negated in the {discharge.Count} row{(discharge.Count == 1 ? "" : "s")} that column '{names[state]}' marks as discharge");
    }
}
