using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace CathodeSim.IO.Measurements;

/// <summary>
/// Reads the data module of a BioLogic EC-Lab binary file (.mpr). The layout (reverse engineered by the open-source
/// galvani project; no official specification exists): a 52-byte magic, then modules, each "MODULE", a 10-byte short
/// name ("VMP Set", "VMP data", "VMP LOG", ...), a 25-byte long name and either (before EC-Lab 11.50) length u32, version
/// u32, date[8], or (from 11.50, recognised by 0xFFFFFFFF after the long name) max-length u32, length u32, version u32,
/// an unknown u32 and date[8]. The data module holds the number of points (u32), the number of columns and the column
/// ids (whose layout depends on the module version), zero padding, then fixed-size little-endian rows whose fields
/// follow the column ids; flag ids share one byte.
/// </summary>
internal static class EcLabBinaryReader
{
    public static readonly byte[] Magic = Encoding.ASCII.GetBytes("BIO-LOGIC MODULAR FILE\x1a".PadRight(48)).Concat(new byte[4]).ToArray();

    private enum Kind { F4, F8, U1, U2, U4 }

    private static readonly Dictionary<int, (string Name, Kind Kind)> Columns = new()
    {
        [4] = ("time/s", Kind.F8), [5] = ("control/V/mA", Kind.F4), [6] = ("Ewe/V", Kind.F4), [7] = ("dq/mA.h", Kind.F8),
        [8] = ("I/mA", Kind.F4), [9] = ("Ece/V", Kind.F4), [11] = ("<I>/mA", Kind.F8), [13] = ("(Q-Qo)/mA.h", Kind.F8),
        [16] = ("Analog IN 1/V", Kind.F4), [17] = ("Analog IN 2/V", Kind.F4), [19] = ("control/V", Kind.F4),
        [20] = ("control/mA", Kind.F4), [23] = ("dQ/mA.h", Kind.F8), [24] = ("cycle number", Kind.F8), [26] = ("Rapp/Ohm", Kind.F4),
        [27] = ("Ewe-Ece/V", Kind.F4), [32] = ("freq/Hz", Kind.F4), [33] = ("|Ewe|/V", Kind.F4), [34] = ("|I|/A", Kind.F4),
        [35] = ("Phase(Z)/deg", Kind.F4), [36] = ("|Z|/Ohm", Kind.F4), [37] = ("Re(Z)/Ohm", Kind.F4), [38] = ("-Im(Z)/Ohm", Kind.F4),
        [39] = ("I Range", Kind.U2), [69] = ("R/Ohm", Kind.F4), [70] = ("P/W", Kind.F4), [74] = ("|Energy|/W.h", Kind.F8),
        [75] = ("Analog OUT/V", Kind.F4), [76] = ("<I>/mA", Kind.F4), [77] = ("<Ewe>/V", Kind.F4), [78] = ("Cs-2/µF-2", Kind.F4),
        [96] = ("|Ece|/V", Kind.F4), [98] = ("Phase(Zce)/deg", Kind.F4), [99] = ("|Zce|/Ohm", Kind.F4), [100] = ("Re(Zce)/Ohm", Kind.F4),
        [101] = ("-Im(Zce)/Ohm", Kind.F4), [123] = ("Energy charge/W.h", Kind.F8), [124] = ("Energy discharge/W.h", Kind.F8),
        [125] = ("Capacitance charge/µF", Kind.F8), [126] = ("Capacitance discharge/µF", Kind.F8), [131] = ("Ns", Kind.U2),
        [163] = ("|Estack|/V", Kind.F4), [168] = ("Rcmp/Ohm", Kind.F4), [169] = ("Cs/µF", Kind.F4), [172] = ("Cp/µF", Kind.F4),
        [173] = ("Cp-2/µF-2", Kind.F4), [174] = ("<Ewe>/V", Kind.F4), [241] = ("|E1|/V", Kind.F4), [242] = ("|E2|/V", Kind.F4),
        [271] = ("Phase(Z1) / deg", Kind.F4), [272] = ("Phase(Z2) / deg", Kind.F4), [301] = ("|Z1|/Ohm", Kind.F4), [302] = ("|Z2|/Ohm", Kind.F4),
        [331] = ("Re(Z1)/Ohm", Kind.F4), [332] = ("Re(Z2)/Ohm", Kind.F4), [361] = ("-Im(Z1)/Ohm", Kind.F4), [362] = ("-Im(Z2)/Ohm", Kind.F4),
        [391] = ("<E1>/V", Kind.F4), [392] = ("<E2>/V", Kind.F4), [422] = ("Phase(Zstack)/deg", Kind.F4), [423] = ("|Zstack|/Ohm", Kind.F4),
        [424] = ("Re(Zstack)/Ohm", Kind.F4), [425] = ("-Im(Zstack)/Ohm", Kind.F4), [426] = ("<Estack>/V", Kind.F4),
        [430] = ("Phase(Zwe-ce)/deg", Kind.F4), [431] = ("|Zwe-ce|/Ohm", Kind.F4), [432] = ("Re(Zwe-ce)/Ohm", Kind.F4),
        [433] = ("-Im(Zwe-ce)/Ohm", Kind.F4), [434] = ("(Q-Qo)/C", Kind.F4), [435] = ("dQ/C", Kind.F4), [438] = ("step time/s", Kind.F8),
        [441] = ("<Ecv>/V", Kind.F4), [462] = ("Temperature/°C", Kind.F4), [467] = ("Q charge/discharge/mA.h", Kind.F8),
        [468] = ("half cycle", Kind.U4), [469] = ("z cycle", Kind.U4), [471] = ("<Ece>/V", Kind.F4), [473] = ("THD Ewe/%", Kind.F4),
        [474] = ("THD I/%", Kind.F4), [476] = ("NSD Ewe/%", Kind.F4), [477] = ("NSD I/%", Kind.F4), [479] = ("NSR Ewe/%", Kind.F4),
        [480] = ("NSR I/%", Kind.F4), [486] = ("|Ewe h2|/V", Kind.F4), [487] = ("|Ewe h3|/V", Kind.F4), [488] = ("|Ewe h4|/V", Kind.F4),
        [489] = ("|Ewe h5|/V", Kind.F4), [490] = ("|Ewe h6|/V", Kind.F4), [491] = ("|Ewe h7|/V", Kind.F4), [492] = ("|I h2|/A", Kind.F4),
        [493] = ("|I h3|/A", Kind.F4), [494] = ("|I h4|/A", Kind.F4), [495] = ("|I h5|/A", Kind.F4), [496] = ("|I h6|/A", Kind.F4),
        [497] = ("|I h7|/A", Kind.F4), [498] = ("Q charge/mA.h", Kind.F8), [499] = ("Q discharge/mA.h", Kind.F8),
        [500] = ("step time/s", Kind.F8), [501] = ("Efficiency/%", Kind.F8), [502] = ("Capacity/mA.h", Kind.F8),
        [505] = ("Rdc/Ohm", Kind.F4), [509] = ("Acir/Dcir Control", Kind.U1),
    };

