using System.Globalization;
using System.Text;

namespace CathodeSim.IO.Measurements;

/// <summary>Collects text rows into a <see cref="MeasuredTable"/>, recording the first unreadable field of each column.</summary>
internal sealed class TableBuilder
{
    private readonly string _source;
    private readonly MeasurementFormat _format;
    private readonly string[] _names;
    private readonly bool _decimalComma;
    private readonly List<double>[] _columns;
    private readonly List<long> _lines = [];
    private readonly string?[] _problems;
    private readonly int[] _problemRows;
    private long _cells;
    private long _characters;

    /// <summary>
    /// Cells a table may hold beyond <see cref="CellsPerCharacter"/> per character of its rows: 1,000,000. A well-formed
    /// row has at least one character per cell (its delimiter), so only a header far wider than its rows comes near.
    /// </summary>
    private const long CellAllowance = 1_000_000;

    /// <summary>Cells allowed per character of row text: 8 (rows may lack a few trailing columns; not hundreds).</summary>
    private const long CellsPerCharacter = 8;

    public TableBuilder(string source, MeasurementFormat format, IReadOnlyList<string> names, bool decimalComma)
    {
        _source = source;
        _format = format;
        _names = UniqueNames(names);
        _decimalComma = decimalComma;
        _columns = _names.Select(_ => new List<double>()).ToArray();
        _problems = new string?[_names.Length];
        _problemRows = new int[_names.Length];
    }

    public static string[] UniqueNames(IReadOnlyList<string> names)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new string[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            string name = names[i].Length == 0 ? $"column {i + 1}" : names[i];
            int count = seen.TryGetValue(name, out int c) ? c + 1 : 1;
            seen[name] = count;
            result[i] = count == 1 ? name : $"{name} {count}";
        }
        return result;
    }

    public void Add(IReadOnlyList<string> fields, int line)
    {
        // Each row stores a value for every header column; a damaged header of thousands of fields over thousands of
        // short rows would ask for a table far larger than the file (fuzzing: 5 million cells from 23 kB).
        _cells += _names.Length;
        foreach (string f in fields) _characters += f.Length + 1;
        if (_cells > CellsPerCharacter * _characters + CellAllowance)
            throw new MeasurementFileException(_source, line,
                $"the header has {_names.Length:N0} columns but the rows hold far fewer fields (this row: {fields.Count}); expected rows as wide as the header");
        int row = _lines.Count;
        _lines.Add(line);
        for (int c = 0; c < _names.Length; c++)
        {
            double value = double.NaN;
            // Only a column's first problem is kept, so its message is built only then: a damaged header of thousands of
            // fields over thousands of short rows would otherwise format millions of messages (seconds, 100+ MB; fuzzing).
            bool first = _problems[c] is null;
            string? problem = null;
            if (c >= fields.Count)
            {
                if (first) problem = $"the row has {fields.Count} field{(fields.Count == 1 ? "" : "s")}, so column '{_names[c]}' (field {c + 1}) is missing";
            }
            else
            {
                string field = fields[c].Trim().Trim('"').Trim();
                if (field.Length == 0) { if (first) problem = $"column '{_names[c]}' is empty"; }
                else if (!TryNumber(field, _decimalComma, out value) && first) problem = $"'{field}' in column '{_names[c]}' is not a number";
            }
            if (problem is not null)
            {
                _problems[c] = problem;
                _problemRows[c] = row;
            }
            _columns[c].Add(value);
        }
    }

    public MeasuredTable Build(int? headerLine, IReadOnlyList<string> warnings) =>
        new(_source, _format, _names, _columns.Select(c => c.ToArray()).ToArray(), _lines.ToArray(), positionsAreLines: true,
            _problems, _problemRows, headerLine, warnings);

    public static bool TryNumber(string field, bool decimalComma, out double value)
    {
        string f = decimalComma ? field.Replace(',', '.') : field;
        return double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Splits a line into fields; double quotes may enclose a field containing the delimiter; null splits on white space.</summary>
    public static List<string> Split(string line, char? delimiter)
    {
        if (delimiter is null) return [.. line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)];
        var fields = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else quoted = !quoted;
            }
            else if (c == delimiter && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        fields.Add(current.ToString());
        return fields;
    }
}
