namespace CathodeSim.IO.Measurements;

/// <summary>The file formats <see cref="MeasurementReader"/> understands.</summary>
public enum MeasurementFormat
{
    /// <summary>Detect from the content (magic bytes, first line), then the extension.</summary>
    Auto,

    /// <summary>BioLogic EC-Lab ASCII export (.mpt, .txt) starting with "EC-Lab ASCII FILE".</summary>
    EcLabText,

    /// <summary>BioLogic EC-Lab binary file (.mpr), a "BIO-LOGIC MODULAR FILE".</summary>
    EcLabBinary,

    /// <summary>Gamry Framework data file (.DTA) with a CURVE or ZCURVE table.</summary>
    GamryDta,

    /// <summary>Comma-, semicolon-, tab- or space-separated text with a header row (or, for spectra, 3 bare columns).</summary>
    Delimited,

    /// <summary>Scribner ZPlot text (.z) starting with "ZPLOT2 ASCII": tab-separated Freq(Hz), ..., Z'(a), Z''(b) after "End Comments".</summary>
    ZPlot,

    /// <summary>
    /// Scribner Z60W data file ("Z60W Data File" on the first line; impedance.py reads it as "autolab"): a quoted column
    /// header with Freq (Hz), Z'(a), Z''(b), comma-separated rows.
    /// </summary>
    Z60W,

    /// <summary>CH Instruments A.C. impedance text: a parameter block, then "Freq/Hz, Z'/ohm, Z"/ohm, Z/ohm, Phase/deg" and rows.</summary>
    ChInstruments,

    /// <summary>Princeton Applied Research VersaStudio (.par): the first &lt;SegmentN&gt; with a "Definition=" column list.</summary>
    VersaStudio,

    /// <summary>
    /// LAND (LANDdt) record, text (tab- or comma-separated) or the record sheet of its Excel export: TestTime
    /// (hh:mm:ss, d-hh:mm:ss or with a unit), Current/mA, Voltage/V, Cycle, Step, State. See docs/cycler-files.md.
    /// </summary>
    Land,

    /// <summary>Arbin MITS record, CSV or the Channel sheet of its Excel export: Data_Point, Test_Time(s), Current(A), Voltage(V), Cycle_Index, Step_Index.</summary>
    Arbin,

    /// <summary>Maccor text export: a preamble, then tab-separated Rec#, Cyc#, Step, TestTime, Amps (a magnitude), Volts, State (C/D/R/O).</summary>
    Maccor,

    /// <summary>
    /// An Excel workbook (.xlsx, .xls) from a cycler; read as <see cref="Land"/>, <see cref="Arbin"/> or
    /// <see cref="Neware"/> from the first sheet holding a record. Detected from the zip or OLE signature.
    /// </summary>
    Workbook,

    /// <summary>
    /// Neware BTSDA's record export, CSV or the "record" sheet of its Excel export: DataPoint, Cycle Index, Step Index,
    /// Step Type, Time, Total Time (hh:mm:ss), Current(mA), Voltage(V), Chg. Cap.(mAh), ... See docs/cycler-files.md.
    /// </summary>
    Neware,

    /// <summary>Neware .nda binary record (magic "NEWARE"; versions 26, 28, 29 and 130), read into the columns of <see cref="Neware"/>.</summary>
    NewareNda,

    /// <summary>Neware .ndax archive (a zip holding data.ndc, versions 2 and 5), read into the columns of <see cref="Neware"/>.</summary>
    NewareNdax,
}

/// <summary>
/// The columns of a measurement file as recorded (names and units as the instrument writes them, e.g. <c>time/s</c>,
/// <c>&lt;I&gt;/mA</c>, <c>-Im(Z)/Ohm</c>), before any conversion. <see cref="MeasurementReader.ReadSeries"/> and
/// <see cref="MeasurementReader.ReadSpectrum"/> build on it.
/// </summary>
public sealed class MeasuredTable
{
    private readonly Dictionary<string, int> _index;
    private readonly double[][] _values;
    private readonly string?[] _problems;
    private readonly int[] _problemRows;
    private readonly long[] _positions;
    private readonly bool _positionsAreLines;

    internal MeasuredTable(string source, MeasurementFormat format, IReadOnlyList<string> names, double[][] values,
        long[] positions, bool positionsAreLines, string?[] problems, int[] problemRows, int? headerLine, IReadOnlyList<string> warnings)
    {
        Source = source;
        Format = format;
        ColumnNames = names;
        _values = values;
        _positions = positions;
        _positionsAreLines = positionsAreLines;
        _problems = problems;
        _problemRows = problemRows;
        HeaderLine = headerLine;
        Warnings = warnings;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++) _index.TryAdd(names[i], i);
    }

    /// <summary>The file as displayed in messages.</summary>
    public string Source { get; }

    /// <summary>The format it was read as.</summary>
    public MeasurementFormat Format { get; }

    /// <summary>Column names in file order, e.g. <c>time/s</c>; a repeated name gets " 2", " 3" appended.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>
    /// <see cref="ColumnNames"/> split into name and unit, parsed once: every quantity looked up scans them, and a damaged
    /// header can have 10^5 fields (fuzzing: 12 lookups each parsing 178,412 headers took 12 s).
    /// </summary>
    internal IReadOnlyList<ColumnHeader> Headers => _headers ??= [.. ColumnNames.Select(ColumnHeader.Parse)];

    private IReadOnlyList<ColumnHeader>? _headers;

    /// <summary>Number of data rows.</summary>
    public int RowCount => _positions.Length;

    /// <summary>1-based line of the column header in a text file; null for binary files or headerless text.</summary>
    public int? HeaderLine { get; }

    /// <summary>Things the reader noticed while reading.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Whether the table has a column named <paramref name="name"/> (exactly as in <see cref="ColumnNames"/>).</summary>
    public bool HasColumn(string name) => _index.ContainsKey(name);

    /// <summary>The values of a column; NaN where a text field was empty or not a number.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public IReadOnlyList<double> Column(string name) =>
        _index.TryGetValue(name, out int i) ? _values[i] : throw new KeyNotFoundException($"{Source} has no column '{name}'");

    /// <summary>Where a row lies: "line 72" in text files, "byte offset 7000" in binary ones.</summary>
    public string Location(int row) => _positionsAreLines
        ? FormattableString.Invariant($"line {_positions[row]}")
        : FormattableString.Invariant($"byte offset {_positions[row]}");

    internal double[] Values(int column) => _values[column];


    internal int IndexOf(string name) => _index[name];

    /// <summary>1-based line of a row in a text file, else null.</summary>
    internal int? LineOf(int row) => _positionsAreLines ? (int)_positions[row] : null;

    /// <summary>Throws when a column to be used holds a field that is not a number.</summary>
    internal void EnsureNumeric(int column, string expected)
    {
        if (_problems[column] is not { } problem) return;
        int row = _problemRows[column];
        throw new MeasurementFileException(Source, LineOf(row),
            (_positionsAreLines ? "" : $"at {Location(row)}: ") + $"{problem}; expected {expected}");
    }
}