    /// <summary>Flag columns packed into one byte: name and bit mask.</summary>
    private static readonly Dictionary<int, (string Name, byte Mask)> Flags = new()
    {
        [1] = ("mode", 0x03), [2] = ("ox/red", 0x04), [3] = ("error", 0x08), [21] = ("control changes", 0x10),
        [31] = ("Ns changes", 0x20), [65] = ("counter inc.", 0x80),
    };

    private sealed record Module(string ShortName, long Start, long DataOffset, int Length, uint Version);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public static MeasuredTable Read(byte[] bytes, string file)
    {
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new MeasurementFileException(file, null,
                "at byte offset 0: expected the BioLogic magic 'BIO-LOGIC MODULAR FILE'; this is not an EC-Lab .mpr file" +
                (bytes.Length < Magic.Length ? Inv($" (the file has only {bytes.Length} bytes)") : ""));

        var modules = new List<Module>();
        long pos = Magic.Length;
        while (pos < bytes.Length)
        {
            long start = pos;
            if (bytes.Length - pos < 6 + 35 + 4)
                throw Truncated(file, bytes.Length, Inv($"inside the header of a module starting at byte offset {start}"));
            if (Encoding.ASCII.GetString(bytes, (int)pos, 6) != "MODULE")
                throw new MeasurementFileException(file, null, Inv(
                    $"at byte offset {pos}: found '{Printable(bytes, pos, 6)}', expected 'MODULE' (the start of the next module)"));
            string shortName = Encoding.ASCII.GetString(bytes, (int)pos + 6, 10).TrimEnd(' ', '\0');
            long p = pos + 6 + 10 + 25;
            bool v2 = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)p)) == 0xFFFFFFFF;
            int headerRest = v2 ? 4 + 4 + 4 + 4 + 8 : 4 + 4 + 8;
            if (bytes.Length - p < headerRest)
                throw Truncated(file, bytes.Length, Inv($"inside the header of module '{shortName}' starting at byte offset {start}"));
            if (v2) p += 4;
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)p));
            uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)p + 4));
            long dataOffset = start + 6 + 10 + 25 + headerRest;
            if (dataOffset + length > bytes.Length)
                throw Truncated(file, bytes.Length, Inv(
                    $"inside module '{shortName}' (starting at byte offset {start}), which declares {length} bytes of data from byte offset {dataOffset} to {dataOffset + length}"));
            modules.Add(new Module(shortName, start, dataOffset, (int)length, version));
            pos = dataOffset + length;
        }

        var data = modules.FirstOrDefault(m => m.ShortName == "VMP data")
            ?? throw new MeasurementFileException(file, null,
                $"no 'VMP data' module among {string.Join(", ", modules.Select(m => $"'{m.ShortName}'"))}; expected the module holding the data points");
        return ReadData(bytes, file, data);
    }

    private static MeasurementFileException Truncated(string file, long end, string where) =>
        new(file, null, Inv($"the file ends at byte offset {end} {where}; the file is truncated (expected more bytes)"));

    private static string Printable(byte[] bytes, long pos, int count) =>
        new(bytes.Skip((int)pos).Take(count).Select(b => b is >= 32 and < 127 ? (char)b : '.').ToArray());

    private static MeasuredTable ReadData(byte[] bytes, string file, Module module)
    {
        var span = bytes.AsSpan((int)module.DataOffset, module.Length);
        long o = module.DataOffset;
        if (span.Length < 6)
            throw new MeasurementFileException(file, null, Inv($"at byte offset {o}: the 'VMP data' module has {span.Length} bytes; expected a point count and column ids"));
        uint points = BinaryPrimitives.ReadUInt32LittleEndian(span);
        var ids = new List<(int Id, long Offset)>();
        int dataStart;
        if (module.Version == 0 && span[5] != 0)
        {
            // Before EC-Lab 11.50: column count u8 at 4, one byte per id from 5, rows from 100.
            int n = span[4];
            if (5 + n > span.Length)
                throw Truncated(file, o + span.Length, "inside the column ids of the 'VMP data' module");
            for (int i = 0; i < n; i++) ids.Add((span[5 + i], o + 5 + i));
            dataStart = 100;
        }
        else if (module.Version == 0)
        {
            // EC-Lab 11.50 and later: column count u16 at 4, u16 ids from 6, rows from 1007.
            int n = BinaryPrimitives.ReadUInt16LittleEndian(span[4..]);
            if (6 + 2 * n > span.Length)
                throw Truncated(file, o + span.Length, "inside the column ids of the 'VMP data' module");
            for (int i = 0; i < n; i++) ids.Add((BinaryPrimitives.ReadUInt16LittleEndian(span[(6 + 2 * i)..]), o + 6 + 2 * i));
            dataStart = 1007;
        }
        else if (module.Version is 2 or 3)
        {
            // Column count u8 at 4, u16 ids from 5, rows from 405 (version 3: 406).
            int n = span[4];
            if (5 + 2 * n > span.Length)
                throw Truncated(file, o + span.Length, "inside the column ids of the 'VMP data' module");
            for (int i = 0; i < n; i++) ids.Add((BinaryPrimitives.ReadUInt16LittleEndian(span[(5 + 2 * i)..]), o + 5 + 2 * i));
            dataStart = module.Version == 3 ? 406 : 405;
        }
        else
        {
            throw new MeasurementFileException(file, null, Inv(
                $"at byte offset {module.Start}: 'VMP data' module version {module.Version} is not supported; expected version 0, 2 or 3"));
        }

        // Row layout: one field per id, flag ids sharing a single byte placed at the first flag.
        var names = new List<string>();
        var fields = new List<(int Offset, Kind Kind, byte Mask)>();
        int rowSize = 0, flagOffset = -1;
        foreach (var (id, offset) in ids)
        {
            if (Flags.TryGetValue(id, out var flag))
            {
                if (flagOffset < 0) { flagOffset = rowSize; rowSize += 1; }
                names.Add(flag.Name);
                fields.Add((flagOffset, Kind.U1, flag.Mask));
            }
            else if (Columns.TryGetValue(id, out var column))
            {
                names.Add(column.Name);
                fields.Add((rowSize, column.Kind, 0));
                rowSize += column.Kind switch { Kind.F8 => 8, Kind.F4 or Kind.U4 => 4, Kind.U2 => 2, _ => 1 };
            }
            else
            {
                throw new MeasurementFileException(file, null, Inv(
                    $"at byte offset {offset}: unknown EC-Lab column id {id} (column {names.Count + 1} of {ids.Count}); its size is unknown, so the rows cannot be decoded. Export the file from EC-Lab as text (.mpt) instead"));
            }
        }

        long need = dataStart + (long)points * rowSize;
        if (need > span.Length)
            throw new MeasurementFileException(file, null, Inv(
                $"at byte offset {o + span.Length}: the 'VMP data' module ends after {Math.Max(0, span.Length - dataStart) / Math.Max(rowSize, 1)} of the {points} rows it declares ({rowSize} bytes each from byte offset {o + dataStart}); the file is truncated"));

        var values = names.Select(_ => new double[points]).ToArray();
        var positions = new long[points];
        for (int r = 0; r < points; r++)
        {
            int rowStart = dataStart + r * rowSize;
            positions[r] = o + rowStart;
            var row = span.Slice(rowStart, rowSize);
            for (int c = 0; c < fields.Count; c++)
            {
                var (offset, kind, mask) = fields[c];
                var f = row[offset..];
                values[c][r] = mask != 0
                    ? (row[offset] & mask) >> System.Numerics.BitOperations.TrailingZeroCount(mask)
                    : kind switch
                    {
                        Kind.F8 => BinaryPrimitives.ReadDoubleLittleEndian(f),
                        Kind.F4 => BinaryPrimitives.ReadSingleLittleEndian(f),
                        Kind.U4 => BinaryPrimitives.ReadUInt32LittleEndian(f),
                        Kind.U2 => BinaryPrimitives.ReadUInt16LittleEndian(f),
                        _ => row[offset],
                    };
            }
        }
        var warnings = new List<string>();
        if (need < span.Length)
            warnings.Add(Inv($"the 'VMP data' module has {span.Length - need} bytes after its {points} rows; they were ignored"));
        return new MeasuredTable(file, MeasurementFormat.EcLabBinary, TableBuilder.UniqueNames(names), values, positions,
            positionsAreLines: false, new string?[names.Count], new int[names.Count], headerLine: null, warnings);
    }
}
