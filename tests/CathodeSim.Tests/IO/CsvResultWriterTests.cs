using System.Globalization;
using CathodeSim.IO.Output;

namespace CathodeSim.Tests.IO;

public sealed class CsvResultWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WritesTimeSeriesWithRoundTripNumbers()
    {
        var result = SyntheticRun.Create();
        string path = new CsvResultWriter().Write(result, SyntheticRun.Metadata(), _dir.Path);

        Assert.Equal(Path.Combine(_dir.Path, "synthetic_timeseries.csv"), path);
        string[] lines = File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time_s,voltage_V,current_A,charge_C,specific_capacity_mAh_per_g,temperature_K,step_index,cycle", lines[0]);
        Assert.Equal(result.Series.Count + 1, lines.Length);

        for (int i = 0; i < result.Series.Count; i++)
        {
            string[] fields = lines[i + 1].Split(',');
            var point = result.Series[i];
            Assert.Equal(point.Time, Parse(fields[0]));
            Assert.Equal(point.Voltage, Parse(fields[1]));
            Assert.Equal(point.Current, Parse(fields[2]));
            Assert.Equal(point.Charge, Parse(fields[3]));
            Assert.Equal(point.Charge / 3.6 / 0.01, Parse(fields[4]), 12);
            Assert.Equal(point.Temperature, Parse(fields[5]));
            Assert.Equal(point.StepIndex, int.Parse(fields[6], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void WritesStepsWithQuotedDescriptions()
    {
        new CsvResultWriter().Write(SyntheticRun.Create(), SyntheticRun.Metadata(), _dir.Path);

        string[] lines = File.ReadAllText(Path.Combine(_dir.Path, "synthetic_steps.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(CsvResultWriter.StepsHeader, lines[0]);
        Assert.Equal(4, lines.Length);
        // The description holds a comma and quotes: RFC 4180 wraps it in quotes and doubles the inner ones.
        Assert.StartsWith("0,1,\"charge at C/10, to \"\"4.0 V\"\"\",charge,0,360,0.36,", lines[1]);
        Assert.EndsWith(",Voltage", lines[1]);
        Assert.StartsWith("1,1,rest 100 s,rest,", lines[2]);
        Assert.Contains(",NaN,Time", lines[2]);
    }

    [Fact]
    public void LeavesOnlyTheTwoFiles()
    {
        new CsvResultWriter().Write(SyntheticRun.Create(), SyntheticRun.Metadata(), _dir.Path);

        Assert.Equal(["synthetic_steps.csv", "synthetic_timeseries.csv"], _dir.FileNames());
    }

    private static double Parse(string field) => double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
}
