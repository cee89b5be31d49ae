using System.Runtime;

namespace CathodeSim.Cli;

/// <summary>
/// Multi-core JIT (<see cref="ProfileOptimization"/>): each command records which methods its run compiled, and the next
/// run of the same command compiles them on a second core ahead of the main thread, which otherwise stops to JIT every
/// method on first call (start-up and JIT are most of a single `run`'s wall time; docs/performance.md). The profiles live
/// in the user's cache directory ($XDG_CACHE_HOME or ~/.cache, then cathodesim/jit); where that cannot be created, or with
/// CATHODESIM_JIT_PROFILE=0, nothing is recorded and the run is as before. The profile only schedules compilation: the
/// code compiled, and so every result, is the same.
/// </summary>
internal static class JitProfile
{
    public static void Start(string[] args)
    {
        if (Environment.GetEnvironmentVariable("CATHODESIM_JIT_PROFILE") == "0") return;
        try
        {
            // One profile per command: `run` and `gitt` compile different methods. Not for `sweep`: its time is the
            // simulation, not start-up, and a cluster's array tasks would all rewrite one profile on a shared home.
            string command = args.Length > 0 && IsCommandName(args[0]) ? args[0] : "default";
            if (command == "sweep") return;
            string? cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cache))
            {
                string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                if (string.IsNullOrEmpty(home)) return;
                cache = Path.Combine(home, ".cache");
            }
            string root = Path.Combine(cache, "cathodesim", "jit");
            Directory.CreateDirectory(root);
            ProfileOptimization.SetProfileRoot(root);
            // Rewritten at every exit, so a profile recorded by an older build is replaced after one run.
            ProfileOptimization.StartProfile($"{command}.profile");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            // No cache directory: run without the profile.
        }
    }

    private static bool IsCommandName(string arg) => arg.Length is > 0 and < 32 && char.IsAsciiLetterLower(arg[0]) && arg.All(c => char.IsAsciiLetterLower(c) || c == '-');
}
