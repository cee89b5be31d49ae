using System.Diagnostics;
using CathodeSim.Tests.Cli;

namespace CathodeSim.Tests.Microstructure.Coupling;

/// <summary>
/// A microstructure cache folder that cannot be written is found before any structure is computed: the run warns and
/// goes on uncached (it used to compute every structure, then fail with an unexpected IOException on the first save).
/// </summary>
public sealed class UnwritableCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-cache-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task CacheBehindAFile_WarnsBeforeComputing_AndTheRunSucceedsUncached()
    {
        string blocker = Path.Combine(_dir, "a-file");
        File.WriteAllText(blocker, "not a folder");
        var start = CliProcess.StartInfo("run",
            RepositoryPaths.File("configs", "b-ncm-65.yaml"), "--set", "numerics.size_bins=1",
            "--set", "cell.cathode.ionic_transport={law: microstructure, box: 16 um, voxel_size: 1 um, seeds: 1, composition_points: 3, composition_from: 0.5, composition_to: 0.8}",
            "--set", "protocol=[Discharge at 1C for 1 min]", "--output", Path.Combine(_dir, "out"), "--json");
        start.Environment["CATHODESIM_CACHE"] = Path.Combine(blocker, "cache");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        Assert.Contains("warning: microstructure cache", error);
        Assert.Contains("is a file, not a directory", error);
        int warning = error.IndexOf("warning: microstructure cache", StringComparison.Ordinal);
        int firstStructure = error.IndexOf("microstructure 1/3", StringComparison.Ordinal);
        Assert.True(firstStructure < 0 || warning < firstStructure, "the warning must come before the first structure is computed");
        Assert.Contains("discharge_capacity_mAh_per_g", await output);
    }
}
