namespace CathodeSim.Studies;

/// <summary>A simulation of one config through its protocol (what <c>cathodesim run</c> does).</summary>
/// <param name="ConfigPath">The YAML config.</param>
/// <param name="Overrides">KEY=VALUE changes to the config, units allowed, applied in order (as <c>--set</c>).</param>
/// <param name="OutputDirectory">Where the files go; null for the config's <c>output.directory</c>, else <c>out</c>.</param>
/// <param name="Device">Where the particle solves run: cpu, gpu, auto or ilgpu-cpu.</param>
public sealed record RunRequest(string ConfigPath, IReadOnlyList<string> Overrides, string? OutputDirectory = null, string Device = "cpu")
{
    /// <summary>The program version recorded in the files' provenance.</summary>
    public string ProgramVersion { get; init; } = StudyInfo.Version;
}
