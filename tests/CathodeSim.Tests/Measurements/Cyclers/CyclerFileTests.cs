using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CathodeSim.IO.Measurements;
using CathodeSim.Tests.Cli;

namespace CathodeSim.Tests.Measurements.Cyclers;

/// <summary>
/// The synthesised cycler exports of this folder (README.md: layouts and their sources) read into the SI series they were
/// written from, taken by `cycles` and `convert`, and refused with the file and line when damaged.
/// </summary>
public sealed class CyclerFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-cyclers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string File(string name) => RepositoryPaths.File("tests", "CathodeSim.Tests", "Measurements", "Cyclers", name);

    /// <summary>Every file, its format, the first cycle number it writes, and half the last decimal of its voltages (4, 5 or 6 written).</summary>
    public static TheoryData<string, MeasurementFormat, int, double> Files() => new()
    {
        { "land_3cycles.txt", MeasurementFormat.Land, 1, 5e-5 },
        { "land_3cycles.csv", MeasurementFormat.Land, 1, 5e-5 },
        { "land_3cycles.xlsx", MeasurementFormat.Land, 1, 5e-7 },
        { "arbin_3cycles.csv", MeasurementFormat.Arbin, 1, 5e-7 },
        { "arbin_3cycles.xlsx", MeasurementFormat.Arbin, 1, 5e-7 },
        { "maccor_3cycles.txt", MeasurementFormat.Maccor, 0, 5e-6 },
    };

    /// <summary>
    /// The protocol the files were written from (make_cycler_files.py), computed afresh: rest 30 min; per cycle charge
    /// +0.1 mA 10 h, rest 30 min, discharge -0.1 mA for 9, 8.5, 8 h, rest 30 min; a point every 600 s at the end of its
    /// interval; V = 3.70 + 0.5 V/mAh * charge held, +-0.05 V under current.
    /// </summary>
    internal static List<(double T, double I, double V, int Cycle, int Step)> Protocol()
    {
        var points = new List<(double, double, double, int, int)>();
        double t = 0, q = 0;
        int step = 0;
        void Run(double hours, double current, int cycle)
        {
            step++;
            for (int k = 1; k <= (int)Math.Round(hours * 6); k++)
            {
                t += 600;
                q += current * 600 / 3600 * 1000;   // mAh held
                points.Add((t, current, 3.70 + 0.5 * q + 0.05 * Math.Sign(current), cycle, step));
            }
        }
        Run(0.5, 0, 1);
        double[] discharge = [9, 8.5, 8];
        for (int c = 1; c <= 3; c++)
        {
            Run(10, 1e-4, c);
            Run(0.5, 0, c);
            Run(discharge[c - 1], -1e-4, c);
            Run(0.5, 0, c);
        }
        return points;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EachExport_IsRecognised_AndReadIntoTheSeriesItWasWrittenFrom(string name, MeasurementFormat format, int firstCycle, double voltageTolerance)
    {
        Assert.Equal(format, MeasurementReader.ReadTable(File(name)).Format);
        var s = MeasurementReader.ReadSeries(File(name));
        var expected = Protocol();
        Assert.Equal(expected.Count, s.Time.Length);
        Assert.NotNull(s.Cycle);
        Assert.NotNull(s.Step);
        for (int k = 0; k < expected.Count; k++)
        {
            var e = expected[k];
            Assert.True(Math.Abs(s.Time[k] - e.T) < 1e-6, $"{name} point {k + 1}: time {s.Time[k]} s, written {e.T} s");
            Assert.True(Math.Abs(s.Current[k] - e.I) < 1e-12, $"{name} point {k + 1}: current {s.Current[k]} A, written {e.I} A");
            Assert.True(Math.Abs(s.Voltage[k] - e.V) <= voltageTolerance, $"{name} point {k + 1}: voltage {s.Voltage[k]} V, written {e.V} V");
            Assert.Equal(e.Cycle - 1 + firstCycle, s.Cycle![k]);
            Assert.Equal(e.Step, s.Step![k]);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Cycles_GivesTheCapacitiesTheRecordWasWrittenWith(string name, MeasurementFormat format, int firstCycle, double voltageTolerance)
    {
        _ = (format, voltageTolerance);
        var r = CliHarness.Run("cycles", File(name), "--json", "--output", Path.Combine(_dir, "cycles"));
        Assert.True(r.ExitCode == 0, r.Error);
        var cycles = JsonDocument.Parse(r.Out).RootElement.GetProperty("cycles");
        Assert.Equal(3, cycles.GetArrayLength());
        double[] discharge = [0.90, 0.85, 0.80];
        for (int c = 0; c < 3; c++)
        {
            var row = cycles[c];
            Assert.Equal(firstCycle + c, row.GetProperty("cycle").GetInt32());
            Assert.Equal(1.0, row.GetProperty("charge_capacity_mAh").GetDouble(), 9);
            Assert.Equal(discharge[c], row.GetProperty("discharge_capacity_mAh").GetDouble(), 9);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Convert_WritesTheRecordInSi(string name, MeasurementFormat format, int firstCycle, double voltageTolerance)
    {
        _ = (format, voltageTolerance);
        string outDir = Path.Combine(_dir, "convert");
        var r = CliHarness.Run("convert", File(name), "--output", outDir);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains($"cycling record, 354 points, cycles {firstCycle}-{firstCycle + 2}", r.Out);
        var lines = System.IO.File.ReadAllLines(Path.Combine(outDir, Path.GetFileNameWithoutExtension(name) + "_record.csv"))
            .Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal("time_s,voltage_V,current_A,cycle,step", lines[0]);
        Assert.Equal(355, lines.Length);
        var fourth = lines[4].Split(',');   // the first charge point: 2400 s, +0.1 mA
        Assert.Equal(2400, double.Parse(fourth[0], System.Globalization.CultureInfo.InvariantCulture), 6);
        Assert.Equal(1e-4, double.Parse(fourth[2], System.Globalization.CultureInfo.InvariantCulture), 12);
    }

    [Fact]
    public void Maccor_MagnitudesGetTheirSignFromState_AndTheReaderSaysSo()
    {
        var s = MeasurementReader.ReadSeries(File("maccor_3cycles.txt"));
        Assert.Contains(s.Warnings, w => w.Contains("magnitudes", StringComparison.Ordinal) && w.Contains("153 rows", StringComparison.Ordinal));
        Assert.Equal(153, s.Current.Count(i => i < 0));   // 9 + 8.5 + 8 h of discharge, 6 points an hour
        Assert.DoesNotContain(MeasurementReader.ReadSeries(File("land_3cycles.txt")).Warnings, w => w.Contains("magnitudes", StringComparison.Ordinal));
    }

    [Fact]
    public void LandRecord_WithMagnitudesAndState_IsSignedFromState()
    {
        // Some LANDdt exports write |I| with the step state beside it.
        string path = Write("land_magnitudes.txt", System.IO.File.ReadAllText(File("land_3cycles.txt")).Replace("\t-0.1000\t", "\t0.1000\t"));
        var s = MeasurementReader.ReadSeries(path);
        Assert.Equal(153, s.Current.Count(i => i < 0));
        Assert.Equal(-1e-4, s.Current.Min(), 12);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("land_3cycles.txt")]
    [InlineData("land_3cycles.csv")]
    [InlineData("arbin_3cycles.csv")]
    [InlineData("maccor_3cycles.txt")]
    public void Truncated_IsRefused_NamingFileAndLastLine(string name)
    {
        string text = System.IO.File.ReadAllText(File(name)).TrimEnd('\r', '\n');
        string path = Write("cut_" + name, text[..^3]);   // an export interrupted inside its last number
        int lastLine = text.Split('\n').Length;
        foreach (string command in new[] { "cycles", "convert" })
        {
            var r = CliHarness.Run(command, path, "--output", Path.Combine(_dir, "out"));
            Assert.Equal(2, r.ExitCode);
            Assert.Contains($"cut_{name}:{lastLine}:", r.Error);
            Assert.Contains("cut off", r.Error);
        }
    }

    [Theory]
    [InlineData("land_3cycles.txt", "Voltage/V", "Voltage/X", "'X' is not a voltage unit")]
    [InlineData("arbin_3cycles.csv", "Voltage(V)", "Volt(V)", "no voltage column")]
    [InlineData("maccor_3cycles.txt", "\tVolts\t", "\tVolt\t", "no voltage column")]
    public void WrongColumn_IsRefused_NamingFileAndHeaderLine(string name, string from, string to, string message)
    {
        string text = System.IO.File.ReadAllText(File(name));
        int headerLine = name.StartsWith("maccor", StringComparison.Ordinal) ? 3 : 1;
        string path = Write("bad_" + name, text.Replace(from, to));
        var r = CliHarness.Run("cycles", path, "--output", Path.Combine(_dir, "out"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"bad_{name}:{headerLine}:", r.Error);
        Assert.Contains(message, r.Error);
    }

    [Theory]
    [InlineData("land_3cycles.txt", "\t1-09:20:00\t", "\t1-09:2O:00\t")]   // a letter O for a zero in the test time
    [InlineData("maccor_3cycles.txt", "\t4.08333\t", "\t4.08x33\t")]
    [InlineData("arbin_3cycles.csv", ",-1.000000e-04,4.083333,", ",-1.000000e-04,n/a,")]
    public void DamagedField_IsRefused_NamingItsLine(string name, string from, string to)
    {
        string text = System.IO.File.ReadAllText(File(name));
        int at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' not in {name}");
        int line = text[..at].Count(c => c == '\n') + 1;
        Assert.True(line > 3, $"{name}: the damaged field is on line {line}, expected a data row");
        string path = Write("field_" + name, text[..at] + to + text[(at + from.Length)..]);
        var r = CliHarness.Run("convert", path, "--kind", "record", "--output", Path.Combine(_dir, "out"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"field_{name}:{line}:", r.Error);
        Assert.Contains("is not a number", r.Error);
    }

    [Fact]
    public void Workbook_WithAWrongColumn_IsRefused_NamingSheetAndRow()
    {
        string path = Path.Combine(_dir, "bad_land.xlsx");
        System.IO.File.Copy(File("land_3cycles.xlsx"), path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("xl/sharedStrings.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open())) xml = reader.ReadToEnd();
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/sharedStrings.xml").Open(), new UTF8Encoding(false));
            writer.Write(xml.Replace(">Voltage/V<", ">Voltage/X<"));
        }
        var r = CliHarness.Run("cycles", path, "--output", Path.Combine(_dir, "out"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bad_land.xlsx (sheet 'Record'):1:", r.Error);
        Assert.Contains("'X' is not a voltage unit", r.Error);
    }

    [Theory]
    [InlineData("land_3cycles.xlsx")]
    [InlineData("arbin_3cycles.xlsx")]
    public void TruncatedWorkbook_IsRefused_NamingTheFile(string name)
    {
        byte[] bytes = System.IO.File.ReadAllBytes(File(name));
        string path = Path.Combine(_dir, "cut_" + name);
        System.IO.File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        var r = CliHarness.Run("cycles", path, "--output", Path.Combine(_dir, "out"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"cut_{name}: cannot be read as an Excel workbook", r.Error);
        Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSeries(path));
    }

    [Fact]
    public void BareTimeColumn_NeedsTimeUnit_AndTheMessageNamesTheOption()
    {
        // LAND may export TestTime as a number in the unit chosen in LANDdt, without saying which.
        var text = new StringBuilder("Record\tTestTime\tCurrent/mA\tVoltage/V\tCycle\tState\n");
        for (int k = 1; k <= 6; k++)
            text.Append(FormattableString.Invariant($"{k}\t{0.5 * k}\t{(k <= 3 ? 0.1 : -0.1)}\t{(k <= 3 ? 3.7 + 0.01 * k : 3.8 - 0.01 * k)}\t1\t{(k <= 3 ? "C_CC" : "D_CC")}\n"));
        string path = Write("land_hours.txt", text.ToString());
        var refused = CliHarness.Run("cycles", path, "--output", Path.Combine(_dir, "out"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("land_hours.txt:1: column 'TestTime' gives no unit", refused.Error);
        Assert.Contains("--time-unit", refused.Error);
        Assert.DoesNotContain("SeriesReadOptions", refused.Error);

        var read = CliHarness.Run("convert", path, "--time-unit", "h", "--output", Path.Combine(_dir, "hours"));
        Assert.True(read.ExitCode == 0, read.Error);
        var s = MeasurementReader.ReadSeries(path, new SeriesReadOptions { TimeUnit = "h" });
        Assert.Equal(new double[] { 1800, 3600, 5400, 7200, 9000, 10800 }, s.Time);
        Assert.Equal(60.0, MeasurementReader.ReadSeries(path, new SeriesReadOptions { TimeUnit = "min" }).Time[1]);
        Assert.Equal(2, CliHarness.Run("cycles", path, "--time-unit", "days", "--output", Path.Combine(_dir, "out")).ExitCode);
    }

    [Fact]
    public void Workbook_IsFoundByContent_WhateverItsName()
    {
        string path = Path.Combine(_dir, "export.dat");
        System.IO.File.Copy(File("land_3cycles.xlsx"), path);
        Assert.Equal(MeasurementFormat.Land, MeasurementReader.ReadTable(path).Format);
    }

    [Fact]
    public void Ndax_ThatIsNoZip_IsRefusedSayingWhatIsExpected()
    {
        string path = Path.Combine(_dir, "cell.ndax");
        System.IO.File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0]);
        var e = Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSeries(path));
        Assert.Contains("cell.ndax", e.Message);
        Assert.Contains("expected a Neware .ndax file, a zip archive holding data.ndc", e.Message);
    }
}
