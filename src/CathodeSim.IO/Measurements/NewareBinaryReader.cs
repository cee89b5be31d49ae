using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace CathodeSim.IO.Measurements;

/// <summary>
/// Reads Neware's binary records: .nda files (versions 26, 28 and 29 with 86-byte records, version 130 of BTS 9.0 with
/// 88-byte records) and .ndax archives (a zip whose data.ndc is version 2 or 5, file type 1). Neware publishes no
/// specification; the layouts are those the open-source reader NewareNDA (github.com/d-cogswell/NewareNDA, BSD-3-Clause;
/// NewareNDA/NewareNDA.py, NewareNDA/NewareNDAx.py, NewareNDA/dicts.py) decodes, rewritten here from its description.
/// </summary>
/// <remarks>
/// <para>The table has the columns of Neware's own record export (<see cref="CyclerLayout.Neware"/>), so that
/// <see cref="MeasurementReader"/> finds time, current, voltage, cycle and step in them as in an export: DataPoint, Cycle
/// Index, Step Index, Step Type (Neware's step-type code: 1 CC_Chg, 2 CC_DChg, 4 Rest, 7 CCCV_Chg, ...), Step Time(s),
/// Total Time(s), Current(mA) (signed, negative on discharge, as Neware writes it), Voltage(V), Chg./DChg. Cap.(mAh),
/// Chg./DChg. Energy(mWh) and Unix Time(s) (the record's date; in .nda v29 and .ndc the cycler's local clock).</para>
/// <para>The records hold the time within the step; the total time is the sum of the step times each earlier step
/// reached at its last record, plus the record's own, which is exact when every step's last record is at its end (Neware
/// records a point there). Version 130 records carry no cycle number; it is counted as BTSDA's "charge first" statistic
/// does (and NewareNDA's cycle_mode 'chg'): a charge after a discharge starts the next cycle.</para>
/// <para>Every problem is a <see cref="MeasurementFileException"/> naming the file and the byte offset. Nothing is
/// allocated beyond the records the file holds; a data.ndc is decompressed up to a bound tied to the archive's size.</para>
/// </remarks>
internal static class NewareBinaryReader
{
    /// <summary>The first six bytes of an .nda file.</summary>
    public static ReadOnlySpan<byte> Magic => "NEWARE"u8;

    /// <summary>What is read, for messages.</summary>
    public const string Supported = ".nda versions 26, 28, 29 (86-byte records) and 130 (BTS 9.0, 88-byte records); .ndax whose data.ndc is version 2 or 5, file type 1";

    private const int V29RecordLength = 86;
    private const int V130RecordLength = 88;
    private const int V130DataStart = 1024;
    private const int Ndc2RecordLength = 94;
    private const int Ndc2DataStart = 517;
    private const int NdcPage = 4096;
    private const int Ndc5SlotStart = 125;
    private const int Ndc5SlotLength = 87;
    private const int Ndc5Slots = 45;   // (4096 - 125 - 56) / 87

    /// <summary>The footer of a version 130 file (active mass and remarks follow it).</summary>
    private static ReadOnlySpan<byte> V130Footer => [0x06, 0x00, 0xF0, 0x1D, 0x81, 0x00, 0x03, 0x00, 0x61, 0x90, 0x71, 0x90, 0x02, 0x7F, 0xFF, 0x00];

    /// <summary>Neware's step-type codes (NewareNDA dicts.state_dict).</summary>
    public static readonly IReadOnlyDictionary<int, string> StepTypes = new Dictionary<int, string>
    {
        [1] = "CC_Chg", [2] = "CC_DChg", [3] = "CV_Chg", [4] = "Rest", [5] = "Cycle", [7] = "CCCV_Chg", [8] = "CP_DChg",
        [9] = "CP_Chg", [10] = "CR_DChg", [13] = "Pause", [16] = "Pulse", [17] = "SIM", [19] = "CV_DChg", [20] = "CCCV_DChg",
        [21] = "Control", [22] = "OCV", [26] = "CPCV_DChg", [27] = "CPCV_Chg",
    };

