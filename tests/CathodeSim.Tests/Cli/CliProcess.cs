using System.Diagnostics;

namespace CathodeSim.Tests.Cli;

/// <summary>
/// The built `cathodesim` as a real process (kill -9, signals, pipes, environment, working directory: what the
/// in-process <see cref="CliHarness"/> cannot show).
/// </summary>
public static class CliProcess
{
    /// <summary>The CLI assembly copied beside the tests.</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "cathodesim.dll");

    /// <summary><c>dotnet exec cathodesim.dll ARGS</c> with standard output and error redirected; set environment or working directory on it.</summary>
    public static ProcessStartInfo StartInfo(params string[] args) =>
        new("dotnet", ["exec", Dll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
}
