using System.Globalization;
using System.Text;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Output;

namespace CathodeSim.Tests.IO.Measurements;

/// <summary>GITT-like files written by the tests in each supported layout.</summary>
public sealed class SyntheticMeasurementFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // A GITT fragment: rest, 10-minute pulse at +0.5 mA, rest; cycle 1 then 2.
    private static readonly (double T, double ImA, double E, int Cycle, int Ns)[] Points =
    [
        (0, 0, 3.700, 1, 0), (300, 0, 3.7001, 1, 0), (300.5, 0.5, 3.7152, 1, 1), (600, 0.5, 3.7310, 1, 1),
        (900, 0.5, 3.7405, 1, 1), (900.5, 0, 3.7250, 1, 2), (2700, 0, 3.7203, 2, 2),
    ];

    private string Write(string name, string text, Encoding? encoding = null)
    {
        string path = Path.Combine(_dir.Path, name);
        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }

    private static string EcLabText(bool decimalComma)
    {
        var header = new List<string>
        {
            "EC-Lab ASCII FILE",
            "Nb header lines : 6",
            "",
            "Galvanostatic Intermittent Titration Technique",
            "Electrode surface area : 0.785 cm²",
        };
        header.Add("mode\tox/red\terror\tcontrol changes\tNs changes\tcounter inc.\tNs\ttime/s\tcontrol/V/mA\tEwe/V\tI/mA\tdq/mA.h\tcycle number\t");
        var sb = new StringBuilder(string.Join("\r\n", header) + "\r\n");
        foreach (var p in Points)
        {
            string row = string.Join('\t', "1", p.ImA > 0 ? "1" : "0", "0", "0", "0", "0", p.Ns.ToString(CultureInfo.InvariantCulture),
                p.T.ToString("0.000000000000000E+000", CultureInfo.InvariantCulture), p.ImA.ToString("0.0000000E+000", CultureInfo.InvariantCulture),
                p.E.ToString("0.0000000E+000", CultureInfo.InvariantCulture), p.ImA.ToString("0.0000000E+000", CultureInfo.InvariantCulture),
                "0.0000000E+000", p.Cycle.ToString("0.000000000000000E+000", CultureInfo.InvariantCulture));
            sb.Append((decimalComma ? row.Replace('.', ',') : row) + "\r\n");
        }
        return sb.ToString();
    }

    private static void AssertGitt(MeasuredSeries s, double timeTolerance = 1e-9)
    {
        Assert.Equal(Points.Length, s.Time.Length);
        for (int k = 0; k < Points.Length; k++)
        {
            Assert.Equal(Points[k].T, s.Time[k], timeTolerance);
            Assert.Equal(Points[k].ImA * 1e-3, s.Current[k], 1e-12);
            Assert.Equal(Points[k].E, s.Voltage[k], 1e-9);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EcLab_text_export_gives_the_SI_series(bool decimalComma)
    {
        string path = Write(decimalComma ? "gitt_comma.mpt" : "gitt.mpt", EcLabText(decimalComma), Encoding.Latin1);
        var s = MeasurementReader.ReadSeries(path);
        AssertGitt(s);
        Assert.Equal(Points.Select(p => p.Cycle), s.Cycle!);
        Assert.Equal(Points.Select(p => p.Ns), s.Step!);
        Assert.Empty(s.Warnings);
        Assert.EndsWith(decimalComma ? "gitt_comma.mpt" : "gitt.mpt", s.Source);
        var table = MeasurementReader.ReadTable(path);
        Assert.Equal(MeasurementFormat.EcLabText, table.Format);
        Assert.Equal(1.0, table.Column("ox/red")[2]);
    }

    [Fact]
    public void Content_decides_the_format_before_the_extension()
    {
        string path = Write("gitt.csv", EcLabText(false));
        Assert.Equal(MeasurementFormat.EcLabText, MeasurementReader.ReadTable(path).Format);
    }

    [Theory]
    [InlineData("Time (min);I (mA);Ewe (V);cycle", ';', true)]
    [InlineData("time/min\t<I>/mA\t<Ewe>/V\tcycle number", '\t', true)]
    [InlineData("Time [min],Current [mA],Voltage [V],Cycle", ',', false)]
    public void Delimited_text_with_minutes_and_milliamperes_gives_the_SI_series(string header, char delimiter, bool decimalComma)
    {
        var sb = new StringBuilder("# written by a test\n" + header + "\n");
        foreach (var p in Points)
        {
            string row = string.Join(delimiter, (p.T / 60).ToString("R", CultureInfo.InvariantCulture), p.ImA.ToString("R", CultureInfo.InvariantCulture),
                p.E.ToString("R", CultureInfo.InvariantCulture), p.Cycle.ToString(CultureInfo.InvariantCulture));
            sb.Append((decimalComma ? row.Replace('.', ',') : row) + "\n");
        }
        var s = MeasurementReader.ReadSeries(Write("gitt.txt", sb.ToString()));
        AssertGitt(s, 1e-9);
        Assert.Equal(Points.Select(p => p.Cycle), s.Cycle!);
        Assert.Null(s.Step);
    }

    [Fact]
    public void Plain_csv_in_SI_units_reads()
    {
        var sb = new StringBuilder("time_s,current_A,voltage_V\n");
        foreach (var p in Points)
            sb.Append(FormattableString.Invariant($"{p.T},{p.ImA * 1e-3:R},{p.E}\n"));
        var s = MeasurementReader.ReadSeries(Write("gitt.csv", sb.ToString()));
        AssertGitt(s);
        Assert.Null(s.Cycle);
    }

    [Fact]
    public void Microamperes_and_hours_and_millivolts_convert()
    {
        string path = Write("uA.csv", "Time (h),Current (uA),E (mV)\n0,0,3700\n0.5,250,3712.5\n1,250,3720\n");
        var s = MeasurementReader.ReadSeries(path);
        Assert.Equal([0, 1800, 3600], s.Time);
        Assert.Equal(250e-6, s.Current[1], 1e-15);
        Assert.Equal(3.7125, s.Voltage[1], 1e-12);
    }

    [Fact]
    public void CathodeSim_timeseries_output_reads_with_its_step_index()
    {
        var sb = new StringBuilder(CsvResultWriter.TimeSeriesHeader + "\n");
        sb.Append("0,3.5,0.000123,0,0,298.15,0,1\n");
        sb.Append("10,3.55,0.000123,0.00123,0.062,298.15,0,1\n");
        sb.Append("20,3.6,0.000123,0.00246,0.124,298.15,1,2\n");
        var s = MeasurementReader.ReadSeries(Write("b-ncm-65_timeseries.csv", sb.ToString()));
        Assert.Equal([0, 10, 20], s.Time);
        Assert.Equal([0.000123, 0.000123, 0.000123], s.Current);
        Assert.Equal([3.5, 3.55, 3.6], s.Voltage);
        Assert.Equal([0, 0, 1], s.Step!);
        Assert.Equal([1, 1, 2], s.Cycle!);
    }

    [Fact]
    public void Units_missing_from_the_header_come_from_the_options()
    {
        string path = Write("nounits.csv", "time,current,voltage\n0,1,3.7\n60,1,3.71\n");
        var e = Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSeries(path));
        Assert.Equal(1, e.Line);
        Assert.Contains("gives no unit", e.Message);
        var s = MeasurementReader.ReadSeries(path, new SeriesReadOptions { TimeUnit = "min", CurrentUnit = "mA", VoltageUnit = "V" });
        Assert.Equal([0, 3600], s.Time);
        Assert.Equal(1e-3, s.Current[0], 1e-15);
    }

    [Fact]
    public void InvertCurrent_negates_and_a_likely_inverted_sign_is_warned_about()
    {
        var sb = new StringBuilder("time_s,current_A,voltage_V\n");
        for (int k = 0; k < 30; k++) sb.Append(FormattableString.Invariant($"{k},0.001,{4.0 - 0.01 * k}\n"));
        string path = Write("discharge_positive.csv", sb.ToString());
        var s = MeasurementReader.ReadSeries(path);
        Assert.Contains(s.Warnings, w => w.Contains("InvertCurrent"));
        var inverted = MeasurementReader.ReadSeries(path, new SeriesReadOptions { InvertCurrent = true });
        Assert.Equal(-0.001, inverted.Current[0]);
        Assert.DoesNotContain(inverted.Warnings, w => w.Contains("InvertCurrent"));
    }

    [Fact]
    public void Repeated_times_are_dropped_with_a_warning()
    {
        string path = Write("dup.csv", "time_s,current_A,voltage_V\n0,0,3.7\n1,0,3.7\n1,0.001,3.71\n2,0.001,3.72\n");
        var s = MeasurementReader.ReadSeries(path);
        Assert.Equal([0, 1, 2], s.Time);
        Assert.Contains(s.Warnings, w => w.Contains("repeating the previous time"));
    }

    // ---------------------------------------------------------------- errors

    [Fact]
    public void Non_number_in_an_EcLab_export_names_the_line_and_column()
    {
        string text = EcLabText(false);
        var lines = text.Split("\r\n");
        lines[8] = lines[8].Replace("3.7152000E+000", "abc"); // line 9: the third data row
        string path = Write("bad.mpt", string.Join("\r\n", lines));
        var e = Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSeries(path));
        Assert.Equal(9, e.Line);
        Assert.Contains("bad.mpt:9:", e.Message);
        Assert.Contains("'abc' in column 'Ewe/V' is not a number; expected a voltage in V", e.Message);
    }

    [Fact]
    public void Header_count_beyond_any_integer_in_an_EcLab_export_is_refused_naming_line_2()
    {
        string text = EcLabText(false).Replace("Nb header lines : 6", "Nb header lines : 99999999999999999999");
        var e = Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSeries(Write("huge.mpt", text)));
        Assert.Equal(2, e.Line);
        Assert.Contains("99999999999999999999", e.Message);
    }

    [Fact]
    public void Old_layout_mpr_whose_data_module_ends_inside_its_column_ids_is_refused_with_the_offset()
    {
        // Version-0 module of the pre-11.50 layout (u8 column count at 4, one byte per id from 5): 200 ids declared, 3 present.
        byte[] data = [1, 0, 0, 0, 200, 4, 6, 8];
        byte[] bytes = MprWithDataModule(data);
        string path = Path.Combine(_dir.Path, "short.mpr");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSeries(path));
        Assert.Contains("column ids", e.Message);
        Assert.Contains("byte offset", e.Message);
    }

    /// <summary>A .mpr whose 'VMP data' module holds exactly <paramref name="data"/>.</summary>
    private static byte[] MprWithDataModule(byte[] data)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write(Encoding.ASCII.GetBytes("BIO-LOGIC MODULAR FILE\x1a".PadRight(48)));
        w.Write(0);
        foreach (var (name, content) in new[] { ("VMP Set", new byte[100]), ("VMP data", data) })
        {
            w.Write(Encoding.ASCII.GetBytes("MODULE"));
            w.Write(Encoding.ASCII.GetBytes(name.PadRight(10)));
            w.Write(Encoding.ASCII.GetBytes(name.PadRight(25)));
            w.Write(0xFFFFFFFFu);
            w.Write((uint)content.Length);
            w.Write(0u);
            w.Write(0u);
            w.Write(Encoding.ASCII.GetBytes("05.15.25"));
            w.Write(content);
        }
        return ms.ToArray();
    }

    [Fact]
    public void Wrong_header_count_in_an_EcLab_export_names_the_line()
    {
        string text = EcLabText(false).Replace("Nb header lines : 6", "Nb header lines : 4");
        var e = Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSeries(Write("hdr.mpt", text)));
        Assert.Equal(4, e.Line);
        Assert.Contains("column header", e.Message);
    }

    [Fact]
    public void Short_row_and_decreasing_time_name_their_lines()
    {
        var e = Assert.Throws<MeasurementFileException>(() =>
            MeasurementReader.ReadSeries(Write("short.csv", "time_s,current_A,voltage_V\n0,0,3.7\n1,0\n")));
        Assert.Equal(3, e.Line);
        Assert.Contains("voltage_V", e.Message);

        e = Assert.Throws<MeasurementFileException>(() =>
            MeasurementReader.ReadSeries(Write("back.csv", "time_s,current_A,voltage_V\n0,0,3.7\n5,0,3.7\n4,0,3.7\n")));
        Assert.Equal(4, e.Line);
        Assert.Contains("expected increasing times", e.Message);
    }

    [Fact]
    public void Missing_columns_and_missing_header_say_what_is_expected()
    {
        var e = Assert.Throws<MeasurementFileException>(() =>
            MeasurementReader.ReadSeries(Write("nocurrent.csv", "time_s,voltage_V\n0,3.7\n1,3.7\n")));
        Assert.Equal(1, e.Line);
        Assert.Contains("no current column among 'time_s', 'voltage_V'", e.Message);

        e = Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSeries(Write("bare.csv", "0,0,3.7\n1,0,3.7\n")));
        Assert.Contains("no header row", e.Message);

        e = Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSpectrum(Write("nospec.csv", "time_s,current_A,voltage_V\n0,0,3.7\n")));
        Assert.Contains("no frequency column", e.Message);
    }

    [Fact]
    public void Unknown_binary_lists_the_supported_formats()
    {
        string path = Path.Combine(_dir.Path, "mystery.bin");
        File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 0, 0, 1, 2, 3]);
        var e = Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSeries(path));
        Assert.Contains("unknown format", e.Message);
        Assert.Contains("EC-Lab binary (.mpr)", e.Message);
        Assert.Contains("CSV", e.Message);

        string fake = Path.Combine(_dir.Path, "fake.mpr");
        File.WriteAllText(fake, "not really\n");
        e = Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSeries(fake));
        Assert.Contains("byte offset 0", e.Message);
        Assert.Contains("BIO-LOGIC MODULAR FILE", e.Message);

        e = Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSeries(Path.Combine(_dir.Path, "none.mpt")));
        Assert.Contains("file not found", e.Message);
    }

    // ---------------------------------------------------------------- .mpr written here

    /// <summary>An EC-Lab 11.50+ style .mpr: modules with the 0xFFFFFFFF header, a version-0 data module with u16 ids.</summary>
    private static byte[] Mpr(ushort[] ids, Action<BinaryWriter, (double T, double ImA, double E, int Cycle, int Ns)> row, int points)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write(Encoding.ASCII.GetBytes("BIO-LOGIC MODULAR FILE\x1a".PadRight(48)));
        w.Write(0);
        void Module(string name, byte[] data, uint unknown)
        {
            w.Write(Encoding.ASCII.GetBytes("MODULE"));
            w.Write(Encoding.ASCII.GetBytes(name.PadRight(10)));
            w.Write(Encoding.ASCII.GetBytes(name.PadRight(25)));
            w.Write(0xFFFFFFFFu);
            w.Write((uint)data.Length);
            w.Write(0u);
            w.Write(unknown);
            w.Write(Encoding.ASCII.GetBytes("05.15.25"));
            w.Write(data);
        }
        Module("VMP Set", new byte[100], 10);
        using var dm = new MemoryStream();
        using (var d = new BinaryWriter(dm, Encoding.ASCII, leaveOpen: true))
        {
            d.Write((uint)points);
            d.Write((ushort)ids.Length);
            foreach (ushort id in ids) d.Write(id);
            d.Write(new byte[1007 - 6 - 2 * ids.Length]);
            foreach (var p in Points.Take(points)) row(d, p);
        }
        Module("VMP data", dm.ToArray(), 11);
        Module("VMP LOG", new byte[64], 10);
        return ms.ToArray();
    }

    [Fact]
    public void Gcpl_style_mpr_with_flags_decodes_to_the_SI_series()
    {
        // flags (mode, ox/red, error), time/s f8, Ewe/V f4, I/mA f4, cycle number f8, Ns u2, Q charge/discharge f8.
        ushort[] ids = [1, 2, 3, 4, 6, 8, 24, 131, 467];
        byte[] bytes = Mpr(ids, (d, p) =>
        {
            d.Write((byte)(1 | (p.ImA > 0 ? 0x04 : 0)));
            d.Write(p.T);
            d.Write((float)p.E);
            d.Write((float)p.ImA);
            d.Write((double)p.Cycle);
            d.Write((ushort)p.Ns);
            d.Write(0.0);
        }, Points.Length);
        string path = Path.Combine(_dir.Path, "gcpl.mpr");
        File.WriteAllBytes(path, bytes);

        var table = MeasurementReader.ReadTable(path);
        Assert.Equal(["mode", "ox/red", "error", "time/s", "Ewe/V", "I/mA", "cycle number", "Ns", "Q charge/discharge/mA.h"], table.ColumnNames);
        Assert.Equal([1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], table.Column("mode"));
        Assert.Equal(1.0, table.Column("ox/red")[2]);
        Assert.Equal(0.0, table.Column("ox/red")[0]);
        int firstRow = 52 + (65 + 100) + 65 + 1007; // magic, settings module, data module header and its 1007-byte preamble
        Assert.Equal(FormattableString.Invariant($"byte offset {firstRow}"), table.Location(0));

        var s = MeasurementReader.ReadSeries(path);
        Assert.Equal(Points.Length, s.Time.Length);
        for (int k = 0; k < Points.Length; k++)
        {
            Assert.Equal(Points[k].T, s.Time[k]);
            Assert.Equal((float)Points[k].E, s.Voltage[k]);
            Assert.Equal((float)Points[k].ImA * 1e-3, s.Current[k], 1e-15);
        }
        Assert.Equal(Points.Select(p => p.Cycle), s.Cycle!);
        Assert.Equal(Points.Select(p => p.Ns), s.Step!);

        // Fewer rows than declared: truncated, with the offset where the module ends.
        byte[] shortRows = Mpr(ids, (d, p) => { d.Write(new byte[35]); }, Points.Length);
        int dataLengthAt = 52 + 65 + 100 + 6 + 35 + 4;
        BitConverter.GetBytes(BitConverter.ToUInt32(shortRows, dataLengthAt) - 35u).CopyTo(shortRows, dataLengthAt);
        File.WriteAllBytes(path, shortRows[..^(35 + 65 + 64)].Concat(shortRows[^(65 + 64)..]).ToArray());
        var e = Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSeries(path));
        Assert.Contains("6 of the 7 rows", e.Message);
        Assert.Contains("truncated", e.Message);
    }
}

