using System.Reflection;
using System.Text;

namespace CathodeSim.IO.Output;

/// <summary>
/// Who wrote an output: the program version and the command line that asked for it. Every HDF5 file and CSV sidecar
/// carries both, so a file found on its own can be reproduced.
/// </summary>
/// <remarks>
/// The CLI sets <see cref="Current"/> once per command (<see cref="Use"/>), at its boundary, where the arguments are
/// known; writers deep inside commands read it rather than having the command line threaded through every call. It is
/// an <see cref="AsyncLocal{T}"/>, so commands run side by side in one process (the in-process tests) keep their own.
/// </remarks>
/// <param name="ProgramVersion">Version of the simulator.</param>
/// <param name="Command">The command line, e.g. <c>cathodesim run configs/b-ncm-65.yaml --set ...</c>.</param>
public sealed record OutputProvenance(string ProgramVersion, string Command)
{
    private static readonly AsyncLocal<OutputProvenance?> CurrentValue = new();

    /// <summary>Version of this build (the assemblies share it), "unknown" where it carries none.</summary>
    public static string BuildVersion { get; } =
        typeof(OutputProvenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>
    /// The provenance of the command being run; outside a CLI command (a library caller) the build version and an
    /// empty command, so the attribute is still there for readers that expect it.
    /// </summary>
    public static OutputProvenance Current => CurrentValue.Value ?? new OutputProvenance(BuildVersion, "");

    /// <summary>Makes <paramref name="provenance"/> current for this flow of execution until the result is disposed.</summary>
    public static IDisposable Use(OutputProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        var previous = CurrentValue.Value;
        CurrentValue.Value = provenance;
        return new Restore(previous);
    }

    /// <summary>
    /// The command line as one shell-readable string: <paramref name="program"/> then each argument, single-quoted
    /// where it holds anything but plain characters, so it can be pasted back into a shell.
    /// </summary>
    public static string FormatCommand(string program, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var text = new StringBuilder(program);
        foreach (string argument in arguments) text.Append(' ').Append(Quote(argument));
        return text.ToString();
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,+@%".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private sealed class Restore(OutputProvenance? previous) : IDisposable
    {
        public void Dispose() => CurrentValue.Value = previous;
    }
}
