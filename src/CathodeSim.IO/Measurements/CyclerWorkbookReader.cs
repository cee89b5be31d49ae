namespace CathodeSim.IO.Measurements;

/// <summary>
/// Excel exports of battery cyclers: LANDdt's workbook (a record sheet beside cycle and step summaries), Arbin's
/// (Global_Info, Channel_x-y with the record, Statistics_x-y) and Neware BTSDA's (test, cycle, step, record). The record sheet is the first whose header is a cycler
/// record, sheets named like records ("Record", "Channel_...") tried first; Arbin splits long records over
/// Channel_1-008_1, Channel_1-008_2, ..., which are joined.
/// </summary>
internal static class CyclerWorkbookReader
{
    /// <summary>Rows searched for the column header above the record.</summary>
    private const int HeaderSearchRows = 20;

    public static MeasuredTable Read(byte[] bytes, string file)
    {
        var sheets = WorkbookSheets.Read(bytes, file);
        var ordered = sheets.OrderBy(s => LooksLikeRecord(s.Name) ? 0 : 1).ToList();
        foreach (var sheet in ordered)
        {
            for (int r = 0; r < Math.Min(sheet.Rows.Count, HeaderSearchRows); r++)
            {
                var header = sheet.Rows[r].Select(c => c.Trim()).ToList();
                if (header.Count < 3 || CyclerLayout.Match(header) is not { } layout) continue;
                string source = $"{file} (sheet '{sheet.Name}')";
                var rows = new List<CyclerRecordBuilder.Row>();
                AddRows(sheet, r + 1, rows);
                // Arbin continues a record past Excel's old row limit on further sheets with the same header.
                if (layout.Format == MeasurementFormat.Arbin)
                    foreach (var more in sheets.SkipWhile(s => s != sheet).Skip(1).Where(s => s.Name.StartsWith("Channel", StringComparison.OrdinalIgnoreCase)))
                        if (more.Rows.Count > 0 && more.Rows[0].Select(c => c.Trim()).SequenceEqual(header)) AddRows(more, 1, rows);
                if (rows.Count == 0)
                    throw new MeasurementFileException(source, r + 1, $"the {layout.Name} record header is not followed by any data row");
                return CyclerRecordBuilder.Build(layout, source, header, r + 1, rows, decimalComma: false);
            }
        }
        throw new MeasurementFileException(file, null,
            $"no sheet of the workbook ({string.Join(", ", sheets.Select(s => $"'{s.Name}'"))}) holds a cycler record; expected a LAND record sheet " +
            $"with {CyclerLayout.Land.ExampleHeader}, an Arbin Channel sheet with {CyclerLayout.Arbin.ExampleHeader} or a Neware record sheet with {CyclerLayout.Neware.ExampleHeader}");
    }

    private static bool LooksLikeRecord(string name) =>
        name.Contains("record", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Channel", StringComparison.OrdinalIgnoreCase)
        || name.Contains("data", StringComparison.OrdinalIgnoreCase);

    private static void AddRows(WorkbookSheets.Sheet sheet, int first, List<CyclerRecordBuilder.Row> rows)
    {
        for (int r = first; r < sheet.Rows.Count; r++)
            if (sheet.Rows[r].Any(c => c.Trim().Length > 0)) rows.Add(new CyclerRecordBuilder.Row(r + 1, sheet.Rows[r]));
    }
}
