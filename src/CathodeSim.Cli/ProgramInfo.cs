using System.Reflection;

namespace CathodeSim.Cli;

/// <summary>Facts about this program: its version.</summary>
internal static class ProgramInfo
{
    public static string Version =>
        typeof(ProgramInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