    /// <summary>
    /// The factor from the integers of a record to mA (and mAs, mWs) for each current range the record names
    /// (NewareNDA dicts.multiplier_dict).
    /// </summary>
    private static readonly Dictionary<int, double> RangeFactors = BuildRangeFactors();

    private static Dictionary<int, double> BuildRangeFactors()
    {
        var d = new Dictionary<int, double> { [-100_000_000] = 10, [0] = 0 };
        foreach (int r in new[] { 200_000, 100_000, 60_000, 50_000, 40_000, 30_000, 20_000, 12_000, 10_000, 6_000, 5_000, 3_000, 2_000, 1_000 }) d[-r] = 1e-2;
        foreach (int r in new[] { 500, 100 }) d[-r] = 1e-3;
        foreach (int r in new[] { 50, 25, 20, 10 }) d[-r] = 1e-4;
        foreach (int r in new[] { 5, 2, 1 }) d[-r] = 1e-5;
        foreach (int r in new[] { 1, 2, 5 }) d[r] = 1e-4;
        foreach (int r in new[] { 10, 20, 25, 50 }) d[r] = 1e-3;
        foreach (int r in new[] { 100, 200, 250, 500 }) d[r] = 1e-2;
        foreach (int r in new[] { 1_000, 6_000, 10_000, 12_000, 20_000, 30_000, 40_000, 50_000, 60_000, 100_000, 200_000 }) d[r] = 1e-1;
        return d;
    }

    /// <summary>One data record in the units of the table.</summary>
    private readonly record struct Record(long Offset, long Index, int Cycle, int Step, int Status, double StepTime,
        double Current, double Voltage, double ChargeCapacity, double DischargeCapacity, double ChargeEnergy, double DischargeEnergy, double UnixTime);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static MeasurementFileException Truncated(string file, long end, string where) =>
        new(file, null, Inv($"the file ends at byte offset {end} {where}; the file is truncated (expected more bytes)"));

    // ---------------------------------------------------------------- .nda

    public static MeasuredTable ReadNda(byte[] bytes, string file)
    {
        if (!bytes.AsSpan().StartsWith(Magic))
            throw new MeasurementFileException(file, null, "at byte offset 0: expected the Neware magic 'NEWARE' of an .nda file; this is not a Neware .nda file");
        if (bytes.Length < 15) throw Truncated(file, bytes.Length, "inside the header, before the version byte at offset 14");
        int version = bytes[14];
        return version switch
        {
            26 or 28 or 29 => ReadNda29(bytes, file, version),
            130 => ReadNda130(bytes, file),
            _ => throw new MeasurementFileException(file, null, Inv(
                $"at byte offset 14: .nda version {version} is not supported; read are {Supported}. Export the record from Neware's BTSDA as .xlsx or .csv instead")),
        };
    }

