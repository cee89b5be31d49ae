using System.Reflection;

namespace CathodeSim.Cli;

/// <summary>Facts about this program: version, and how to invoke it again (for generated job scripts).</summary>
internal static class ProgramInfo
{
    public static string Version =>
        typeof(ProgramInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The command that starts this program: the apphost, or `dotnet cathodesim.dll` when run through dotnet.</summary>
    public static string Invocation
    {
        get
        {
            string process = Environment.ProcessPath ?? "cathodesim";
            // The folder of cathodesim.dll and the apphost (not Assembly.Location, which is empty in a single-file build,
            // where the process itself is the cathodesim to run again).
            string directory = AppContext.BaseDirectory;
            bool viaDotnet = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
            if (viaDotnet) return $"{IO.Sweeps.SlurmScript.Quote(process)} {IO.Sweeps.SlurmScript.Quote(Path.Combine(directory, "cathodesim.dll"))}";
            // Tests host the CLI in-process: point at the apphost beside the dll.
            string apphost = Path.Combine(directory, "cathodesim");
            return IO.Sweeps.SlurmScript.Quote(Path.GetFileNameWithoutExtension(process) == "cathodesim" ? process : apphost);
        }
    }
}