/// <summary>Gamry Framework files written by a test.</summary>
public sealed class GamryMeasurementFileTests
{
    [Fact]
    public void Gamry_chronopotentiometry_curve_gives_the_SI_series()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "CHRONOP.DTA");
        File.WriteAllText(path,
            "EXPLAIN\r\nTAG\tCHRONOP\r\nTITLE\tLABEL\tChronopotentiometry\tTest Identifier\r\n" +
            "OCVCURVE\tTABLE\r\n\tPt\tT\tVf\r\n\t#\ts\tV vs. Ref.\r\n\t0\t0\t3.6\r\n" +
            "CURVE\tTABLE\r\n\tPt\tT\tVf\tIm\tVu\tSig\tAch\tIERange\tOver\r\n\t#\ts\tV vs. Ref.\tA\tV\tV\tV\t#\tbits\r\n" +
            "\t0\t0\t3,7\t0,001\t0\t0\t0\t5\t...........\r\n\t1\t1,5\t3,71\t0,001\t0\t0\t0\t5\t...........\r\n",
            System.Text.Encoding.Latin1);
        var s = MeasurementReader.ReadSeries(path);
        Assert.Equal([0, 1.5], s.Time);
        Assert.Equal([0.001, 0.001], s.Current);
        Assert.Equal([3.7, 3.71], s.Voltage);
    }
}
