using System.Globalization;
using CathodeSim.IO.Config;

namespace CathodeSim.IO.Measurements;

/// <summary>
/// Reads measured instrument files: galvanostatic time series (GITT, GCPL) and impedance spectra (PEIS, GEIS).
/// </summary>
/// <remarks>
/// <para>The format is chosen by content first (the .mpr magic "BIO-LOGIC MODULAR FILE", a first line
/// "EC-Lab ASCII FILE" or "EXPLAIN" for Gamry), then by extension; any other text is read as delimited text (comma,
/// semicolon, tab or white space; with ';' or tab a decimal comma is accepted).</para>
/// <para>Columns are found by name and unit: time as <c>time/s</c>, <c>time_s</c>, <c>Time (min)</c>, <c>t [h]</c>;
/// current as <c>I/mA</c>, <c>&lt;I&gt;/mA</c>, <c>current_A</c>, <c>Current (uA)</c> (EC-Lab's <c>control/mA</c> set-point
/// as a last resort); voltage as <c>Ewe/V</c>, <c>&lt;Ewe&gt;/V</c>, <c>Ecell/V</c>, <c>voltage_V</c>, <c>E (mV)</c>; optionally
/// <c>cycle number</c>/<c>cycle</c> and <c>Ns</c>/<c>step</c>/<c>step_index</c>. Spectra: <c>freq/Hz</c>, <c>Re(Z)/Ohm</c>,
/// <c>-Im(Z)/Ohm</c> (negated) or <c>Im(Z)</c>/<c>Z''</c>/<c>Zimag</c> (signed), or <c>|Z|/Ohm</c> with <c>Phase(Z)/deg</c>;
/// a headerless file with 3 columns is f (Hz), Z' (ohm), Z'' (ohm, signed).</para>
/// <para>Every problem is a <see cref="MeasurementFileException"/> naming the file and the line (text) or byte offset
/// (binary) and saying what is expected.</para>
/// <para>Battery cycler records are recognised by their column header (docs/cycler-files.md): LAND text and Excel
/// exports, Arbin CSV and Excel exports, Maccor text exports, Neware CSV and Excel exports; Neware's binary .nda and .ndax
/// records are read into the columns of its export (<see cref="NewareBinaryReader"/>). Durations written as clocks (hh:mm:ss, d-hh:mm:ss,
/// d.hh:mm:ss, Maccor's "0d 00:00:10") are converted to seconds, and currents that an export writes as magnitudes get
/// their sign from its State column (negative on discharge).</para>
/// </remarks>
public static class MeasurementReader
{
    /// <summary>The formats, for messages.</summary>
    public const string SupportedFormats =
        "BioLogic EC-Lab binary (.mpr), EC-Lab ASCII export (.mpt/.txt starting with 'EC-Lab ASCII FILE'), Gamry (.DTA), " +
        "Scribner ZPlot (.z) and Z60W text, CH Instruments A.C. impedance text, VersaStudio (.par), " +
        "LAND text and Excel (.xlsx/.xls) exports, Arbin CSV and Excel exports, Maccor text exports, " +
        "Neware .nda (versions 26, 28, 29, 130) and .ndax (data.ndc versions 2, 5) records and Neware CSV and Excel exports, " +
        "or CSV/TSV text with a header row (e.g. 'time_s,current_A,voltage_V' or 'freq/Hz,Re(Z)/Ohm,-Im(Z)/Ohm')";

    private static readonly string[] TimeNames = ["time", "t", "testtime", "totaltime", "elapsedtime", "timeelapsed", "runtime"];
    private static readonly string[] CurrentNames = ["i", "current", "curr", "icell", "cellcurrent", "im"];
    private static readonly string[] VoltageNames = ["ewe", "ecell", "voltage", "cellvoltage", "potential", "e", "v", "u", "vf", "ewe-ece"];
    private static readonly string[] CycleNames = ["cyclenumber", "cycle", "cycleindex", "cycleno", "cyclenr"];
    private static readonly string[] StepNames = ["ns", "step", "stepindex", "stepnumber", "stepno", "stepnr"];
    private static readonly string[] FrequencyNames = ["freq", "frequency", "f"];
    private static readonly string[] RealNames = ["re(z)", "rez", "z'", "zreal", "zre", "realz", "real", "zr", "re"];
    private static readonly string[] ImaginaryNames = ["im(z)", "imz", "z''", "z\"", "zimag", "zimg", "zim", "imagz", "imag", "imaginary", "zi", "im"];
    private static readonly string[] ModulusNames = ["|z|", "zmod", "modz", "mod(z)", "abs(z)", "absz", "zmag", "magnitude"];
    private static readonly string[] PhaseNames = ["phase(z)", "phasez", "zphz", "phz", "phase", "phi", "theta", "arg(z)", "argz"];

