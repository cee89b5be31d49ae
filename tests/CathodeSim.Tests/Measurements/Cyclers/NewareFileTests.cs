using System.IO.Compression;
using System.Text.Json;
using CathodeSim.IO.Measurements;
using CathodeSim.Tests.Cli;

namespace CathodeSim.Tests.Measurements.Cyclers;

/// <summary>
/// The synthesised Neware files of this folder (README.md: make_neware_files.py writes them in the layouts NewareNDA
/// decodes): .nda v29 and v130, .ndax with data.ndc v2 and v5, and BTSDA's CSV and Excel record export. Each is read into
/// the protocol it was written from, gives `cycles` the same capacities as the other vendors' files, and damaged copies
/// are refused with exit 2 and a message naming the file and what was expected.
/// </summary>
public sealed class NewareFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-neware-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string File(string name) => RepositoryPaths.File("tests", "CathodeSim.Tests", "Measurements", "Cyclers", name);

    /// <summary>Each file, its format, and the tolerances of its voltages and currents (integers of 0.1 mV and 1 uA, or 32-bit floats, or 4 decimals).</summary>
    public static TheoryData<string, MeasurementFormat, double, double> Files() => new()
    {
        { "neware_3cycles_v29.nda", MeasurementFormat.NewareNda, 5e-5, 1e-12 },
        { "neware_3cycles_v130.nda", MeasurementFormat.NewareNda, 1e-6, 1e-11 },   // 6 decimals written as 32-bit floats
        { "neware_3cycles_ndc2.ndax", MeasurementFormat.NewareNdax, 5e-5, 1e-12 },
        { "neware_3cycles_ndc5.ndax", MeasurementFormat.NewareNdax, 5e-5, 1e-12 },
        { "neware_3cycles.csv", MeasurementFormat.Neware, 5e-5, 1e-12 },
        { "neware_3cycles.xlsx", MeasurementFormat.Neware, 5e-5, 1e-12 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void EachFile_IsRecognised_AndReadIntoTheSeriesItWasWrittenFrom(string name, MeasurementFormat format, double voltageTolerance, double currentTolerance)
    {
        Assert.Equal(format, MeasurementReader.ReadTable(File(name)).Format);
        var s = MeasurementReader.ReadSeries(File(name));
        var expected = CyclerFileTests.Protocol();
        Assert.Equal(expected.Count, s.Time.Length);
        Assert.NotNull(s.Cycle);
        Assert.NotNull(s.Step);
        for (int k = 0; k < expected.Count; k++)
        {
            var e = expected[k];
            Assert.True(Math.Abs(s.Time[k] - e.T) < 1e-6, $"{name} point {k + 1}: time {s.Time[k]} s, written {e.T} s");
            Assert.True(Math.Abs(s.Current[k] - e.I) < currentTolerance, $"{name} point {k + 1}: current {s.Current[k]} A, written {e.I} A");
            Assert.True(Math.Abs(s.Voltage[k] - e.V) <= voltageTolerance, $"{name} point {k + 1}: voltage {s.Voltage[k]} V, written {e.V} V");
            Assert.Equal(e.Cycle, s.Cycle![k]);
            Assert.Equal(e.Step, s.Step![k]);
        }
    }

    [Theory]
    [InlineData("neware_3cycles_v29.nda")]
    [InlineData("neware_3cycles_ndc2.ndax")]
    [InlineData("neware_3cycles_ndc5.ndax")]
    [InlineData("neware_3cycles_v130.nda")]
    public void BinaryRecords_KeepStepTypeCapacitiesAndDate(string name)
    {
        var table = MeasurementReader.ReadTable(File(name));
        var type = table.Column("Step Type");
        var charge = table.Column("Chg. Cap.(mAh)");
        var discharge = table.Column("DChg. Cap.(mAh)");
        var date = table.Column("Unix Time(s)");
        var stepTime = table.Column("Step Time(s)");
        Assert.Equal(4, type[0]);            // Rest
        Assert.Equal(1, type[3]);            // CC_Chg
        Assert.Equal(600, stepTime[3], 6);   // the first charge point, 10 min into its step
        Assert.Equal(1.0, charge[62], 6);    // the last point of the first charge: 10 h at 0.1 mA
        int lastDischarge = 3 + 60 + 3 + 54 - 1;
        Assert.Equal(2, type[lastDischarge]);   // CC_DChg
        Assert.Equal(0.9, discharge[lastDischarge], 6);
        // 2026-03-02 09:00:00 plus the test time (the cycler's clock; v130 as UTC microseconds).
        double start = (new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds;
        Assert.Equal(start + 600, date[0], 3);
        Assert.Equal(start + 59 * 3600, date[^1], 3);
        bool v130 = name.Contains("v130", StringComparison.Ordinal);
        Assert.Equal(v130, table.Warnings.Any(w => w.Contains("no cycle number", StringComparison.Ordinal)));
        Assert.DoesNotContain(table.Warnings, w => w.Contains("skipped", StringComparison.Ordinal));   // v29's temperature records are not data
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Cycles_GivesTheSameCapacitiesAsTheOtherVendorsFiles(string name, MeasurementFormat format, double voltageTolerance, double currentTolerance)
    {
        _ = (format, voltageTolerance, currentTolerance);
        var land = Capacities("land_3cycles.txt");
        var neware = Capacities(name);
        Assert.Equal(3, neware.Count);
        double[] discharge = [0.90, 0.85, 0.80];
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(c + 1, neware[c].Cycle);
            Assert.Equal(1.0, neware[c].Charge, 6);
            Assert.Equal(discharge[c], neware[c].Discharge, 6);
            Assert.Equal(land[c].Charge, neware[c].Charge, 6);
            Assert.Equal(land[c].Discharge, neware[c].Discharge, 6);
        }
    }

    private List<(int Cycle, double Charge, double Discharge)> Capacities(string name)
    {
        var r = CliHarness.Run("cycles", File(name), "--json", "--output", Path.Combine(_dir, "cycles"));
        Assert.True(r.ExitCode == 0, r.Error);
        return [.. JsonDocument.Parse(r.Out).RootElement.GetProperty("cycles").EnumerateArray()
            .Select(c => (c.GetProperty("cycle").GetInt32(), c.GetProperty("charge_capacity_mAh").GetDouble(), c.GetProperty("discharge_capacity_mAh").GetDouble()))];
    }

    [Theory]
    [InlineData("neware_3cycles_v29.nda")]
    [InlineData("neware_3cycles_ndc5.ndax")]
    [InlineData("neware_3cycles.csv")]
    public void Convert_WritesTheRecordInSi(string name)
    {
        string outDir = Path.Combine(_dir, "convert");
        var r = CliHarness.Run("convert", File(name), "--output", outDir);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("cycling record, 354 points, cycles 1-3", r.Out);
        var lines = System.IO.File.ReadAllLines(Path.Combine(outDir, Path.GetFileNameWithoutExtension(name) + "_record.csv"))
            .Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal("time_s,voltage_V,current_A,cycle,step", lines[0]);
        Assert.Equal(355, lines.Length);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Runs `cycles` on a damaged file: exit 2, the file named, the expectation said, no stack trace.</summary>
    private void AssertRefused(string path, params string[] message)
    {
        var r = CliHarness.Run("cycles", path, "--output", Path.Combine(_dir, "out"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(Path.GetFileName(path), r.Error);
        foreach (string m in message) Assert.Contains(m, r.Error);
        Assert.DoesNotContain("   at ", r.Error);
        Assert.DoesNotContain("Exception", r.Error);
        Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSeries(path));
    }

    [Fact]
    public void NdaEndingInsideARecord_ReadsTheWholeRecords_AndWarnsOfTheCutOne()
    {
        // As NewareNDA does: a file copied while the cycler writes it ends inside a record; the whole ones are the data.
        byte[] v29 = System.IO.File.ReadAllBytes(File("neware_3cycles_v29.nda"));
        int whole29 = MeasurementReader.ReadTable(File("neware_3cycles_v29.nda")).RowCount;
        var cut29 = MeasurementReader.ReadTable(Write("cut_v29.nda", v29[..^40]));
        Assert.Equal(whole29 - 1, cut29.RowCount);
        Assert.Contains(cut29.Warnings, w => w.Contains("inside record", StringComparison.Ordinal) && w.Contains("86-byte records", StringComparison.Ordinal));
        byte[] v130 = System.IO.File.ReadAllBytes(File("neware_3cycles_v130.nda"));
        var cut130 = MeasurementReader.ReadTable(Write("cut_v130.nda", v130[..(1024 + 88 * 100 + 40)]));
        Assert.Equal(100, cut130.RowCount);
        Assert.Contains(cut130.Warnings, w => w.Contains("inside record 101", StringComparison.Ordinal) && w.Contains("without the footer", StringComparison.Ordinal));
        AssertRefused(Write("cut_header.nda", v29[..10]), "the file is truncated", "version byte");
    }

    [Fact]
    public void WrongMagic_AndUnknownVersion_AreRefused()
    {
        byte[] bytes = System.IO.File.ReadAllBytes(File("neware_3cycles_v29.nda"));
        byte[] magic = (byte[])bytes.Clone();
        magic[5] = (byte)'X';
        AssertRefused(Write("magic.nda", magic), "expected the Neware magic 'NEWARE'");
        byte[] version = (byte[])bytes.Clone();
        version[14] = 31;
        AssertRefused(Write("v31.nda", version), ".nda version 31 is not supported", "versions 26, 28, 29", "130");
        byte[] range = (byte[])bytes.Clone();
        range[2560 + 78] = 3;   // the first record's current range: 3 is none Neware writes
        AssertRefused(Write("range.nda", range), "current range 3", "byte offset 2638");
    }

    [Fact]
    public void DamagedNdax_IsRefused()
    {
        byte[] bytes = System.IO.File.ReadAllBytes(File("neware_3cycles_ndc2.ndax"));
        AssertRefused(Write("cut.ndax", bytes[..(bytes.Length / 2)]), "cannot be read as a zip archive", "expected a Neware .ndax file");
        AssertRefused(Write("notzip.ndax", [.. "NOTAZIP"u8, .. new byte[100]]), "expected a zip archive");

        string noData = Path.Combine(_dir, "nodata.ndax");
        System.IO.File.Copy(File("neware_3cycles_ndc2.ndax"), noData);
        using (var zip = ZipFile.Open(noData, ZipArchiveMode.Update)) zip.GetEntry("data.ndc")!.Delete();
        AssertRefused(noData, "holds no data.ndc", "'Step.xml'");

        string v11 = Path.Combine(_dir, "ndc11.ndax");
        System.IO.File.Copy(File("neware_3cycles_ndc2.ndax"), v11);
        using (var zip = ZipFile.Open(v11, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("data.ndc")!;
            byte[] ndc;
            using (var s = entry.Open()) { using var m = new MemoryStream(); s.CopyTo(m); ndc = m.ToArray(); }
            entry.Delete();
            ndc[2] = 11;
            using var w = zip.CreateEntry("data.ndc").Open();
            w.Write(ndc);
        }
        AssertRefused(v11, "data.ndc is version 11", "data_runInfo.ndc", "version 2 or 5");
    }

    [Fact]
    public void NdcEndingInsideARecord_ReadsTheWholeRecords_AndWarnsOfTheCutOne()
    {
        foreach (string name in new[] { "neware_3cycles_ndc2.ndax", "neware_3cycles_ndc5.ndax" })
        {
            string path = Path.Combine(_dir, "cut_" + name);
            System.IO.File.Copy(File(name), path);
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
            {
                var entry = zip.GetEntry("data.ndc")!;
                byte[] ndc;
                using (var s = entry.Open()) { using var m = new MemoryStream(); s.CopyTo(m); ndc = m.ToArray(); }
                entry.Delete();
                using var w = zip.CreateEntry("data.ndc").Open();
                w.Write(ndc.AsSpan(0, ndc.Length - 50));
            }
            int whole = MeasurementReader.ReadTable(File(name)).RowCount;
            var cut = MeasurementReader.ReadTable(path);
            Assert.InRange(cut.RowCount, 1, whole - 1);
            Assert.Contains(cut.Warnings, w => w.Contains("data.ndc ends at byte offset", StringComparison.Ordinal) && w.Contains("not read", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void OutOfOrderRecords_AreSortedByIndex()
    {
        // Swap the second and third 86-byte records of the v29 file: the index puts them back, and the reader says so.
        byte[] bytes = System.IO.File.ReadAllBytes(File("neware_3cycles_v29.nda"));
        byte[] second = bytes[(2560 + 86)..(2560 + 172)];
        Array.Copy(bytes, 2560 + 172, bytes, 2560 + 86, 86);
        second.CopyTo(bytes, 2560 + 172);
        var s = MeasurementReader.ReadSeries(Write("swapped.nda", bytes));
        Assert.Equal(354, s.Time.Length);
        Assert.Equal(1200, s.Time[1], 6);
        Assert.Contains(s.Warnings, w => w.Contains("sorted", StringComparison.Ordinal));
    }
}
