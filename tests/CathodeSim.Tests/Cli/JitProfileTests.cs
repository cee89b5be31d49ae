using System.Diagnostics;

namespace CathodeSim.Tests.Cli;

/// <summary>The multi-core JIT profile of each command (JitProfile): where it goes, and that it can be switched off.</summary>
public sealed class JitProfileTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("cathodesim-jit-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private int Run(string? switchValue, params string[] args)
    {
        var start = CliProcess.StartInfo(args);
        start.Environment["XDG_CACHE_HOME"] = _cache;
        if (switchValue is not null) start.Environment["CATHODESIM_JIT_PROFILE"] = switchValue;
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    [Fact]
    public void ACommand_RecordsItsProfile_InTheUsersCacheDirectory()
    {
        Assert.Equal(0, Run(null, "run", "--help"));
        var profiles = Directory.GetFiles(Path.Combine(_cache, "cathodesim", "jit"));
        Assert.Single(profiles);
        Assert.Equal("run.profile", Path.GetFileName(profiles[0]));
        Assert.True(new FileInfo(profiles[0]).Length > 0);
    }

    [Fact]
    public void WithTheSwitchOff_OrForASweep_NothingIsRecorded()
    {
        Assert.Equal(0, Run("0", "run", "--help"));
        Assert.Equal(0, Run(null, "sweep", "--help"));
        Assert.False(Directory.Exists(Path.Combine(_cache, "cathodesim", "jit")) && Directory.GetFiles(Path.Combine(_cache, "cathodesim", "jit")).Length > 0);
    }
}