    private static MeasuredTable ReadNda29(byte[] bytes, string file, int version)
    {
        // The header has no fixed length: the records start after four zero bytes, with 0x55 0x00, a non-zero step type,
        // and another record 86 bytes on.
        ReadOnlySpan<byte> start = [0, 0, 0, 0, 0x55, 0x00];
        int first = -1;
        for (int from = 0; from < bytes.Length;)
        {
            int hit = bytes.AsSpan(from).IndexOf(start);
            if (hit < 0) break;
            int s = from + hit + 4;
            if (s + V29RecordLength >= bytes.Length || (bytes[s + V29RecordLength] == 0x55 && bytes[s + 12] != 0))
            {
                first = s;
                break;
            }
            from = from + hit + 1;
        }
        if (first < 0)
            throw new MeasurementFileException(file, null, Inv(
                $"no data record found: expected 86-byte records starting with 0x55 0x00 after the header of an .nda version {version} file"));
        int length = bytes.Length - first;
        // A file copied while the cycler writes it ends inside a record: the whole records are read (as NewareNDA does)
        // and the cut one is named in a warning, not silently dropped.
        string? cut = length % V29RecordLength == 0 ? null : CutRecord(bytes.Length, length / V29RecordLength + 1, 86, first, length % V29RecordLength);

        var records = new List<Record>();
        int skipped = 0;
        for (int p = first; p + V29RecordLength <= bytes.Length; p += V29RecordLength)
        {
            var r = bytes.AsSpan(p, V29RecordLength);
            bool tail = BinaryPrimitives.ReadUInt32LittleEndian(r[82..]) == 0;
            if (r[0] == 0x55 && r[1] == 0 && tail)
            {
                uint index = BinaryPrimitives.ReadUInt32LittleEndian(r[2..]);
                int status = r[12];
                if (index == 0 || status == 0) { skipped++; continue; }
                int range = BinaryPrimitives.ReadInt32LittleEndian(r[78..]);
                double f = Factor(range, file, p + 78);
                records.Add(new Record(p, index, (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(r[6..]), int.MaxValue - 1) + 1,
                    BinaryPrimitives.ReadUInt16LittleEndian(r[10..]), status,
                    BinaryPrimitives.ReadUInt64LittleEndian(r[14..]) / 1000.0,
                    BinaryPrimitives.ReadInt32LittleEndian(r[26..]) * f,
                    BinaryPrimitives.ReadInt32LittleEndian(r[22..]) / 10000.0,
                    BinaryPrimitives.ReadInt64LittleEndian(r[38..]) * f / 3600,
                    BinaryPrimitives.ReadInt64LittleEndian(r[46..]) * f / 3600,
                    BinaryPrimitives.ReadInt64LittleEndian(r[54..]) * f / 3600,
                    BinaryPrimitives.ReadInt64LittleEndian(r[62..]) * f / 3600,
                    LocalDate(r[70..77])));
            }
            else if (!(r[0] == 0x65 && tail))
            {
                skipped++;   // 0x65: an auxiliary (temperature) record, not part of the series
            }
        }
        return Build(records, file, MeasurementFormat.NewareNda, hasCycle: true, skipped, "86-byte", cut);
    }

    private static MeasuredTable ReadNda130(byte[] bytes, string file)
    {
        if (bytes.Length < V130DataStart + V130RecordLength)
            throw Truncated(file, bytes.Length, Inv($"before the first record of an .nda version 130 file (88 bytes at byte offset {V130DataStart})"));
        if (bytes[V130DataStart] == 0x55)
            throw new MeasurementFileException(file, null, Inv(
                $"at byte offset {V130DataStart}: a version 130 file of BTS 9.1 or later (records starting with 0x55), whose layout is not read; read are {Supported}"));
        int footer = bytes.AsSpan(V130DataStart).LastIndexOf(V130Footer);
        int end = footer < 0 ? bytes.Length : V130DataStart + footer;
        string? cut = footer < 0 && (end - V130DataStart) % V130RecordLength != 0
            ? CutRecord(bytes.Length, (end - V130DataStart) / V130RecordLength + 1, 88, V130DataStart, (end - V130DataStart) % V130RecordLength) + ", and without the footer of a version 130 file"
            : null;
        var id = bytes.AsSpan(V130DataStart, 6);
        var records = new List<Record>();
        int skipped = 0;
        for (int p = V130DataStart; p + V130RecordLength <= end; p += V130RecordLength)
        {
            var r = bytes.AsSpan(p, V130RecordLength);
            if (!r[..6].SequenceEqual(id))
            {
                if (!(BinaryPrimitives.ReadUInt32LittleEndian(r) == 0 && r[4] == 0x65)) skipped++;   // 0x65: auxiliary record
                continue;
            }
            var b = r[4..];
            int status = b[6];
            records.Add(new Record(p, BinaryPrimitives.ReadUInt32LittleEndian(b[12..]), 0, b[5], status,
                BinaryPrimitives.ReadUInt64LittleEndian(b[24..]) / 1e6,
                BinaryPrimitives.ReadSingleLittleEndian(b[36..]),
                BinaryPrimitives.ReadSingleLittleEndian(b[32..]),
                BinaryPrimitives.ReadSingleLittleEndian(b[48..]) / 3600.0,
                BinaryPrimitives.ReadSingleLittleEndian(b[56..]) / 3600.0,
                BinaryPrimitives.ReadSingleLittleEndian(b[52..]) / 3600.0,
                BinaryPrimitives.ReadSingleLittleEndian(b[60..]) / 3600.0,
                BinaryPrimitives.ReadUInt64LittleEndian(b[64..]) / 1e6));
        }
        return Build(records, file, MeasurementFormat.NewareNda, hasCycle: false, skipped, "88-byte", cut);
    }

