using CathodeSim.IO.Measurements;

namespace CathodeSim.Tests.IO.Measurements;

/// <summary>
/// Text files that were accepted and misread (issue: hostile inputs): rows with more fields than the header (decimal commas
/// in a comma-separated file shift every column) and a file cut off inside its last number.
/// </summary>
public sealed class DamagedTextFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-damaged-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Csv_RowsWithDecimalCommas_AreRefused_NamingTheLineAndTheLikelyCause()
    {
        // Was read as 2.4e13 Hz data: "24000,5" splits into two fields and every later column shifts by one.
        string file = Write("commas.csv", "frequency_Hz,z_real_ohm,z_imag_ohm\n24000,5,10,2,-3,1\n2400,5,12,0,-8,4\n");
        var e = Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSpectrum(file));
        Assert.Equal(2, e.Line);
        Assert.Contains("6 fields but the header has 3", e.Message);
        Assert.Contains("decimal commas", e.Message);
    }

    [Fact]
    public void Csv_CutOffInsideItsLastNumber_IsRefused_NotReadAsAShortValue()
    {
        // Was read as -Im Z = 7.1 instead of 71093 ohm.
        string file = Write("cut.csv", "frequency_Hz,z_real_ohm,z_imag_ohm\n1000,10.52,-71093.25\n100,20.13,-7.1");
        var e = Assert.Throws<MeasurementFileException>(() => MeasurementReader.ReadSpectrum(file));
        Assert.Equal(3, e.Line);
        Assert.Contains("cut off", e.Message);
    }

    [Fact]
    public void Csv_CompleteWithoutFinalLineEnd_IsRead()
    {
        string file = Write("complete.csv", "frequency_Hz,z_real_ohm,z_imag_ohm\n1000,10.52,-71093.25\n100,20.13,-81093.25");
        var s = MeasurementReader.ReadSpectrum(file);
        Assert.Equal(2, s.Frequency.Length);
        Assert.Equal(-81093.25, s.Imaginary[1]);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public void Csv_SavedAsUtf16WithByteOrderMark_IsRead_NotCalledBinary(string encoding)
    {
        // Was "is a binary file of unknown format": UTF-16 text has a zero byte in every ASCII character.
        string path = Path.Combine(_dir, "unicode.csv");
        var e = System.Text.Encoding.GetEncoding(encoding);
        File.WriteAllBytes(path, [.. e.GetPreamble(), .. e.GetBytes("frequency_Hz,z_real_ohm,z_imag_ohm\n1000,10,-5\n100,20,-8\n")]);
        var s = MeasurementReader.ReadSpectrum(path);
        Assert.Equal([1000.0, 100.0], s.Frequency);
        Assert.Equal(-8, s.Imaginary[1]);
    }

    [Fact]
    public void Csv_TrailingEmptyField_IsNotAFieldCountMismatch()
    {
        string file = Write("trailing.csv", "frequency_Hz,z_real_ohm,z_imag_ohm\n1000,10,-5,\n100,20,-8,\n");
        Assert.Equal(2, MeasurementReader.ReadSpectrum(file).Frequency.Length);
    }
}
