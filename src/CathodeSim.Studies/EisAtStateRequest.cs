using CathodeSim.Analysis.Impedance;

namespace CathodeSim.Studies;

/// <summary>
/// The model's small-signal impedance spectrum at a state reached by charging or discharging, after relaxation (what
/// <c>cathodesim eis</c> does).
/// </summary>
/// <param name="ConfigPath">The YAML config.</param>
/// <param name="Overrides">KEY=VALUE changes to the config (as <c>--set</c>).</param>
/// <param name="At">The state: "rest" (as assembled, or as the protocol leaves it), or "charge to 3.70 V" / "discharge to 3.2 V".</param>
/// <param name="AfterProtocol">First run the config's own protocol (an aged cell), then <paramref name="At"/> and the relaxation.</param>
/// <param name="Rate">C-rate used to reach the state.</param>
/// <param name="RelaxSeconds">Open-circuit rest before the measurement, s (0 for none).</param>
/// <param name="HighestFrequency">Highest frequency, Hz.</param>
/// <param name="LowestFrequency">Lowest frequency, Hz.</param>
/// <param name="PointsPerDecade">Frequencies per decade (1 to 1000).</param>
/// <param name="Drt">Also compute the distribution of relaxation times and assign its peaks to the model's processes; null for none.</param>
/// <param name="OutputDirectory">Where the files go; null for the config's <c>output.directory</c>, else <c>out</c>.</param>
public sealed record EisAtStateRequest(string ConfigPath, IReadOnlyList<string> Overrides, string At = "rest", bool AfterProtocol = false, double Rate = 0.1,
    double RelaxSeconds = 3600, double HighestFrequency = 1e6, double LowestFrequency = 1e-2, int PointsPerDecade = 10, DrtOptions? Drt = null,
    string? OutputDirectory = null)
{
    /// <summary>The program version recorded in the files' provenance.</summary>
    public string ProgramVersion { get; init; } = StudyInfo.Version;
}
