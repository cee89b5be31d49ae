using System.Diagnostics;
using System.Security.Cryptography;
using CathodeSim.IO.Output;
using CathodeSim.IO.Results;
using CathodeSim.Tests.IO;

namespace CathodeSim.Tests.Cli;

/// <summary>
/// Faults while a real `cathodesim` process writes its files: kill -9 at many moments of the output phase, a full
/// disk (a file-size limit everywhere; a 200 kB tmpfs where a user namespace may mount one) and a read-only output
/// directory. After each, the directory holds the previous whole set of files or the new whole set, nothing partial,
/// no leftovers once the next command has run, and the exit code and message the README gives.
/// </summary>
public sealed class OutputFaultTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string Dll = CliProcess.Dll;

    private static readonly string[] Coarse = ["--set", "numerics.size_bins=1", "--set", "numerics.cathode_nodes=6", "--set", "numerics.radial_shells=6"];

    private static readonly string[] SetFiles = ["b-ncm-65.h5", "b-ncm-65_steps.csv", "b-ncm-65_timeseries.csv", "b-ncm-65_voltage.png"];

    /// <summary>`run` of the shipped config on a coarse grid; <paramref name="fraction"/> tells two runs' files apart.</summary>
    private static string[] RunArgs(string output, double fraction) =>
        ["run", RepositoryPaths.File("configs", "b-ncm-65.yaml"), .. Coarse, "--set", $"cell.cathode.active_mass_fraction={fraction}", "--output", output];

    private static Dictionary<string, string> Hashes(string directory) => SetFiles.ToDictionary(f => f, f =>
    {
        string path = Path.Combine(directory, f);
        return File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "missing";
    });

    private static string[] Leftovers(string directory) => Directory.EnumerateFileSystemEntries(directory)
        .Select(p => Path.GetFileName(p)!)
        .Where(n => n.StartsWith(OutputTransaction.StagingPrefix, StringComparison.Ordinal) || n.Contains(AtomicFile.TemporaryMarker)).ToArray();

    private static Process Start(string fileName, IEnumerable<string> args) =>
        Process.Start(new ProcessStartInfo(fileName, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;

    private static (int ExitCode, string Error, string Out) RunToEnd(string fileName, IEnumerable<string> args)
    {
        using var process = Start(fileName, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error, stdout.Result);
    }

    /// <summary>Every file of the set is whole and from the same run: the CSVs match one run byte for byte, the .h5 reads and holds the same series.</summary>
    private static string WholeSetOf(string directory, Dictionary<string, string> runA, Dictionary<string, string> runB)
    {
        var now = Hashes(directory);
        string[] csvs = ["b-ncm-65_steps.csv", "b-ncm-65_timeseries.csv"];
        string which = csvs.All(f => now[f] == runA[f]) ? "A" : csvs.All(f => now[f] == runB[f]) ? "B" : "mixed";
        Assert.True(which != "mixed", $"the CSVs come from different runs: {string.Join(", ", now.Select(kv => $"{kv.Key}={kv.Value[..Math.Min(8, kv.Value.Length)]}"))}");
        var series = RunFileReader.ReadSeries(Path.Combine(directory, "b-ncm-65.h5"));
        int rows = File.ReadAllLines(Path.Combine(directory, "b-ncm-65_timeseries.csv")).Count(l => l.Length > 0 && char.IsDigit(l[0]));
        Assert.Equal(rows, series.Time.Length);
        byte[] png = File.ReadAllBytes(Path.Combine(directory, "b-ncm-65_voltage.png"));
        Assert.True(png.Length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "the plot is not a whole PNG");
        return which;
    }

    [Fact]
    public void KillNine_AtManyMomentsOfTheOutputPhase_LeavesTheOldOrTheNewWholeSet_AndTheNextCommandCleansUp()
    {
        string a = Path.Combine(_dir.Path, "a"), b = Path.Combine(_dir.Path, "b"), target = Path.Combine(_dir.Path, "target");
        Assert.Equal(0, RunToEnd("dotnet", ["exec", Dll, .. RunArgs(a, 0.6)]).ExitCode);
        var hashesA = Hashes(a);

        // The uninterrupted run B, timing its output phase: from its staging directory's appearance to its exit.
        using (var reference = Start("dotnet", ["exec", Dll, .. RunArgs(b, 0.7)]))
        {
            var phase = WaitForStaging(reference, b);
            reference.WaitForExit();
            Assert.Equal(0, reference.ExitCode);
            Assert.NotNull(phase);
        }
        var hashesB = Hashes(b);
        Assert.NotEqual(hashesA["b-ncm-65_timeseries.csv"], hashesB["b-ncm-65_timeseries.csv"]);

        int killedWhileWriting = 0, attempts = 0;
        var outcomes = new List<string>();
        var random = new Random(20261207);
        while (killedWhileWriting < 6 && attempts < 20)
        {
            attempts++;
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            CopyDirectory(a, target);
            using var process = Start("dotnet", ["exec", Dll, .. RunArgs(target, 0.7)]);
            var seen = WaitForStaging(process, target);
            // A moment within the output phase (rendering the plot and writing the .h5 take most of it).
            Thread.Sleep(random.Next(0, 150));
            bool alive = !process.HasExited;
            try { process.Kill(); } catch (InvalidOperationException) { }
            process.WaitForExit();
            if (seen is null || !alive) continue;
            killedWhileWriting++;

            // As killed: every file is whole, and the set is A's or B's (the commit is a few renames, so a kill between
            // two of them is left to the unit tests, which stop a commit after each rename).
            outcomes.Add(WholeSetOf(target, hashesA, hashesB));
            // The next command recovers before it writes: no staging directory or temporary file survives it.
            var next = RunToEnd("dotnet", ["exec", Dll, "run", RepositoryPaths.File("configs", "b-ncm-65.yaml"), .. Coarse, "--set", "name=other",
                "--set", "protocol=[Discharge at 1C for 1 min]", "--output", target]);
            Assert.True(next.ExitCode == 0, next.Error);
            Assert.Empty(Leftovers(target));
            Assert.Equal(outcomes[^1], WholeSetOf(target, hashesA, hashesB));
        }
        Assert.True(killedWhileWriting >= 3, $"only {killedWhileWriting} of {attempts} kills landed in the output phase");
        Assert.Contains("A", outcomes);
    }

    /// <summary>Polls for the process's staging directory in <paramref name="directory"/>; null if it exits first.</summary>
    private static TimeSpan? WaitForStaging(Process process, string directory)
    {
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (Directory.Exists(directory) && Directory.EnumerateDirectories(directory, OutputTransaction.StagingPrefix + "*").Any()) return clock.Elapsed;
            Thread.Sleep(1);
        }
        return null;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
    }

    [Fact]
    public void DiskFullWhileWriting_FileSizeLimit_Exit1NamingTheDirectory_PreviousSetUntouched_NoLeftovers()
    {
        string target = Path.Combine(_dir.Path, "target");
        Assert.Equal(0, RunToEnd("dotnet", ["exec", Dll, .. RunArgs(target, 0.6)]).ExitCode);
        var before = Hashes(target);

        // A 16 KiB file-size limit with SIGXFSZ ignored: the first larger write fails with EFBIG, as a full disk fails
        // with ENOSPC, in the middle of a file. Runs wherever bash runs, without privileges. The runtime's W^X
        // double mapping sizes a memory file beyond the limit at start-up, so it is switched off for this process.
        string script = $"trap '' XFSZ; ulimit -f 16; DOTNET_EnableWriteXorExecute=0 exec dotnet exec '{Dll}' \"$@\"";
        var (code, error, _) = RunToEnd("bash", ["-c", script, "bash", .. RunArgs(target, 0.7)]);
        Assert.Equal(1, code);
        Assert.Contains($"could not write to '{target}'", error);
        Assert.Contains("too large", error);
        Assert.DoesNotContain(OutputTransaction.StagingPrefix, error);
        Assert.DoesNotContain("   at ", error);
        Assert.Equal(before, Hashes(target));
        Assert.Empty(Leftovers(target));
    }

    [Fact]
    public void FullTmpfs_And_ReadOnlyOutput_InAUserNamespace_WhereTheMachineAllows()
    {
        // A real full file system and a real read-only mount need a mount namespace (unshare -rm, no root needed
        // where user namespaces are enabled). Elsewhere this test has nothing to run, and says so in its output;
        // the file-size-limit test above covers the full disk there.
        if (RunToEnd("unshare", ["-rm", "true"]).ExitCode != 0)
        {
            Console.WriteLine("OutputFaultTests: unshare -rm is not permitted here; tmpfs and read-only cases not run");
            return;
        }
        string mount = Path.Combine(_dir.Path, "mnt"), target = Path.Combine(mount, "out");
        Directory.CreateDirectory(mount);
        string run(double f) => string.Join(' ', new[] { "dotnet", "exec", Dll }.Concat(RunArgs(target, f)).Select(s => $"'{s}'"));
        string sweep = Path.Combine(_dir.Path, "s.yaml");
        File.WriteAllText(sweep, $$"""
            name: s
            base: {{RepositoryPaths.File("configs", "b-ncm-65.yaml")}}
            parameters:
              cell.cathode.active_mass_fraction: {from: 0.6, to: 0.8, count: 2}
            protocols:
              p: [Discharge at 1C for 1 min]
            """);
        // One run's set is about 110 kB on this grid: 200 kB holds it, not a second one staged beside it.
        string script = $"""
            set -u
            mount -t tmpfs -o size=200k tmpfs '{mount}' || exit 90
            {run(0.6)} > /dev/null 2>&1; echo "first=$?"
            sha256sum '{target}'/*.h5 '{target}'/*.csv '{target}'/*.png > '{_dir.Path}/before.txt'
            {run(0.7)} > /dev/null 2> '{_dir.Path}/full.err'; echo "full=$?"
            sha256sum '{target}'/*.h5 '{target}'/*.csv '{target}'/*.png > '{_dir.Path}/after-full.txt'
            ls -A '{target}' > '{_dir.Path}/listing.txt'
            mount -o remount,ro '{mount}'
            {run(0.7)} > /dev/null 2> '{_dir.Path}/ro.err'; echo "readonly=$?"
            dotnet exec '{Dll}' sweep '{sweep}' --output '{target}' > /dev/null 2> '{_dir.Path}/ro-sweep.err'; echo "readonly_sweep=$?"
            sha256sum '{target}'/*.h5 '{target}'/*.csv '{target}'/*.png > '{_dir.Path}/after-ro.txt'
            """;
        string output = RunToEnd("unshare", ["-rm", "bash", "-c", script]).Out;
        Assert.Contains("first=0", output);
        Assert.Contains("full=1", output);
        string full = File.ReadAllText(Path.Combine(_dir.Path, "full.err"));
        Assert.Contains($"could not write to '{target}'", full);
        Assert.Contains("No space left on device", full);
        string before = File.ReadAllText(Path.Combine(_dir.Path, "before.txt"));
        Assert.Equal(before, File.ReadAllText(Path.Combine(_dir.Path, "after-full.txt")));
        Assert.DoesNotContain(OutputTransaction.StagingPrefix, File.ReadAllText(Path.Combine(_dir.Path, "listing.txt")));
        Assert.DoesNotContain(".tmp-", File.ReadAllText(Path.Combine(_dir.Path, "listing.txt")));
        Assert.Contains("readonly=2", output);
        Assert.Contains("readonly_sweep=2", output);
        Assert.Contains("Read-only file system", File.ReadAllText(Path.Combine(_dir.Path, "ro.err")));
        Assert.Contains("Read-only file system", File.ReadAllText(Path.Combine(_dir.Path, "ro-sweep.err")));
        Assert.Equal(before, File.ReadAllText(Path.Combine(_dir.Path, "after-ro.txt")));
    }
}