    // ---------------------------------------------------------------- .ndax

    /// <summary>Whether a zip archive names a data.ndc entry (entry names are stored uncompressed).</summary>
    public static bool LooksLikeNdax(byte[] bytes) => bytes.AsSpan().IndexOf("data.ndc"u8) >= 0;

    public static MeasuredTable ReadNdax(byte[] bytes, string file)
    {
        if (!bytes.AsSpan().StartsWith("PK\u0003\u0004"u8))
            throw new MeasurementFileException(file, null,
                "at byte offset 0: expected a zip archive (starting 'PK'), as a Neware .ndax file is; this is not an .ndax file");
        byte[] data;
        string entryNames;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            entryNames = string.Join(", ", zip.Entries.Take(20).Select(e => $"'{e.FullName}'"));
            var entry = zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, "data.ndc", StringComparison.OrdinalIgnoreCase))
                ?? throw new MeasurementFileException(file, null,
                    $"the archive holds no data.ndc (entries: {(entryNames.Length == 0 ? "none" : entryNames)}); expected a Neware .ndax file with its record in data.ndc");
            data = Inflate(entry, bytes.Length, file);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            throw new MeasurementFileException(file, null,
                $"cannot be read as a zip archive ({e.Message}); expected a Neware .ndax file, a zip archive holding data.ndc", e);
        }
        return ReadNdc(data, file);
    }

    /// <summary>
    /// The entry's bytes, refused past 1 GiB or 1,100 times the archive's size (deflate expands at most 1,032:1; the bound
    /// keeps a damaged or hostile archive from asking for unbounded memory). The declared size is not trusted for more than
    /// a first buffer of 16 MiB.
    /// </summary>
    private static byte[] Inflate(ZipArchiveEntry entry, long archiveLength, string file)
    {
        long limit = Math.Min(1L << 30, Math.Max(1L << 20, 1100 * archiveLength));
        if (entry.Length > limit)
            throw new MeasurementFileException(file, null, Inv(
                $"data.ndc declares {entry.Length} bytes, more than {limit} for an archive of {archiveLength} bytes; the archive is damaged"));
        using var input = entry.Open();
        using var output = new MemoryStream((int)Math.Clamp(entry.Length, 0, 16L << 20));
        var buffer = new byte[81920];
        int n;
        while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (output.Length + n > limit)
                throw new MeasurementFileException(file, null, Inv($"data.ndc expands past {limit} bytes; the archive is damaged"));
            output.Write(buffer, 0, n);
        }
        return output.ToArray();
    }

    private static MeasuredTable ReadNdc(byte[] ndc, string archive)
    {
        string file = archive + " (data.ndc)";
        if (ndc.Length < 3) throw Truncated(file, ndc.Length, "inside the header, before the version byte at offset 2");
        int type = ndc[0], version = ndc[2];
        if (type == 1 && version == 2) return ReadNdc2(ndc, file);
        if (type == 1 && version == 5) return ReadNdc5(ndc, file);
        string split = version is 11 or 14
            ? " (version 11 and 14 files of BTS 8 split the record over data.ndc, data_runInfo.ndc and data_step.ndc, which is not read)"
            : "";
        throw new MeasurementFileException(file, null, Inv(
            $"at byte offsets 0 and 2: data.ndc is version {version}, file type {type}{split}; read are {Supported}. Export the record from Neware's BTSDA as .xlsx or .csv instead"));
    }

    private static MeasuredTable ReadNdc2(byte[] ndc, string file)
    {
        if (ndc.Length < Ndc2DataStart + 8)
            throw Truncated(file, ndc.Length, Inv($"before the first record (94 bytes at byte offset {Ndc2DataStart})"));
        // Every record starts with the same 8 bytes as the first; the next is searched from the end of the last.
        byte[] id = ndc.AsSpan(Ndc2DataStart, 8).ToArray();
        var records = new List<Record>();
        int skipped = 0;
        string? cut = null;
        for (int p = Ndc2DataStart; p >= 0;)
        {
            if (p + Ndc2RecordLength > ndc.Length)
            {
                cut = Inv($"data.ndc ends at byte offset {ndc.Length}, inside the 94-byte record starting at byte offset {p} ({ndc.Length - p} bytes of it): that record was not read (a file copied while the cycler wrote it, or a cut copy)");
                break;
            }
            if (ndc[p] == 0x55) records.Add(NdcRecord(ndc.AsSpan(p, Ndc2RecordLength), p, file));
            else skipped++;
            int next = p + Ndc2RecordLength;
            int hit = next >= ndc.Length ? -1 : ndc.AsSpan(next).IndexOf(id);
            p = hit < 0 ? -1 : next + hit;
        }
        return Build(records, file, MeasurementFormat.NewareNdax, hasCycle: true, skipped, "94-byte", cut);
    }

    private static MeasuredTable ReadNdc5(byte[] ndc, string file)
    {
        if (ndc.Length < NdcPage)
            throw Truncated(file, ndc.Length, Inv($"inside the 4096-byte header of data.ndc"));
        string? cut = ndc.Length % NdcPage == 0 ? null : Inv(
            $"data.ndc ends at byte offset {ndc.Length}, inside a 4096-byte page ({ndc.Length % NdcPage} bytes of it): the records of that page were not read (a file copied while the cycler wrote it, or a cut copy)");
        var records = new List<Record>();
        for (int page = NdcPage; page + NdcPage <= ndc.Length; page += NdcPage)
            for (int k = 0; k < Ndc5Slots; k++)
            {
                int p = page + Ndc5SlotStart + k * Ndc5SlotLength;
                if (ndc[p + 7] == 0x55) records.Add(NdcRecord(ndc.AsSpan(p, Ndc5SlotLength), p, file));
            }
        return Build(records, file, MeasurementFormat.NewareNdax, hasCycle: true, 0, "87-byte", cut);
    }

    /// <summary>A data record of data.ndc (fields from byte 8 on, the same in versions 2 and 5).</summary>
    private static Record NdcRecord(ReadOnlySpan<byte> r, long offset, string file)
    {
        int range = BinaryPrimitives.ReadInt32LittleEndian(r[82..]);
        double f = Factor(range, file, offset + 82);
        return new Record(offset, BinaryPrimitives.ReadUInt32LittleEndian(r[8..]),
            (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(r[12..]), int.MaxValue - 1) + 1, r[16], r[17],
            BinaryPrimitives.ReadUInt64LittleEndian(r[23..]) / 1000.0,
            BinaryPrimitives.ReadInt32LittleEndian(r[35..]) * f,
            BinaryPrimitives.ReadInt32LittleEndian(r[31..]) / 10000.0,
            BinaryPrimitives.ReadInt64LittleEndian(r[43..]) * f / 3600,
            BinaryPrimitives.ReadInt64LittleEndian(r[51..]) * f / 3600,
            BinaryPrimitives.ReadInt64LittleEndian(r[59..]) * f / 3600,
            BinaryPrimitives.ReadInt64LittleEndian(r[67..]) * f / 3600,
            LocalDate(r[75..82]));
    }

    // ---------------------------------------------------------------- shared

    private static double Factor(int range, string file, long offset) =>
        RangeFactors.TryGetValue(range, out double f) ? f : throw new MeasurementFileException(file, null, Inv(
            $"at byte offset {offset}: current range {range} is not one Neware is known to write ({string.Join(", ", RangeFactors.Keys.Order())}); its scale is unknown, so the currents cannot be read"));

    /// <summary>Year (u16), month, day, hour, minute, second as seconds since 1970 on the cycler's clock; NaN when not a date.</summary>
    private static double LocalDate(ReadOnlySpan<byte> d)
    {
        int year = BinaryPrimitives.ReadUInt16LittleEndian(d);
        if (year is < 1970 or > 9999 || d[2] is < 1 or > 12 || d[3] < 1 || d[3] > DateTime.DaysInMonth(year, d[2]) || d[4] > 23 || d[5] > 59 || d[6] > 59)
            return double.NaN;
        return (new DateTime(year, d[2], d[3], d[4], d[5], d[6], DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds;
    }

    private static readonly string[] Columns =
    [
        "DataPoint", "Cycle Index", "Step Index", "Step Type", "Step Time(s)", "Total Time(s)", "Current(mA)", "Voltage(V)",
        "Chg. Cap.(mAh)", "DChg. Cap.(mAh)", "Chg. Energy(mWh)", "DChg. Energy(mWh)", "Unix Time(s)",
    ];

    private static bool IsCharge(int status) => status is 1 or 3 or 7 or 9 or 27;

    private static bool IsDischarge(int status) => status is 2 or 8 or 10 or 19 or 20 or 26;

    private static string CutRecord(long fileLength, int record, int recordLength, int first, int bytesOfIt) => Inv(
        $"the file ends at byte offset {fileLength}, inside record {record} ({recordLength}-byte records from byte offset {first}; {bytesOfIt} bytes of it): that record was not read (a file copied while the cycler wrote it, or a cut copy)");

    private static MeasuredTable Build(List<Record> records, string file, MeasurementFormat format, bool hasCycle, int skipped, string kind, string? cut)
    {
        if (records.Count == 0)
            throw new MeasurementFileException(file, null, $"holds no data record (of {kind} records){(cut is null ? "" : $"; {cut}")}; expected a Neware record with at least one data point");
        var warnings = new List<string>();
        if (cut is not null) warnings.Add(cut);
        if (skipped > 0) warnings.Add($"{skipped} {kind} record{(skipped == 1 ? "" : "s")} of unknown type or without index or step type were skipped");
        // Neware may write a record twice or out of order; the record index orders them (as NewareNDA does).
        bool ordered = true;
        for (int k = 1; k < records.Count && ordered; k++) ordered = records[k].Index > records[k - 1].Index;
        if (!ordered)
        {
            int before = records.Count;
            var sorted = records.Select((r, k) => (r, k)).OrderBy(x => x.r.Index).ThenBy(x => x.k).Select(x => x.r).ToList();
            records = [sorted[0]];
            foreach (var r in sorted.Skip(1)) if (r.Index != records[^1].Index) records.Add(r);
            warnings.Add($"records were not in the order of their index; sorted{(before > records.Count ? $", and {before - records.Count} repeated index{(before - records.Count == 1 ? "" : "es")} dropped" : "")}");
        }
        if (!hasCycle) warnings.Add("the records carry no cycle number; cycles counted from the step types (a charge after a discharge starts the next cycle)");

        int n = records.Count;
        var values = Columns.Select(_ => new double[n]).ToArray();
        var positions = new long[n];
        double offset = 0;
        int cycle = 1;
        bool discharged = false;
        for (int k = 0; k < n; k++)
        {
            var r = records[k];
            if (k > 0 && (r.Step != records[k - 1].Step || r.StepTime < records[k - 1].StepTime)) offset += records[k - 1].StepTime;
            int c = r.Cycle;
            if (!hasCycle)
            {
                if (IsCharge(r.Status) && discharged) { cycle++; discharged = false; }
                if (IsDischarge(r.Status)) discharged = true;
                c = cycle;
            }
            positions[k] = r.Offset;
            values[0][k] = r.Index;
            values[1][k] = c;
            values[2][k] = r.Step;
            values[3][k] = r.Status;
            values[4][k] = r.StepTime;
            values[5][k] = offset + r.StepTime;
            values[6][k] = r.Current;
            values[7][k] = r.Voltage;
            values[8][k] = r.ChargeCapacity;
            values[9][k] = r.DischargeCapacity;
            values[10][k] = r.ChargeEnergy;
            values[11][k] = r.DischargeEnergy;
            values[12][k] = r.UnixTime;
        }
        return new MeasuredTable(file, format, Columns, values, positions, positionsAreLines: false,
            new string?[Columns.Length], new int[Columns.Length], headerLine: null, warnings);
    }
}
