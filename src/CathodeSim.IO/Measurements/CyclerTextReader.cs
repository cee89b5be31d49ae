namespace CathodeSim.IO.Measurements;

/// <summary>Text exports of battery cyclers (LAND, Arbin CSV, Maccor): finds the column header under any preamble and reads the rows.</summary>
internal static class CyclerTextReader
{
    /// <summary>How far down a header is looked for: Maccor writes two or three preamble lines, LAND a few title lines.</summary>
    private const int HeaderSearchLines = 40;

    /// <summary>Where the header of a cycler record is.</summary>
    /// <param name="Layout">The vendor's layout.</param>
    /// <param name="Index">0-based line of the column header.</param>
    /// <param name="Delimiter">Tab, comma or semicolon.</param>
    public readonly record struct Found(CyclerLayout Layout, int Index, char Delimiter);

    /// <summary>The cycler layout of <paramref name="lines"/>, or null when no line near the top is such a header.</summary>
    public static Found? Detect(string[] lines, CyclerLayout? only = null)
    {
        for (int i = 0; i < Math.Min(lines.Length, HeaderSearchLines); i++)
        {
            string line = lines[i];
            if (line.Trim().Length == 0) continue;
            char delimiter = line.Contains('\t') ? '\t' : line.Contains(',') ? ',' : ';';
            var fields = TableBuilder.Split(line, delimiter).Select(f => f.Trim().Trim('"').Trim()).ToList();
            if (fields.Count < 3) continue;
            var layout = only is null ? CyclerLayout.Match(fields) : only.Matches(fields) ? only : null;
            if (layout is not null) return new Found(layout, i, delimiter);
        }
        return null;
    }

    /// <summary>Reads the record under the header <paramref name="found"/> names.</summary>
    public static MeasuredTable Read(string[] lines, string file, Found found)
    {
        var header = TableBuilder.Split(lines[found.Index], found.Delimiter);
        while (header.Count > 1 && header[^1].Trim().Length == 0) header.RemoveAt(header.Count - 1);
        // A comma between fields is never a decimal comma; with tabs or semicolons it may be (exports in German or Chinese locales).
        bool decimalComma = found.Delimiter != ',';
        var rows = new List<CyclerRecordBuilder.Row>();
        int last = -1, previous = -1;
        for (int i = found.Index + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var fields = TableBuilder.Split(lines[i], found.Delimiter);
            int count = fields.Count;
            while (count > 1 && fields[count - 1].Trim().Length == 0) count--;
            if (count > header.Count)
                throw new MeasurementFileException(file, i + 1,
                    $"the row has {count} fields but the {found.Layout.Name} header on line {found.Index + 1} has {header.Count}; expected one field per column");
            // Cyclers write every field of every row; a short row is one cut off (an interrupted export or copy), whose
            // last value may be a shortened number.
            if (fields.Count < header.Count)
                throw new MeasurementFileException(file, i + 1,
                    $"the row has {fields.Count} fields but the {found.Layout.Name} header on line {found.Index + 1} has {header.Count}: it looks cut off or damaged; expected one field per column");
            rows.Add(new CyclerRecordBuilder.Row(i + 1, fields));
            (previous, last) = (last, i);
        }
        TextMeasurementReader.RefuseTruncatedEnd(lines, last, previous, found.Delimiter, file);
        return CyclerRecordBuilder.Build(found.Layout, file, header, found.Index + 1, rows, decimalComma);
    }

    /// <summary>Reads <paramref name="lines"/> as the layout of <paramref name="format"/>, refusing a file without its header.</summary>
    public static MeasuredTable Read(string[] lines, string file, MeasurementFormat format)
    {
        var layout = CyclerLayout.All.Single(l => l.Format == format);
        var found = Detect(lines, layout) ?? throw new MeasurementFileException(file, null,
            $"no {layout.Name} column header in the first {HeaderSearchLines} lines; expected one such as {layout.ExampleHeader}");
        return Read(lines, file, found);
    }
}