    /// <summary>Reads every column of a file as recorded.</summary>
    /// <exception cref="MeasurementFileException">The file is missing, unreadable or not in a supported format.</exception>
    public static MeasuredTable ReadTable(string path, MeasurementFormat format = MeasurementFormat.Auto) =>
        ReadTable(path, format, preferImpedance: false);

    /// <summary>Reads a galvanostatic time series (SI units, current positive on charge).</summary>
    /// <exception cref="MeasurementFileException">The file is missing, unreadable, not in a supported format or lacks a column.</exception>
    public static MeasuredSeries ReadSeries(string path, SeriesReadOptions? options = null)
    {
        options ??= new SeriesReadOptions();
        var table = ReadTable(path, options.Format, preferImpedance: false);
        return ToSeries(table, options);
    }

    /// <summary>Reads an impedance spectrum (Hz, ohm; Z = Real + j Imaginary).</summary>
    /// <exception cref="MeasurementFileException">The file is missing, unreadable, not in a supported format or lacks a column.</exception>
    public static MeasuredSpectrum ReadSpectrum(string path, MeasurementFormat format = MeasurementFormat.Auto)
    {
        var table = ReadTable(path, format, preferImpedance: true);
        return ToSpectrum(table);
    }

    // ---------------------------------------------------------------- detection

