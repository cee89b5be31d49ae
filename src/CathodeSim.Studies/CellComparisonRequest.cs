namespace CathodeSim.Studies;

/// <summary>A comparison of cells, e.g. a solid-state and a liquid-electrolyte cell of the same NCM (<c>cathodesim compare</c>).</summary>
/// <param name="ConfigPaths">The configs to simulate, two or more, of either mode; the first is the reference the others are compared with.</param>
/// <param name="Overrides">KEY=VALUE changes applied to every config, in order (as <c>--set</c>).</param>
/// <param name="OutputDirectory">Where <c>comparison.csv</c> and <c>comparison.png</c> go; each run's files go into a folder named after it inside.</param>
/// <param name="Device">Where the particle solves run: cpu, gpu, auto or ilgpu-cpu.</param>
public sealed record CellComparisonRequest(IReadOnlyList<string> ConfigPaths, IReadOnlyList<string> Overrides, string OutputDirectory, string Device = "cpu")
{
    /// <summary>The program version recorded in the runs' provenance.</summary>
    public string ProgramVersion { get; init; } = StudyInfo.Version;
}
