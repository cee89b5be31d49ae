using CathodeSim.IO.Measurements;
using Xunit.Abstractions;

namespace CathodeSim.Tests.IO.Measurements;

/// <summary>Real instrument files from ../shared/external-data (skipped with a message when absent).</summary>
public sealed class ExternalMeasurementFileTests(ITestOutputHelper output)
{
    private const string Peis = "PEIS_LPSCl_IonBlocking_-25C";

    private static void AssertClose(double expected, double actual, double relative, string what)
    {
        double tolerance = relative * Math.Max(Math.Abs(expected), Math.Abs(actual));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }

    [Fact]
    public void Mpr_and_its_text_export_hold_the_same_numbers_in_every_common_column_WhenDataPresent()
    {
        string? mpr = ExternalData.File(output, "hybrid-drt", Peis + ".mpr");
        string? txt = ExternalData.File(output, "hybrid-drt", Peis + ".txt");
        if (mpr is null || txt is null) return;

        var binary = MeasurementReader.ReadTable(mpr);
        var text = MeasurementReader.ReadTable(txt);
        Assert.Equal(MeasurementFormat.EcLabBinary, binary.Format);
        Assert.Equal(MeasurementFormat.EcLabText, text.Format);
        Assert.Equal(79, binary.RowCount);
        Assert.Equal(79, text.RowCount);
        Assert.Equal(65, text.HeaderLine);

        var common = text.ColumnNames.Where(binary.HasColumn).ToList();
        output.WriteLine($"common columns: {string.Join(", ", common)}");
        output.WriteLine($"binary only: {string.Join(", ", binary.ColumnNames.Except(common))}");
        Assert.Equal(text.ColumnNames, common); // every column of the export is decoded from the binary
        foreach (string column in common)
        {
            var a = text.Column(column);
            var b = binary.Column(column);
            for (int r = 0; r < text.RowCount; r++) AssertClose(a[r], b[r], 1e-7, $"{column} row {r}");
        }
    }

    [Fact]
    public void Mpr_and_text_export_give_the_same_spectrum_WhenDataPresent()
    {
        string? mpr = ExternalData.File(output, "hybrid-drt", Peis + ".mpr");
        string? txt = ExternalData.File(output, "hybrid-drt", Peis + ".txt");
        if (mpr is null || txt is null) return;

        var a = MeasurementReader.ReadSpectrum(mpr);
        var b = MeasurementReader.ReadSpectrum(txt);
        Assert.Equal(79, a.Frequency.Length);
        Assert.Equal(79, b.Frequency.Length);
        for (int k = 0; k < 79; k++)
        {
            AssertClose(b.Frequency[k], a.Frequency[k], 1e-6, $"f[{k}]");
            AssertClose(b.Real[k], a.Real[k], 1e-6, $"Z'[{k}]");
            AssertClose(b.Imaginary[k], a.Imaginary[k], 1e-6, $"Z''[{k}]");
        }
        // First and last points as printed in the export; -Im(Z) is negated.
        AssertClose(7.0000185e6, a.Frequency[0], 1e-7, "f first");
        AssertClose(359.24146, a.Real[0], 1e-7, "Z' first");
        AssertClose(-290.92038, a.Imaginary[0], 1e-7, "Z'' first");
        AssertClose(0.10002181, a.Frequency[^1], 1e-7, "f last");
        AssertClose(1.7994276e6, a.Real[^1], 1e-7, "Z' last");
        AssertClose(-8.0937855e6, a.Imaginary[^1], 1e-7, "Z'' last");
        Assert.Empty(a.Warnings);
    }

