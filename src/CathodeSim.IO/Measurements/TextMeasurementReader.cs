using System.Text;
using System.Text.RegularExpressions;

namespace CathodeSim.IO.Measurements;

/// <summary>Reads EC-Lab ASCII exports, Gamry .DTA files and delimited text into a <see cref="MeasuredTable"/>.</summary>
internal static partial class TextMeasurementReader
{
    public const string EcLabMagic = "EC-Lab ASCII FILE";
    public const string GamryMagic = "EXPLAIN";

    /// <summary>
    /// Decodes bytes as UTF-16 when they start with its byte-order mark (spreadsheet programs' "Unicode text"), else as UTF-8
    /// when valid, else as Latin-1 (EC-Lab and Gamry write Windows-1252).
    /// </summary>
    public static string Decode(byte[] bytes)
    {
        if (Utf16Encoding(bytes) is { } utf16) return utf16.GetString(bytes, 2, bytes.Length - 2);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>UTF-16 (little or big endian) when <paramref name="bytes"/> start with its byte-order mark, else null.</summary>
    public static Encoding? Utf16Encoding(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE ? Encoding.Unicode
        : bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF ? Encoding.BigEndianUnicode
        : null;

    public static string[] Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    [GeneratedRegex(@"^\s*Nb\s+header\s+lines\s*:\s*(\d+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NbHeaderRegex();

    public static MeasuredTable ReadEcLab(string[] lines, string file)
    {
        if (lines.Length < 2)
            throw new MeasurementFileException(file, 1, "the file ends after the first line; expected 'Nb header lines : N' on line 2");
        var m = NbHeaderRegex().Match(lines[1]);
        int headerLine;
        if (m.Success)
        {
            // A count beyond int (a damaged file) is out of range like any count beyond the file.
            if (!int.TryParse(m.Groups[1].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out headerLine))
                headerLine = int.MaxValue;
            if (headerLine < 3 || headerLine > lines.Length)
                throw new MeasurementFileException(file, 2,
                    $"'Nb header lines : {m.Groups[1].Value}' but the file has {lines.Length} lines; expected a number between 3 and the line of the column header");
        }
        else if (lines[1].Contains('\t'))
        {
            headerLine = 2; // EC-Lab export with the magic line but without the header block.
        }
        else
        {
            throw new MeasurementFileException(file, 2, $"'{lines[1].Trim()}' is not 'Nb header lines : N'; expected the EC-Lab header size on line 2");
        }

        var names = lines[headerLine - 1].Split('\t').Select(n => n.Trim()).ToList();
        while (names.Count > 0 && names[^1].Length == 0) names.RemoveAt(names.Count - 1);
        if (names.Count < 2)
            throw new MeasurementFileException(file, headerLine,
                $"expected the tab-separated column header (e.g. 'time/s<TAB>Ewe/V<TAB>I/mA') here, as 'Nb header lines : {headerLine}' says; found '{lines[headerLine - 1].Trim()}'");

        // EC-Lab writes a decimal comma in some locales; fields are tab-separated, so a comma is always decimal.
        var builder = new TableBuilder(file, MeasurementFormat.EcLabText, names, decimalComma: true);
        int last = -1, previous = -1;
        for (int i = headerLine; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var fields = lines[i].Split('\t');
            builder.Add(fields, i + 1);
            (previous, last) = (last, i);
        }
        RefuseTruncatedEnd(lines, last, previous, '\t', file);
        return builder.Build(headerLine, []);
    }

    public static MeasuredTable ReadGamry(string[] lines, string file, bool preferImpedance)
    {
        var tables = new List<(string Name, int Line)>();
        for (int i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split('\t');
            if (parts.Length >= 2 && parts[1].Trim() == "TABLE" && parts[0].Trim().EndsWith("CURVE", StringComparison.Ordinal))
                tables.Add((parts[0].Trim(), i));
        }
        if (tables.Count == 0)
            throw new MeasurementFileException(file, null, "Gamry file without a CURVE or ZCURVE table; expected a line 'ZCURVE<TAB>TABLE' or 'CURVE<TAB>TABLE'");
        var table = tables.FirstOrDefault(t => t.Name == (preferImpedance ? "ZCURVE" : "CURVE"));
        if (table.Name is null) table = tables.FirstOrDefault(t => t.Name is "ZCURVE" or "CURVE");
        if (table.Name is null) table = tables[0];
        int h = table.Line + 1;
        if (h + 1 >= lines.Length)
            throw new MeasurementFileException(file, table.Line + 1, $"table {table.Name} has no column header and unit rows; the file is truncated");
        var names = lines[h].Split('\t').Skip(1).Select(s => s.Trim()).ToList();
        // Units as Gamry writes them: "s", "V vs. Ref.", "A", "°", "#"; the reference electrode is dropped.
        var units = lines[h + 1].Split('\t').Skip(1).Select(s => s.Trim().Split(' ')[0]).ToList();
        var full = names.Select((n, i) => i < units.Count && units[i].Length > 0 && units[i] != "#" ? $"{n}/{units[i]}" : n).ToList();
        var builder = new TableBuilder(file, MeasurementFormat.GamryDta, full, decimalComma: true);
        for (int i = h + 2; i < lines.Length && lines[i].StartsWith('\t'); i++)
            builder.Add(lines[i].Split('\t').Skip(1).ToList(), i + 1);
        return builder.Build(h + 1, []);
    }

    /// <summary>
    /// A file cut off while being written or copied ends inside its last row, as often as not inside a number (71093 read
    /// as 7.1). Instruments write the fields of a column with the same width, and many exports end without a line end, so
    /// the sign is both: no line end after the last row, and its last field shorter than the row before's. Such a row is
    /// refused rather than read as a shortened value. <paramref name="lines"/> come from <see cref="Lines"/>, so a final
    /// line end leaves an empty last element.
    /// </summary>
    internal static void RefuseTruncatedEnd(string[] lines, int lastDataLine, int previousDataLine, char? delimiter, string file)
    {
        if (lastDataLine < 0 || lastDataLine != lines.Length - 1 || previousDataLine < 0) return;
        string LastField(string line) => TableBuilder.Split(line, delimiter).Select(f => f.Trim()).LastOrDefault(f => f.Length > 0) ?? "";
        string last = LastField(lines[lastDataLine]), before = LastField(lines[previousDataLine]);
        if (last.Length < before.Length)
            throw new MeasurementFileException(file, lastDataLine + 1,
                $"the file ends inside this row, without a line end, and its last field '{last}' is shorter than the row before's '{before}': it looks cut off (a copy or an export interrupted)");
    }

    public static MeasuredTable ReadDelimited(string[] lines, string file)
    {
        int first = Array.FindIndex(lines, l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));
        if (first < 0)
            throw new MeasurementFileException(file, null, "no data; expected a header row such as 'time_s,current_A,voltage_V' and data rows");
        string head = lines[first];
        char? delimiter = head.Contains('\t') ? '\t' : head.Contains(';') ? ';' : head.Contains(',') ? ',' : null;
        bool decimalComma = delimiter is not ',';
        var headFields = TableBuilder.Split(head, delimiter).Select(f => f.Trim().Trim('"').Trim()).ToList();
        while (headFields.Count > 1 && headFields[^1].Length == 0) headFields.RemoveAt(headFields.Count - 1);
        bool hasHeader = headFields.Any(f => !TableBuilder.TryNumber(f, decimalComma, out _));
        var names = hasHeader ? headFields : headFields.Select((_, i) => $"column {i + 1}").ToList();
        var builder = new TableBuilder(file, MeasurementFormat.Delimited, names, decimalComma);
        int last = -1, previous = -1;
        for (int i = hasHeader ? first + 1 : first; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0 || lines[i].TrimStart().StartsWith('#')) continue;
            var fields = TableBuilder.Split(lines[i], delimiter);
            int count = fields.Count;
            while (count > 1 && fields[count - 1].Trim().Length == 0) count--;
            // A row with more fields than the header is misread column by column (decimal commas in a comma-separated file
            // shift every value): refuse it rather than fit shifted numbers.
            if (count > names.Count)
                throw new MeasurementFileException(file, i + 1,
                    $"the row has {count} fields but the header has {names.Count}{(delimiter == ',' && lines[i].Any(char.IsDigit) ? " (decimal commas in a comma-separated file? use ';' or tabs between fields, or decimal points)" : "")}; expected one field per column");
            builder.Add(fields, i + 1);
            (previous, last) = (last, i);
        }
        RefuseTruncatedEnd(lines, last, previous, delimiter, file);
        return builder.Build(hasHeader ? first + 1 : null, []);
    }
}
