using System.Numerics;
using System.Text.Json;
using CathodeSim.IO.Measurements;
using CathodeSim.Tests.Cli;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Impedance;

/// <summary>
/// Every instrument layout read with the values of the circuit the files were written from (documented layouts, see
/// Instruments/README.md), multi-sweep files split into their sweeps, and `cathodesim convert` writing what was read.
/// </summary>
public sealed class InstrumentFormatTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-formats-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string File(string name) => RepositoryPaths.File("tests", "CathodeSim.Tests", "Impedance", "Instruments", name);

    private static Complex Circuit(double f) => 20 + 100 / (1 + Complex.ImaginaryOne * 2 * Math.PI * f * 100 * 1e-6);

    [Theory]
    [InlineData("synthetic_zplot.z", MeasurementFormat.ZPlot, 1e-4)]
    [InlineData("synthetic_z60w.txt", MeasurementFormat.Z60W, 1e-7)]   // frequencies written to 8 digits
    [InlineData("synthetic_chi.txt", MeasurementFormat.ChInstruments, 1e-3)]
    [InlineData("synthetic_powersuite.txt", MeasurementFormat.Delimited, 1e-7)]
    [InlineData("synthetic_versastudio.par", MeasurementFormat.VersaStudio, 1e-6)]
    public void EachLayout_IsRecognised_AndReadWithTheCircuitsValues(string name, MeasurementFormat format, double relative)
    {
        Assert.Equal(format, MeasurementReader.ReadTable(File(name)).Format);
        var s = MeasurementReader.ReadSpectrum(File(name));
        Assert.Equal(13, s.Frequency.Length);
        Assert.Equal(1, s.SweepCount);
        for (int i = 0; i < 13; i++)
        {
            double f = Math.Pow(10, 5 - 0.5 * i);
            Assert.Equal(1.0, s.Frequency[i] / f, 4);
            var z = Circuit(s.Frequency[i]);
            Assert.True(Complex.Abs(new Complex(s.Real[i], s.Imaginary[i]) - z) <= relative * z.Magnitude,
                $"{name} point {i + 1}: read {s.Real[i]} {s.Imaginary[i]}, circuit {z}");
        }
    }

    [Fact]
    public void SweepStarts_SplitRepeatedAndReturningSweeps()
    {
        double[] down = [1e5, 1e4, 1e3, 1e2];
        Assert.Equal([0, 4, 8], MeasuredSpectrum.FindSweepStarts([.. down, .. down, .. down]));
        Assert.Equal([0, 4], MeasuredSpectrum.FindSweepStarts([.. down, 1e3, 1e4, 1e5]));
        Assert.Equal([0], MeasuredSpectrum.FindSweepStarts(down));
    }

    [Fact]
    public void MultiSweepFile_IsSplit_AndTheCliSaysWhichSweepItTakes()
    {
        double[] f = SyntheticSpectra.Frequencies(1e5, 1e-1, 5);
        var lines = new List<string> { "freq/Hz,Re(Z)/Ohm,-Im(Z)/Ohm" };
        for (int sweep = 0; sweep < 3; sweep++)
            foreach (double x in f)
            {
                var z = Circuit(x) * (1 + 0.1 * sweep);   // the cell changes between sweeps
                lines.Add(FormattableString.Invariant($"{x:R},{z.Real:R},{-z.Imaginary:R}"));
            }
        string path = Path.Combine(_dir, "three.csv");
        System.IO.File.WriteAllLines(path, lines);
        var s = MeasurementReader.ReadSpectrum(path);
        Assert.Equal(3, s.SweepCount);
        var second = s.Sweep(2);
        Assert.Equal(f.Length, second.Frequency.Length);
        Assert.Equal(Circuit(f[0]).Real * 1.1, second.Real[0], 9);

        string outDir = Path.Combine(_dir, "out");
        var plain = CliHarness.Run("kk", path, "--output", outDir);
        Assert.True(plain.ExitCode == 0, plain.Error);
        Assert.Contains("holds 3 frequency sweeps; sweep 1 is used", plain.Error);
        var third = CliHarness.Run("kk", path, "--loop", "3", "--json", "--output", outDir);
        Assert.True(third.ExitCode == 0, third.Error);
        Assert.Equal(f.Length, JsonDocument.Parse(third.Out).RootElement.GetProperty("residuals").GetArrayLength());
        var beyond = CliHarness.Run("kk", path, "--loop", "4", "--output", outDir);
        Assert.Equal(2, beyond.ExitCode);
        Assert.Contains("holds 3 sweeps", beyond.Error);
    }

    [Fact]
    public void Convert_WritesWhatWasRead_AndReadingItBackGivesTheSameValues()
    {
        string outDir = Path.Combine(_dir, "out");
        var outcome = CliHarness.Run("convert", File("synthetic_versastudio.par"), "--json", "--output", outDir);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal("spectrum", root.GetProperty("kind").GetString());
        Assert.Equal(13, root.GetProperty("points").GetInt32());
        string csv = Path.Combine(outDir, "synthetic_versastudio_spectrum.csv");
        Assert.Equal("frequency_Hz,z_real_ohm,z_imag_ohm,sweep", System.IO.File.ReadAllLines(csv)[0]);
        var original = MeasurementReader.ReadSpectrum(File("synthetic_versastudio.par"));
        var back = MeasurementReader.ReadSpectrum(csv);
        Assert.Equal(original.Frequency, back.Frequency);
        Assert.Equal(original.Real, back.Real);
        Assert.Equal(original.Imaginary, back.Imaginary);
    }

    [Fact]
    public void Convert_OfARecord_WritesTimeVoltageCurrent_AndOfNeitherExitsTwoNamingBoth()
    {
        string record = Path.Combine(_dir, "pulses.csv");
        System.IO.File.WriteAllLines(record, ["time_s,current_A,voltage_V", "0,0,3.5", "10,0.001,3.6", "20,0.001,3.65", "30,0,3.6"]);
        string outDir = Path.Combine(_dir, "out");
        var outcome = CliHarness.Run("convert", record, "--output", outDir);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var lines = System.IO.File.ReadAllLines(Path.Combine(outDir, "pulses_record.csv"));
        Assert.Equal("time_s,voltage_V,current_A", lines[0]);
        Assert.Equal("10,3.6,0.001", lines[2]);

        string junk = Path.Combine(_dir, "junk.csv");
        System.IO.File.WriteAllLines(junk, ["a,b", "1,2"]);
        var bad = CliHarness.Run("convert", junk, "--output", outDir);
        output.WriteLine(bad.Error);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("junk.csv", bad.Error);
        Assert.Contains("neither an impedance spectrum", bad.Error);
        Assert.DoesNotContain("   at ", bad.Error);
    }

    [Fact]
    public void RealMultiSweepFile_HoldsItsTenSweeps()
    {
        string file = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "external-data", "hybrid-drt", "Sample2_PEIS_AtRest.csv"));
        if (!System.IO.File.Exists(file))
        {
            output.WriteLine($"{file} not found: skipped");
            return;
        }
        var s = MeasurementReader.ReadSpectrum(file);
        Assert.Equal(10, s.SweepCount);
        Assert.All(Enumerable.Range(1, 10), n => Assert.True(s.Sweep(n).Frequency.Length > 50));
    }
}