    [Fact]
    public void Mpr_and_text_export_give_the_same_time_current_and_voltage_columns_WhenDataPresent()
    {
        string? mpr = ExternalData.File(output, "hybrid-drt", Peis + ".mpr");
        string? txt = ExternalData.File(output, "hybrid-drt", Peis + ".txt");
        if (mpr is null || txt is null) return;

        // Read as tables: as a series (time, current, voltage) an impedance file is refused.
        Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSeries(mpr));
        var a = MeasurementReader.ReadTable(mpr);
        var b = MeasurementReader.ReadTable(txt);
        Assert.Equal(79, a.RowCount);
        Assert.Equal(b.RowCount, a.RowCount);
        IReadOnlyList<double> Column(MeasuredTable t, string name) => t.Column(t.ColumnNames.First(c => c.Replace("<", "").Replace(">", "") == name));
        foreach (var (name, tolerance) in new[] { ("time/s", 1e-12), ("I/mA", 1e-6), ("Ewe/V", 1e-6) })
        {
            var x = Column(a, name);
            var y = Column(b, name);
            for (int k = 0; k < x.Count; k++) AssertClose(y[k], x[k], tolerance, $"{name}[{k}]");
        }
        AssertClose(4.709477316966513, Column(a, "time/s")[0], 1e-12, "t first");
        AssertClose(-8.0027744e-2, Column(a, "Ewe/V")[0], 1e-6, "Ewe first");
    }

    [Fact]
    public void Headerless_three_column_spectrum_reads_WhenDataPresent()
    {
        string? path = ExternalData.File(output, "impedance.py", "exampleData.csv");
        if (path is null) return;

        var s = MeasurementReader.ReadSpectrum(path);
        Assert.Equal(66, s.Frequency.Length);
        AssertClose(3.1623e-3, s.Frequency[0], 1e-12, "f first");
        AssertClose(4.949989776405060160e-02, s.Real[0], 1e-12, "Z' first");
        AssertClose(-2.043869854441892481e-02, s.Imaginary[0], 1e-12, "Z'' first");
        AssertClose(1e4, s.Frequency[^1], 1e-12, "f last");
        AssertClose(1.577148266048593317e-02, s.Real[^1], 1e-12, "Z' last");
        AssertClose(1.015747456493823649e-02, s.Imaginary[^1], 1e-12, "Z'' last");
    }

    [Fact]
    public void Modulus_and_phase_spectrum_converts_to_real_and_imaginary_WhenDataPresent()
    {
        string? path = ExternalData.File(output, "hybrid-drt", "Sample2_PEIS_AtRest.csv");
        if (path is null) return;

        var s = MeasurementReader.ReadSpectrum(path);
        // 900 rows in 10 sweeps, each closed by a row with zero frequency and impedance.
        Assert.Equal(890, s.Frequency.Length);
        Assert.Contains(s.Warnings, w => w.Contains("zero frequency"));
        Assert.Equal(10, s.SweepCount);   // the sweeps are kept apart (commands take one, --loop N), not merged with a warning
        double phase0 = -20.75998 * Math.PI / 180;
        AssertClose(7000018.5, s.Frequency[0], 1e-12, "f first");
        AssertClose(50.752583 * Math.Cos(phase0), s.Real[0], 1e-12, "Z' first");
        AssertClose(50.752583 * Math.Sin(phase0), s.Imaginary[0], 1e-12, "Z'' first");
        double phaseN = -2.6635983 * Math.PI / 180;
        AssertClose(0.009997264, s.Frequency[^1], 1e-12, "f last");
        AssertClose(534.33167 * Math.Cos(phaseN), s.Real[^1], 1e-12, "Z' last");
        AssertClose(534.33167 * Math.Sin(phaseN), s.Imaginary[^1], 1e-12, "Z'' last");
        Assert.True(s.Imaginary[0] < 0);
    }

    [Fact]
    public void Gamry_dta_spectrum_reads_WhenDataPresent()
    {
        string? path = ExternalData.File(output, "hybrid-drt", "EISGALV_EISTest3.DTA");
        if (path is null) return;

        var s = MeasurementReader.ReadSpectrum(path);
        Assert.Equal(71, s.Frequency.Length);
        AssertClose(1000078, s.Frequency[0], 1e-12, "f first");
        AssertClose(0.04711733, s.Real[0], 1e-12, "Z' first");
        AssertClose(0.1695821, s.Imaginary[0], 1e-12, "Z'' first (Gamry's Zimag is signed)");
        AssertClose(0.1001603, s.Frequency[^1], 1e-12, "f last");
        AssertClose(-0.001175554, s.Imaginary[^1], 1e-12, "Z'' last");
    }

    [Fact]
    public void Truncated_mpr_names_the_byte_offset_WhenDataPresent()
    {
        string? mpr = ExternalData.File(output, "hybrid-drt", Peis + ".mpr");
        if (mpr is null) return;
        byte[] bytes = File.ReadAllBytes(mpr);
        using var dir = new TempDirectory();

        foreach (int cut in new[] { 10000, 6864 + 30, 30 })
        {
            string path = Path.Combine(dir.Path, $"cut{cut}.mpr");
            File.WriteAllBytes(path, bytes[..cut]);
            var e = Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSpectrum(path));
            output.WriteLine(e.Message);
            Assert.Contains(cut == 30 ? "byte offset 0" : $"byte offset {cut}", e.Message);
            Assert.Contains($"cut{cut}.mpr", e.Message);
        }
    }

    [Fact]
    public void Unknown_mpr_column_id_names_the_id_and_its_byte_offset_WhenDataPresent()
    {
        string? mpr = ExternalData.File(output, "hybrid-drt", Peis + ".mpr");
        if (mpr is null) return;
        byte[] bytes = File.ReadAllBytes(mpr);
        // The data module starts at 6864; its data 65 bytes later; the u16 column ids 6 bytes into that.
        int idOffset = 6864 + 65 + 6 + 2 * 3;
        Assert.Equal(36, BitConverter.ToUInt16(bytes, idOffset)); // |Z|/Ohm
        bytes[idOffset] = 0xE7;
        bytes[idOffset + 1] = 0x03; // 999
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "unknown.mpr");
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadTable(path));
        output.WriteLine(e.Message);
        Assert.Contains("column id 999", e.Message);
        Assert.Contains($"byte offset {idOffset}", e.Message);
    }
}
