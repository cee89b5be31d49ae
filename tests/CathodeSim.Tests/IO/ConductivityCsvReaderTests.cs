using CathodeSim.IO.Measurements;

namespace CathodeSim.Tests.IO;

/// <summary>Reading conductivity-temperature files for fit-arrhenius: header spellings, units, and errors with line numbers.</summary>
public sealed class ConductivityCsvReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static ConductivityData Parse(string text, ConductivityCsvOptions? options = null) =>
        ConductivityCsvReader.Parse(text, "data.csv", options);

    private static MeasurementFileException Fails(string text, ConductivityCsvOptions? options = null) =>
        Assert.Throws<MeasurementFileException>(() => Parse(text, options));

    // 25 degC = 298.15 K, 1.49 mS/cm = 0.149 S/m; 0 degC, 0.5 mS/cm = 0.05 S/m.
    [Theory]
    [InlineData("temperature_K,sigma_S_per_cm\n298.15,1.49e-3\n273.15,5e-4\n", "K", "S/cm")]
    [InlineData("T_K,conductivity_mS_per_cm\n298.15,1.49\n273.15,0.5\n", "K", "mS/cm")]
    [InlineData("T_C\tconductivity_mS_per_cm\n25\t1.49\n0\t0.5\n", "degC", "mS/cm")]
    [InlineData("temperature_degC;ionic_conductivity_S_per_m\n25;0.149\n0;0.05\n", "degC", "S/m")]
    [InlineData("T (degC),sigma (S/cm)\n25,0.00149\n0,0.0005\n", "degC", "S/cm")]
    [InlineData("Temperature/K,conductivity/(mS/cm)\n298.15,1.49\n273.15,0.5\n", "K", "mS/cm")]
    [InlineData("\"T [°C]\",\"σ (mS cm^-1)\"\n25,1.49\n0,0.5\n", "degC", "mS cm^-1")]
    [InlineData("Temperature (K)\tkappa / S cm-1\n298.15\t1.49e-3\n273.15\t5e-4\n", "K", "S cm^-1")]
    [InlineData("T_K sigma_Scm-1\n298.15 1.49e-3\n273.15   5e-4\n", "K", "S/cm")]
    [InlineData("sample,T (C),Z_real_ohm,sigma (uS/cm)\nA,25,12.5,1490\nB,0,40,500\n", "degC", "uS/cm")]
    public void Headers_NameTheColumnsAndTheirUnits(string text, string temperatureUnit, string conductivityUnit)
    {
        var data = Parse(text);
        Assert.Equal(temperatureUnit, data.TemperatureUnit);
        Assert.Equal(conductivityUnit, data.ConductivityUnit);
        Assert.Equal(2, data.Measurements.Count);
        Assert.Equal(298.15, data.Measurements[0].Temperature, 9);
        Assert.Equal(0.149, data.Measurements[0].Conductivity, 12);
        Assert.Equal(273.15, data.Measurements[1].Temperature, 9);
        Assert.Equal(0.05, data.Measurements[1].Conductivity, 12);
        Assert.Null(data.UncertaintyColumn);
        Assert.All(data.Measurements, m => Assert.Null(m.StandardUncertainty));
    }

    [Fact]
    public void CommentsAndBlankLines_AreSkipped_AndLinesCounted()
    {
        var data = Parse("# EIS of Li3InCl6 pellet\n\nT_K,sigma_S_per_cm\n298.15,1.49e-3\n\n# cooled\n273.15,5e-4\r\n");
        Assert.Equal([4, 7], data.Lines);
        Assert.Equal("T_K", data.TemperatureColumn);
        Assert.Equal("sigma_S_per_cm", data.ConductivityColumn);
    }

    [Fact]
    public void UncertaintyColumn_IsReadInTheConductivityUnit()
    {
        var data = Parse("T_K,sigma_mS_per_cm,sigma_err\n298.15,1.49,0.02\n273.15,0.5,0.01\n");
        Assert.Equal("sigma_err", data.UncertaintyColumn);
        Assert.Equal(0.002, data.Measurements[0].StandardUncertainty!.Value, 12);
        var own = Parse("T_K,sigma (mS/cm),u(sigma) (S/m)\n298.15,1.49,0.002\n273.15,0.5,0.001\n");
        Assert.Equal("u(sigma) (S/m)", own.UncertaintyColumn);
        Assert.Equal(0.001, own.Measurements[1].StandardUncertainty!.Value, 12);
    }

    [Fact]
    public void NoHeader_TakesTheUnitsFromTheOptions()
    {
        var data = Parse("25,1.49\n0,0.5\n-20,0.17\n", new ConductivityCsvOptions("degC", "mS/cm"));
        Assert.Equal(3, data.Measurements.Count);
        Assert.Equal(253.15, data.Measurements[2].Temperature, 9);
        Assert.Equal(0.017, data.Measurements[2].Conductivity, 12);
        Assert.Equal("column 1", data.TemperatureColumn);

        var e = Fails("25,1.49\n0,0.5\n");
        Assert.Equal(1, e.Line);
        Assert.Contains("--temperature-unit", e.Message);
        Assert.Contains("no header", e.Message);
    }

    [Fact]
    public void HeaderWithoutUnits_TakesThemFromTheOptions_AndAConflictIsAnError()
    {
        var data = Parse("Temperature,Conductivity\n298.15,1.49\n273.15,0.5\n", new ConductivityCsvOptions("K", "mS/cm"));
        Assert.Equal(0.149, data.Measurements[0].Conductivity, 12);
        Assert.Contains("gives no unit", Fails("Temperature,Conductivity\n298.15,1.49\n273.15,0.5\n").Message);
        var conflict = Fails("T_K,sigma_S_per_cm\n298.15,1.49e-3\n273.15,5e-4\n", new ConductivityCsvOptions("degC", null));
        Assert.Contains("--temperature-unit", conflict.Message);
        Assert.Equal(1, conflict.Line);
        // The same unit spelled differently is no conflict.
        Assert.Equal(2, Parse("T_K,sigma_S_per_cm\n298.15,1.49e-3\n273.15,5e-4\n", new ConductivityCsvOptions("kelvin", "S cm^-1")).Measurements.Count);
    }

    [Theory]
    [InlineData("T_K,sigma_S_per_cm\n298.15,1.49e-3\n273.15,n/a\n", 3, "'n/a' in column 'sigma_S_per_cm' is not a number; expected a conductivity in S/cm")]
    [InlineData("T_K,sigma_S_per_cm\n298.15,1.49e-3\nabc,5e-4\n", 3, "'abc' in column 'T_K' is not a number; expected a temperature in K")]
    [InlineData("T_K,sigma_S_per_cm\n298.15,1.49e-3\n273.15,-5e-4\n", 3, "not positive")]
    [InlineData("T_K,sigma_S_per_cm\n298.15,1.49e-3\n273.15,0\n", 3, "not positive")]
    [InlineData("T_C,sigma_S_per_cm\n25,1.49e-3\n-300,5e-4\n", 3, "above absolute zero")]
    [InlineData("T_K,sigma_S_per_cm\n298.15,1.49e-3\n0,5e-4\n", 3, "above absolute zero")]
    [InlineData("T_K,sigma_S_per_cm\n298.15,1.49e-3\n273.15\n", 3, "expected 2 columns")]
    [InlineData("T_K,sigma_S_per_cm\n298.15,1.49e-3\n273.15,\n", 3, "is empty")]
    [InlineData("T_K,Z_ohm\n298.15,12\n273.15,40\n", 1, "no conductivity column")]
    [InlineData("time_s,sigma_S_per_cm\n1,1e-3\n2,1e-3\n", 1, "no temperature column")]
    [InlineData("T_F,sigma_S_per_cm\n77,1e-3\n32,1e-3\n", 1, "'F' is not a temperature unit")]
    [InlineData("T_K,sigma_ohm_cm\n298.15,1e3\n273.15,2e3\n", 1, "is not a conductivity unit")]
    [InlineData("T_K,log10 sigma (S/cm)\n298.15,-2.8\n273.15,-3.3\n", 1, "logarithm")]
    [InlineData("T_K,sigma_bulk (S/cm),sigma_total (S/cm)\n298.15,1e-3,9e-4\n273.15,5e-4,4e-4\n", 1, "both look like conductivities")]
    public void BadFiles_NameTheLineAndWhatIsExpected(string text, int line, string expected)
    {
        var e = Fails(text);
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"data.csv:{line}: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("T_K,sigma_S_per_cm\n298.15,1.49e-3\n", "found 1 data row")]
    [InlineData("T_K,sigma_S_per_cm\n", "found 0 data rows")]
    [InlineData("# nothing\n\n", "no data")]
    public void FewerThanTwoRows_IsAnError(string text, string expected)
    {
        var e = Fails(text);
        Assert.Null(e.Line);
        Assert.StartsWith("data.csv: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Read_NamesAMissingFile()
    {
        string path = Path.Combine(_dir.Path, "nope.csv");
        var e = Assert.Throws<MeasurementFileException>(() => ConductivityCsvReader.Read(path));
        Assert.Contains("nope.csv", e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Read_ReadsAFileWithAByteOrderMark()
    {
        string path = Path.Combine(_dir.Path, "bom.csv");
        File.WriteAllText(path, "T_K,sigma_S_per_cm\n298.15,1.49e-3\n273.15,5e-4\n", new System.Text.UTF8Encoding(true));
        Assert.Equal(2, ConductivityCsvReader.Read(path).Measurements.Count);
    }
}
