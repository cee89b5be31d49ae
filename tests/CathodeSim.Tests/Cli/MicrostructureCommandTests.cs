using System.Text.Json;
using PureHDF;

namespace CathodeSim.Tests.Cli;

/// <summary>
/// `cathodesim microstructure` and `cathodesim bench-voxel` end to end on small boxes (a few seconds): the JSON keys, the
/// HDF5 voxels and properties read back, the slices PNG, and bad options.
/// </summary>
public sealed class MicrostructureCommandTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Every key the issue asks of --json.</summary>
    private static readonly string[] RequiredKeys =
    [
        "active_volume_fraction", "effective_ionic_conductivity_S_per_m", "effective_electronic_conductivity_S_per_m",
        "ionic_tortuosity_factor", "electronic_tortuosity_factor", "accessible_active_fraction", "active_percolating_fraction",
        "electrolyte_percolating_fraction", "contact_area_per_volume_per_m", "voxels", "wall_time_s",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-micro-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out => Path.Combine(_dir, "out");

    private static string Config => RepositoryPaths.File("configs", "b-ncm-65.yaml");

    /// <summary>
    /// A 14 x 14 um box of the B-NCM 65:35 composite (the smallest edge the packing allows is 6 times the largest
    /// particle radius, 2.13 um), 1.5 mg of it (6 um thick), at 0.5 um voxels: 28 x 28 x 12.
    /// </summary>
    private string[] Small(params string[] extra) => SmallWithEdge("14 um", extra);

    private string[] SmallWithEdge(string edge, params string[] extra) =>
        ["microstructure", Config, "--box-edge", edge, "--voxels", "28", "--set", "cell.cathode.mass=1.5 mg", "--output", Out, .. extra];

    private static JsonElement Json(CliHarness.Outcome outcome)
    {
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        return JsonDocument.Parse(outcome.Out).RootElement.Clone();
    }

    [Fact]
    public void Json_HasEveryKey_AndTheHdf5VoxelsAndPropertiesReadBack()
    {
        var root = Json(CliHarness.Run(Small("--json", "--seed", "3")));
        foreach (string key in RequiredKeys)
        {
            Assert.True(root.TryGetProperty(key, out var value), $"missing key {key}");
            // Numbers everywhere; a tortuosity factor may be null (a phase that does not span), never a string.
            Assert.True(value.ValueKind == JsonValueKind.Number || (key.EndsWith("tortuosity_factor", StringComparison.Ordinal) && value.ValueKind == JsonValueKind.Null), key);
        }
        var grid = root.GetProperty("grid").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(28, grid[0]);
        Assert.Equal(28, grid[1]);
        Assert.Equal(grid[0] * grid[1] * grid[2], root.GetProperty("voxels").GetInt64());
        Assert.Equal(3UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(0.5e-6, root.GetProperty("voxel_size_m").GetDouble(), 12);

        string h5 = Path.Combine(Out, "b-ncm-65_microstructure.h5");
        using (var file = H5File.OpenRead(h5))
        {
            var phases = file.Dataset("phases");
            Assert.Equal([(ulong)grid[2], (ulong)grid[1], (ulong)grid[0]], phases.Space.Dimensions);
            var labels = phases.Read<byte[]>();
            Assert.Equal(root.GetProperty("voxels").GetInt64(), labels.LongLength);
            Assert.All(labels, b => Assert.InRange(b, (byte)0, (byte)2));
            double n = labels.Length;
            Assert.Equal(root.GetProperty("void_fraction").GetDouble(), labels.Count(b => b == 0) / n, 12);
            Assert.Equal(root.GetProperty("active_volume_fraction").GetDouble(), labels.Count(b => b == 1) / n, 12);
            Assert.Equal(root.GetProperty("electrolyte_volume_fraction").GetDouble(), labels.Count(b => b == 2) / n, 12);

            var sigma = file.Dataset("properties/effective_ionic_conductivity");
            Assert.Equal(root.GetProperty("effective_ionic_conductivity_S_per_m").GetDouble(), sigma.Read<double>());
            Assert.Equal("S/m", sigma.Attribute("units").Read<string>());
            Assert.Equal("1/m", file.Dataset("properties/contact_area_per_volume").Attribute("units").Read<string>());
            Assert.Equal(0.5e-6, file.Attribute("voxel_size_m").Read<double>(), 12);
        }
        var png = File.ReadAllBytes(Path.Combine(Out, "b-ncm-65_slices.png"));
        Assert.Equal(PngSignature, png[..8]);
        Assert.Empty(Directory.GetFiles(Out, ".*tmp*")); // written atomically: no temporary files left
    }

    [Fact]
    public void Table_ShowsThePropertiesWithUnits_AndTheActiveFractionOverrideIsMet()
    {
        var outcome = CliHarness.Run(Small("--active-volume-fraction", "0.5", "--void-fraction", "0.1"));
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        foreach (string text in new[] { "effective ionic conductivity", "mS/cm", "tortuosity factor", "um^2/um^3", "accessible NCM", "wall time" })
            Assert.Contains(text, outcome.Human);
        var root = Json(CliHarness.Run(Small("--json", "--active-volume-fraction", "0.5", "--void-fraction", "0.1")));
        // The packing generator meets each phase's fraction within 0.001 on its calibration grid.
        Assert.Equal(0.5, root.GetProperty("active_volume_fraction").GetDouble(), 2);
        Assert.Equal(0.4, root.GetProperty("electrolyte_volume_fraction").GetDouble(), 2);
    }

    [Fact]
    public void BooleanGenerator_BuildsAndSolves()
    {
        var root = Json(CliHarness.Run(Small("--json", "--generator", "boolean")));
        Assert.Equal("boolean", root.GetProperty("generator").GetString());
        Assert.InRange(root.GetProperty("active_volume_fraction").GetDouble(), 0.3, 0.55);
    }

    [Theory]
    [InlineData("--active-volume-fraction", "1.5", "--active-volume-fraction")]
    [InlineData("--active-volume-fraction", "-0.1", "--active-volume-fraction")]
    [InlineData("--void-fraction", "1", "--void-fraction")]
    [InlineData("--generator", "voronoi", "--generator")]
    [InlineData("--voxels", "0", "--voxels")]
    [InlineData("--voxels", "1", "--voxels")]
    [InlineData("--device", "tpu", "unknown device")]
    public void BadOption_ExitsWith2_AndAMessageNamingIt(string option, string value, string expected)
    {
        var outcome = CliHarness.Run(Small(option, value));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(expected, outcome.Error);
        AssertNoStackTrace(outcome);
        Assert.False(Directory.Exists(Out) && Directory.EnumerateFiles(Out).Any(), "nothing is written on bad input");
    }

    [Theory]
    [InlineData("14", "--box-edge")]
    [InlineData("-3 um", "--box-edge")]
    [InlineData("10 um", "below 6 times the largest particle radius")]
    public void BadBoxEdge_ExitsWith2_AndSaysWhatIsExpected(string edge, string expected)
    {
        var outcome = CliHarness.Run(SmallWithEdge(edge));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(expected, outcome.Error);
        Assert.DoesNotContain("(Parameter", outcome.Error);
        AssertNoStackTrace(outcome);
    }

    [Fact]
    public void FractionsAddingUpToMoreThanOne_ExitWith2()
    {
        var outcome = CliHarness.Run(Small("--active-volume-fraction", "0.7", "--void-fraction", "0.4"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("add up to more than 1", outcome.Error);
        Assert.Contains("--active-volume-fraction", outcome.Error);
        AssertNoStackTrace(outcome);
    }

    [Fact]
    public void BadConfigKey_ExitsWith2_NamingTheKey()
    {
        var outcome = CliHarness.Run(Small("--set", "cell.cathode.void_fraction=1.5"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("void_fraction", outcome.Error);
        AssertNoStackTrace(outcome);
    }

    [Fact]
    public void BenchVoxel_Json_ReportsVoxelsPerSecondBesideTheFloor()
    {
        var outcome = CliHarness.Run("bench-voxel", "--edges", "16,24", "--bandwidth", "10", "--json");
        var root = Json(outcome);
        Assert.Equal(10, root.GetProperty("bandwidth_GB_per_s").GetDouble(), 9);
        var rows = root.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([16, 24], rows.Select(r => r.GetProperty("edge").GetInt32()));
        foreach (var row in rows)
        {
            Assert.True(row.GetProperty("converged").GetBoolean());
            Assert.True(row.GetProperty("voxels_per_second").GetDouble() > 0);
            Assert.True(row.GetProperty("floor_s_per_iteration").GetDouble() > 0);
            Assert.InRange(row.GetProperty("effective_conductivity_S_per_m").GetDouble(), 0, 0.5 + 1e-9); // Wiener: at most eps sigma
        }
    }

    [Theory]
    [InlineData("--edges", "4")]
    [InlineData("--edges", "64,x")]
    [InlineData("--bandwidth", "-1")]
    public void BenchVoxel_BadOption_ExitsWith2(string option, string value)
    {
        var outcome = CliHarness.Run("bench-voxel", option, value);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(option, outcome.Error);
        AssertNoStackTrace(outcome);
    }

    private static void AssertNoStackTrace(CliHarness.Outcome outcome)
    {
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.DoesNotContain("Exception", outcome.Error);
    }
}