    private static MeasuredTable ReadTable(string path, MeasurementFormat format, bool preferImpedance)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        string file = ConfigLoader.Display(full);
        if (Directory.Exists(full)) throw new MeasurementFileException(file, null, $"is a directory; expected a measurement file: {SupportedFormats}");
        if (!File.Exists(full)) throw new MeasurementFileException(file, null, "file not found");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MeasurementFileException(file, null, $"cannot be read: {e.Message}");
        }
        if (bytes.Length == 0) throw new MeasurementFileException(file, null, $"the file is empty; expected {SupportedFormats}");

        string ext = Path.GetExtension(full).ToLowerInvariant();
        if (format == MeasurementFormat.Auto) format = Detect(bytes, ext, file);
        if (format == MeasurementFormat.EcLabBinary) return EcLabBinaryReader.Read(bytes, file);
        if (format == MeasurementFormat.Workbook) return CyclerWorkbookReader.Read(bytes, file);
        if (format == MeasurementFormat.NewareNda) return NewareBinaryReader.ReadNda(bytes, file);
        if (format == MeasurementFormat.NewareNdax) return NewareBinaryReader.ReadNdax(bytes, file);

        var lines = TextMeasurementReader.Lines(TextMeasurementReader.Decode(bytes));
        if (format == MeasurementFormat.Delimited && InstrumentTextReaders.Detect(lines) is { } instrument) format = instrument;
        if (format == MeasurementFormat.Delimited && CyclerTextReader.Detect(lines) is { } cycler) return CyclerTextReader.Read(lines, file, cycler);
        return format switch
        {
            MeasurementFormat.Land or MeasurementFormat.Arbin or MeasurementFormat.Maccor or MeasurementFormat.Neware => CyclerTextReader.Read(lines, file, format),
            MeasurementFormat.ZPlot or MeasurementFormat.Z60W or MeasurementFormat.ChInstruments or MeasurementFormat.VersaStudio =>
                InstrumentTextReaders.Read(format, lines, file),
            MeasurementFormat.EcLabText => lines[0].Trim() == TextMeasurementReader.EcLabMagic
                ? TextMeasurementReader.ReadEcLab(lines, file)
                : throw new MeasurementFileException(file, 1, $"expected '{TextMeasurementReader.EcLabMagic}' on the first line of an EC-Lab text export"),
            MeasurementFormat.GamryDta => TextMeasurementReader.ReadGamry(lines, file, preferImpedance),
            _ => TextMeasurementReader.ReadDelimited(lines, file),
        };
    }

    private static MeasurementFormat Detect(byte[] bytes, string ext, string file)
    {
        var magic = EcLabBinaryReader.Magic;
        if (bytes.AsSpan().StartsWith(magic.AsSpan(0, 22))) return MeasurementFormat.EcLabBinary;
        int probe = Math.Min(bytes.Length, 4096);
        // UTF-16 text has a zero byte in every ASCII character; its byte-order mark tells it from binary.
        bool binary = bytes.AsSpan(0, probe).Contains((byte)0) && TextMeasurementReader.Utf16Encoding(bytes) is null;
        if (!binary)
        {
            string start = TextMeasurementReader.Decode(bytes[..Math.Min(bytes.Length, 256)]).TrimStart();
            if (start.StartsWith(TextMeasurementReader.EcLabMagic, StringComparison.Ordinal)) return MeasurementFormat.EcLabText;
            if (start.StartsWith(TextMeasurementReader.GamryMagic, StringComparison.Ordinal)) return MeasurementFormat.GamryDta;
        }
        // Excel workbooks: .xlsx is a zip archive, .xls an OLE compound file.
        bool zip = bytes.AsSpan().StartsWith("PK\u0003\u0004"u8);
        bool ole = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        // Neware: .nda starts with "NEWARE"; .ndax is a zip holding data.ndc. A file named so but without the signature
        // is refused by the reader, which says what it expected.
        if (bytes.AsSpan().StartsWith(NewareBinaryReader.Magic) || ext == ".nda") return MeasurementFormat.NewareNda;
        if ((zip && NewareBinaryReader.LooksLikeNdax(bytes) && ext is not (".xlsx" or ".xlsm")) || ext == ".ndax") return MeasurementFormat.NewareNdax;
        // Any zip is not a workbook: one is when named so or when its entries include xl/workbook.xml (entry names are
        // stored uncompressed in the archive).
        if ((zip && (ext is ".xlsx" or ".xlsm" || bytes.AsSpan().IndexOf("xl/workbook.xml"u8) >= 0)) || ole || ext is ".xlsx" or ".xls" or ".xlsm")
            return MeasurementFormat.Workbook;
        if (ext == ".mpr")
            throw new MeasurementFileException(file, null,
                "at byte offset 0: expected the BioLogic magic 'BIO-LOGIC MODULAR FILE' of an EC-Lab .mpr file");
        if (binary)
            throw new MeasurementFileException(file, null, $"is a binary file of unknown format; supported: {SupportedFormats}");
        return MeasurementFormat.Delimited;
    }

    // ---------------------------------------------------------------- columns

    private readonly record struct Found(int Index, string Name, double Factor);

    /// <summary>Finds the column of a quantity by name (in order of preference) and unit.</summary>
    private static Found? Find(MeasuredTable table, string[] aliases, MeasuredQuantity kind, string? fallbackUnit, string? optionName,
        string example, bool unitRequired)
    {
        var headers = table.Headers;
        foreach (string alias in aliases)
        {
            var candidates = Enumerable.Range(0, headers.Count).Where(i => headers[i].Name == alias)
                .OrderBy(i => table.ColumnNames[i].Contains('<') ? 1 : 0).ToList();
            (int Index, string Unit)? badUnit = null;
            foreach (int i in candidates)
            {
                string? unit = headers[i].Unit;
                if (unit is null)
                {
                    unit = fallbackUnit;
                    if (unit is null)
                    {
                        if (!unitRequired) return new Found(i, table.ColumnNames[i], 1);
                        throw new MeasurementFileException(table.Source, table.HeaderLine,
                            $"column '{table.ColumnNames[i]}' gives no unit; name it like {example}{(optionName is null ? "" : $", or give its unit with {optionName}")}");
                    }
                    double f = kind.Factor(unit) ?? throw new MeasurementFileException(table.Source, null,
                        $"{optionName} '{unit}' is not {kind.What} unit; expected one of {kind.Examples}");
                    return new Found(i, table.ColumnNames[i], f);
                }
                if (kind.Factor(unit) is { } factor) return new Found(i, table.ColumnNames[i], factor);
                badUnit ??= (i, unit);
            }
            // A name match whose unit belongs to another quantity ("Im/A" among impedances) is simply not this column;
            // one whose unit is unknown altogether deserves a message.
            if (badUnit is { } bad && !MeasuredQuantity.IsAnyUnit(bad.Unit))
                throw new MeasurementFileException(table.Source, table.HeaderLine,
                    $"column '{table.ColumnNames[bad.Index]}': '{bad.Unit}' is not {kind.What} unit; expected one of {kind.Examples}");
        }
        return null;
    }

    private static MeasurementFileException Missing(MeasuredTable table, string what, string example) =>
        new(table.Source, table.HeaderLine,
            $"no {what} column among {string.Join(", ", table.ColumnNames.Select(c => $"'{c}'"))}; expected a header such as {example}");

    // ---------------------------------------------------------------- series

    private static MeasuredSeries ToSeries(MeasuredTable table, SeriesReadOptions options)
    {
        if (table.HeaderLine is null && table.Format == MeasurementFormat.Delimited)
            throw new MeasurementFileException(table.Source, null,
                "no header row; expected one naming the columns with units, such as 'time_s,current_A,voltage_V' or 'Time (min),I (mA),E (V)'");
        // An impedance file also records time, current and voltage (EC-Lab's PEIS does): read as a series it would give
        // "pulses" and a diffusivity. It is refused instead.
        if (!(table.HeaderLine is null && table.Format == MeasurementFormat.Delimited) && Find(table, FrequencyNames, MeasuredQuantity.Frequency, "Hz", null, "", false) is { } frequency
            && (Find(table, RealNames, MeasuredQuantity.Impedance, "Ohm", null, "", false) ?? Find(table, ModulusNames, MeasuredQuantity.Impedance, "Ohm", null, "", false)) is not null)
            throw new MeasurementFileException(table.Source, table.HeaderLine,
                $"is an impedance spectrum (column '{frequency.Name}' and impedance columns), not a time record of currents and voltages; it is read as a spectrum by fit-eis, kk and convert");
        var warnings = new List<string>(table.Warnings);
        var time = Find(table, TimeNames, MeasuredQuantity.Time, options.TimeUnit, options.TimeUnitOption, "'time_s' or 'Time (min)'", true)
            ?? throw Missing(table, "time", "'time_s', 'time/s' or 'Time (min)'");
        var current = Find(table, CurrentNames, MeasuredQuantity.Current, options.CurrentUnit, "SeriesReadOptions.CurrentUnit", "'current_A' or 'I (mA)'", true);
        if (current is null)
        {
            current = Find(table, ["control"], MeasuredQuantity.Current, null, null, "'control/mA'", false);
            if (current is { } c) warnings.Add($"no measured current column; used the set-point column '{c.Name}'");
        }
        if (current is null) throw Missing(table, "current", "'current_A', 'I/mA' or 'Current (uA)'");
        var voltage = Find(table, VoltageNames, MeasuredQuantity.Voltage, options.VoltageUnit, "SeriesReadOptions.VoltageUnit", "'voltage_V' or 'Ewe (V)'", true)
            ?? throw Missing(table, "voltage", "'voltage_V', 'Ewe/V' or 'E (mV)'");
        var cycle = Find(table, CycleNames, MeasuredQuantity.Time, null, null, "'cycle'", false);
        var step = Find(table, StepNames, MeasuredQuantity.Time, null, null, "'step'", false);

        table.EnsureNumeric(time.Index, "a time in " + Unit(time));
        table.EnsureNumeric(current.Value.Index, "a current in " + Unit(current.Value));
        table.EnsureNumeric(voltage.Index, "a voltage in " + Unit(voltage));
        if (cycle is { } cy) table.EnsureNumeric(cy.Index, "a cycle number");
        if (step is { } st) table.EnsureNumeric(st.Index, "a step number");

        double[] tc = table.Values(time.Index), ic = table.Values(current.Value.Index), vc = table.Values(voltage.Index);
        double[]? cc = cycle is null ? null : table.Values(cycle.Value.Index), sc = step is null ? null : table.Values(step.Value.Index);
        double sign = options.InvertCurrent ? -1 : 1;
        var t = new List<double>(); var i = new List<double>(); var v = new List<double>();
        var cyc = cc is null ? null : new List<int>();
        var stp = sc is null ? null : new List<int>();
        int skipped = 0, duplicates = 0;
        for (int r = 0; r < table.RowCount; r++)
        {
            double tr = tc[r] * time.Factor, ir = sign * ic[r] * current.Value.Factor, vr = vc[r] * voltage.Factor;
            if (!double.IsFinite(tr) || !double.IsFinite(ir) || !double.IsFinite(vr)
                || (cc is not null && !double.IsFinite(cc[r])) || (sc is not null && !double.IsFinite(sc[r])))
            {
                skipped++;
                continue;
            }
            if (t.Count > 0 && tr <= t[^1])
            {
                if (tr == t[^1]) { duplicates++; continue; }
                throw new MeasurementFileException(table.Source, table.LineOf(r), (table.LineOf(r) is null ? $"at {table.Location(r)}: " : "") +
                    Inv($"time {tc[r]:R} in column '{time.Name}' is earlier than the previous point's {t[^1] / time.Factor:R}; expected increasing times (one measurement per file)"));
            }
            t.Add(tr); i.Add(ir); v.Add(vr);
            cyc?.Add((int)Math.Round(cc![r]));
            stp?.Add((int)Math.Round(sc![r]));
        }
        if (skipped > 0) warnings.Add($"{skipped} row{(skipped == 1 ? "" : "s")} with a missing or non-finite value were skipped");
        if (duplicates > 0) warnings.Add($"{duplicates} point{(duplicates == 1 ? "" : "s")} repeating the previous time were dropped");
        if (t.Count < 2)
            throw new MeasurementFileException(table.Source, null, $"found {t.Count} usable data row{(t.Count == 1 ? "" : "s")}; expected at least 2");
        if (SignLooksInverted(i, v) && !options.InvertCurrent)
            warnings.Add("the voltage mostly falls while the current is positive; the file may record current positive on discharge (set SeriesReadOptions.InvertCurrent)");

        return new MeasuredSeries(table.Source, [.. t], [.. i], [.. v], cyc?.ToArray(), warnings) { Step = stp?.ToArray() };
    }

    private static string Unit(Found f) => ColumnHeader.Parse(f.Name).Unit ?? "the unit given in the options";

    /// <summary>Whether, under constant-sign current, the voltage mostly moves against the current (fall on "charge").</summary>
    private static bool SignLooksInverted(List<double> current, List<double> voltage)
    {
        int with = 0, against = 0;
        double scale = current.Count == 0 ? 0 : current.Max(Math.Abs);
        for (int k = 1; k < current.Count; k++)
        {
            if (Math.Abs(current[k]) < 0.01 * scale || Math.Sign(current[k]) != Math.Sign(current[k - 1])) continue;
            double dv = (voltage[k] - voltage[k - 1]) * Math.Sign(current[k]);
            if (dv > 0) with++;
            else if (dv < 0) against++;
        }
        return with + against >= 20 && against > 4 * with;
    }

    // ---------------------------------------------------------------- spectrum

    private static MeasuredSpectrum ToSpectrum(MeasuredTable table)
    {
        var warnings = new List<string>(table.Warnings);
        int fi, ai, bi;
        double ff = 1, af = 1, bf = 1;
        bool polar = false, negate = false;
        if (table.HeaderLine is null && table.Format == MeasurementFormat.Delimited)
        {
            if (table.ColumnNames.Count < 3)
                throw new MeasurementFileException(table.Source, null,
                    $"no header row and {table.ColumnNames.Count} column{(table.ColumnNames.Count == 1 ? "" : "s")}; expected 3 columns: frequency (Hz), Z' (ohm), Z'' (ohm), or a header such as 'freq/Hz,Re(Z)/Ohm,-Im(Z)/Ohm'");
            (fi, ai, bi) = (0, 1, 2);
            if (table.ColumnNames.Count > 3) warnings.Add($"no header row: read columns 1-3 as frequency (Hz), Z' and Z'' (ohm); {table.ColumnNames.Count - 3} more ignored");
        }
        else
        {
            const string example = "'freq/Hz,Re(Z)/Ohm,-Im(Z)/Ohm' or 'f (Hz),Z' (Ohm),Z'' (Ohm)'";
            var f = Find(table, FrequencyNames, MeasuredQuantity.Frequency, "Hz", null, "", true) ?? throw Missing(table, "frequency", example);
            fi = f.Index; ff = f.Factor;
            var re = Find(table, RealNames, MeasuredQuantity.Impedance, "Ohm", null, "", true);
            var negatedNames = ImaginaryNames.Select(n => "-" + n).ToArray();
            var imNeg = Find(table, negatedNames, MeasuredQuantity.Impedance, "Ohm", null, "", true);
            var im = imNeg ?? Find(table, ImaginaryNames, MeasuredQuantity.Impedance, "Ohm", null, "", true);
            if (re is { } r && im is { } m)
            {
                (ai, af, bi, bf, negate) = (r.Index, r.Factor, m.Index, m.Factor, imNeg is not null);
            }
            else
            {
                var mod = Find(table, ModulusNames, MeasuredQuantity.Impedance, "Ohm", null, "", true);
                var phase = Find(table, PhaseNames, MeasuredQuantity.Angle, "deg", null, "", true);
                if (mod is null || phase is null)
                    throw Missing(table, re is null ? "real-impedance" : "imaginary-impedance", example + ", or '|Z|/Ohm' with 'Phase(Z)/deg'");
                if (ColumnHeader.Parse(phase.Value.Name).Unit is null) warnings.Add($"phase column '{phase.Value.Name}' gives no unit; read as degrees");
                (ai, af, bi, bf, polar) = (mod.Value.Index, mod.Value.Factor, phase.Value.Index, phase.Value.Factor, true);
            }
        }
        table.EnsureNumeric(fi, "a frequency");
        table.EnsureNumeric(ai, polar ? "an impedance modulus" : "a real impedance");
        table.EnsureNumeric(bi, polar ? "a phase angle" : "an imaginary impedance");

        double[] fc = table.Values(fi), ac = table.Values(ai), bc = table.Values(bi);
        var freq = new List<double>(); var real = new List<double>(); var imag = new List<double>();
        int skipped = 0, zeroRows = 0;
        for (int r = 0; r < table.RowCount; r++)
        {
            double fr = fc[r] * ff, a = ac[r] * af, b = bc[r] * bf;
            if (!double.IsFinite(fr) || !double.IsFinite(a) || !double.IsFinite(b)) { skipped++; continue; }
            if (fr == 0 && a == 0) { zeroRows++; continue; } // EC-Lab's point between sweeps: no frequency, no impedance.
            if (fr <= 0)
                throw new MeasurementFileException(table.Source, table.LineOf(r), (table.LineOf(r) is null ? $"at {table.Location(r)}: " : "") +
                    Inv($"frequency {fc[r]:R} in column '{table.ColumnNames[fi]}' is not positive; expected a frequency > 0"));
            freq.Add(fr);
            if (polar) { real.Add(a * Math.Cos(b)); imag.Add(a * Math.Sin(b)); }
            else { real.Add(a); imag.Add(negate ? -b : b); }
        }
        if (skipped > 0) warnings.Add($"{skipped} row{(skipped == 1 ? "" : "s")} with a missing or non-finite value were skipped");
        if (zeroRows > 0) warnings.Add($"{zeroRows} row{(zeroRows == 1 ? "" : "s")} with zero frequency and impedance (recorded between sweeps) were skipped");
        if (freq.Count == 0) throw new MeasurementFileException(table.Source, null, "no data rows; expected frequency and impedance values");
        var starts = MeasuredSpectrum.FindSweepStarts(freq);
        return new MeasuredSpectrum(table.Source, [.. freq], [.. real], [.. imag], warnings, starts.Length > 1 ? starts : null);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
