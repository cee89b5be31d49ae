using System.Text.Json;
using CathodeSim.Tests.Cli;

namespace CathodeSim.Tests.Gitt;

/// <summary>`cathodesim gitt` and `cathodesim gitt-analyze` end to end: files, JSON, and exit 2 with a message on bad input.</summary>
public sealed class GittCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-gitt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out => Path.Combine(_dir, "out");

    private string Record() => PulseDetectionTests.WriteCsv(Path.Combine(_dir, "gitt.csv"), PulseDetectionTests.Synthetic());

    private static void AssertBadInput(CliHarness.Outcome outcome, string expected)
    {
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(expected, outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
    }

    [Fact]
    public void Gitt_SimulatesAnalysesAndWritesItsFiles()
    {
        var outcome = CliHarness.Run("gitt", RepositoryPaths.File("configs", "gitt", "b-ncm-65.yaml"), "--json", "--output", Out,
            "--set", "numerics.size_bins=1", "--pulse-duration", "30", "min", "--rest", "2 h");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        int pulses = root.GetProperty("pulse_count").GetInt32();
        Assert.InRange(pulses, 30, 70);
        var first = root.GetProperty("pulses")[0];
        Assert.Equal("charge", first.GetProperty("direction").GetString());
        Assert.True(first.GetProperty("D_model_m2_per_s").GetDouble() > 0);
        Assert.Contains(root.GetProperty("pulses").EnumerateArray(), p => p.GetProperty("direction").GetString() == "discharge");
        Assert.True(root.GetProperty("solver").GetProperty("completed").GetBoolean());
        Assert.Equal("Li-In", root.GetProperty("counter_electrode").GetString());
        foreach (string suffix in new[] { "_gitt.csv", "_gitt.h5", "_gitt_voltage.png", "_gitt_diffusivity.png" })
            Assert.True(File.Exists(Path.Combine(Out, "b-ncm-65" + suffix)), suffix);
        var csv = File.ReadAllLines(Path.Combine(Out, "b-ncm-65_gitt.csv"));
        Assert.Equal(pulses + 1, csv.Length);
        Assert.StartsWith("pulse,direction,", csv[0]);
        Assert.Contains("\"particle_radius_m\"", File.ReadAllText(Path.Combine(Out, "b-ncm-65_gitt.csv.json")));
    }

    [Fact]
    public void Gitt_OfTheLiquidHalfCell_SimulatesItWithTheDfnModel_AndWritesTheSameFiles()
    {
        // Charge only, 10 min pulses at C/2 with 30 min rests on a coarse grid: 15 pulses, a few seconds.
        var outcome = CliHarness.Run("gitt", RepositoryPaths.File("configs", "liquid", "s-ncm-coin.yaml"), "--json", "--output", Out,
            "--direction", "charge", "--pulse-current", "0.5C", "--pulse-duration", "10 min", "--rest", "30 min",
            "--set", "numerics.size_bins=1", "--set", "numerics.cathode_nodes=8", "--set", "numerics.radial_shells=10");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.InRange(root.GetProperty("pulse_count").GetInt32(), 10, 20);
        Assert.True(root.GetProperty("solver").GetProperty("completed").GetBoolean());
        // R: the Sauter radius of the coin cell's lognormal (d50 3 um, one bin).
        Assert.InRange(root.GetProperty("particle_radius_m").GetDouble(), 1e-6, 1.5e-6);
        var pulses = root.GetProperty("pulses").EnumerateArray().ToList();
        Assert.All(pulses, p => Assert.Equal("charge", p.GetProperty("direction").GetString()));
        Assert.All(pulses, p => Assert.True(p.GetProperty("D_weppner_huggins_m2_per_s").GetDouble() > 0));
        Assert.All(pulses, p => Assert.True(p.GetProperty("D_model_m2_per_s").GetDouble() > 0));
        // The pulses start from the as-made cathode and charge it against lithium metal (about 3.5 V vs Li at x = 0.991).
        Assert.Equal(0.991, pulses[0].GetProperty("x_before").GetDouble(), 6);
        Assert.InRange(pulses[0].GetProperty("rest_voltage_before_V").GetDouble(), 3.3, 3.8);
        foreach (string suffix in new[] { "_gitt.csv", "_gitt.h5", "_gitt_timeseries.csv", "_gitt_steps.csv", "_gitt_voltage.png", "_gitt_diffusivity.png" })
            Assert.True(File.Exists(Path.Combine(Out, "s-ncm-coin" + suffix)), suffix);
        Assert.Equal("Li", root.GetProperty("counter_electrode").GetString());
    }

    [Fact]
    public void Gitt_OfALiquidFullCell_ExitsWithTwoNamingTheConfigAndItsAnode()
    {
        string config = RepositoryPaths.File("configs", "liquid", "marquis2019-kokam.yaml");
        var outcome = CliHarness.Run("gitt", config, "--output", Out);
        AssertBadInput(outcome, "cell.anode");
        Assert.Contains(config, outcome.Error);
        Assert.Contains("full cell", outcome.Error);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void GittAnalyze_MeasuredRecord_FindsEveryPulse()
    {
        var outcome = CliHarness.Run("gitt-analyze", Record(), "--particle-radius", "2", "um", "--active-mass", "3.6 mg",
            "--initial-stoichiometry", "0.99", "--theoretical-capacity", "275", "mAh/g", "--json", "--output", Out);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(PulseDetectionTests.PulseCount, root.GetProperty("pulse_count").GetInt32());
        Assert.Equal(2e-6, root.GetProperty("particle_radius_m").GetDouble(), 12);
        Assert.All(root.GetProperty("pulses").EnumerateArray(), p => Assert.Equal("charge", p.GetProperty("direction").GetString()));
        Assert.Equal(0.99, root.GetProperty("pulses")[0].GetProperty("x_before").GetDouble(), 6);
        Assert.True(File.Exists(Path.Combine(Out, "gitt_gitt.csv")));
        Assert.True(File.Exists(Path.Combine(Out, "gitt_gitt_diffusivity.png")));

        var human = CliHarness.Run("gitt-analyze", Record(), "--particle-radius", "2 um", "--output", Out);
        Assert.True(human.ExitCode == 0, human.Error);
        Assert.Contains("D_WH", human.Human);
    }

    [Fact]
    public void GittAnalyze_BadInput_ExitsWithTwoAndSaysWhy()
    {
        string record = Record();
        AssertBadInput(CliHarness.Run("gitt-analyze", record), "--particle-radius");
        AssertBadInput(CliHarness.Run("gitt-analyze", record, "--particle-radius", "2 kg"), "expected a length");
        AssertBadInput(CliHarness.Run("gitt-analyze", record, "--particle-radius", "-2 um"), "--particle-radius");
        AssertBadInput(CliHarness.Run("gitt-analyze", Path.Combine(_dir, "missing.csv"), "--particle-radius", "2 um"), "not found");
        AssertBadInput(CliHarness.Run("gitt-analyze", record, "--particle-radius", "2 um", "--active-mass", "3.6 mg", "--initial-stoichiometry", "1.5"), "--initial-stoichiometry");
        AssertBadInput(CliHarness.Run("gitt-analyze", record, "--particle-radius", "2 um", "--initial-stoichiometry", "0.9"), "--active-mass");
        AssertBadInput(CliHarness.Run("gitt-analyze", record, "--particle-radius", "2 um", "--active-mass", "3.6 mg", "--theoretical-capacity", "275 mV"), "--theoretical-capacity");

        string flat = Path.Combine(_dir, "flat.csv");
        File.WriteAllText(flat, "time_s,current_A,voltage_V\n0,0,3.0\n1,0,3.0\n2,0,3.0\n");
        AssertBadInput(CliHarness.Run("gitt-analyze", flat, "--particle-radius", "2 um"), "no current pulses");
    }

    [Fact]
    public void Gitt_BadInput_ExitsWithTwoAndSaysWhy()
    {
        string config = RepositoryPaths.File("configs", "gitt", "b-ncm-65.yaml");
        AssertBadInput(CliHarness.Run("gitt", config, "--pulse-current", "fast"), "--pulse-current");
        AssertBadInput(CliHarness.Run("gitt", config, "--pulse-duration", "15 V"), "--pulse-duration");
        AssertBadInput(CliHarness.Run("gitt", config, "--upper-cutoff", "2 V", "--lower-cutoff", "3 V"), "cut-off");
        AssertBadInput(CliHarness.Run("gitt", Path.Combine(_dir, "none.yaml")), "not found");
        AssertBadInput(CliHarness.Run("gitt", config, "--set", "cell.cathode.mass=-1 mg"), "mass");
    }
}
