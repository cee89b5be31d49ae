using CathodeSim.IO.Sweeps;
using CathodeSim.Tests.Cli;

namespace CathodeSim.Tests.Sweeps;

/// <summary>
/// Two sweeps on one output directory both computed the remaining cases (issue: hostile inputs): the second one is now
/// refused before any work, naming who holds the directory; the lock goes with the process that held it.
/// </summary>
public sealed class SweepLockTests : IDisposable
{
    private readonly SweepTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Sweep() => _files.Write("""
        name: locked
        set: [numerics.size_bins=1, numerics.cathode_nodes=6, numerics.radial_shells=6]
        parameters:
          cell.cathode.active_mass_fraction: [0.6, 0.7]
        """);

    [Fact]
    public void SecondSweepOnTheSameDirectory_ExitsTwo_NamingTheHolder_WithoutRunning()
    {
        string path = Sweep();
        string output = Path.Combine(_files.Root, "out");
        Directory.CreateDirectory(output);
        using (SweepLock.Acquire(SweepLock.PathOf(new SweepStoreLayout(output, "locked"), null)))
        {
            var outcome = CliHarness.Run("sweep", path, "--output", output);
            Assert.Equal(2, outcome.ExitCode);
            Assert.Contains("another sweep is writing into this directory", outcome.Error);
            Assert.Contains($"process {Environment.ProcessId}", outcome.Error);
            Assert.False(Directory.Exists(Path.Combine(output, "locked.journal")), "the refused sweep started a journal");
        }
        // Released: the same sweep now runs.
        var after = CliHarness.Run("sweep", path, "--output", output);
        Assert.True(after.ExitCode == 0, after.Error);
    }
}
