using CathodeSim.Analysis.Optimization;

namespace CathodeSim.Studies;

/// <summary>A search for the NCM mass fraction that maximises an objective (what <c>cathodesim optimize-ratio</c> does).</summary>
/// <param name="ConfigPath">The YAML config.</param>
/// <param name="Overrides">KEY=VALUE changes to the config (as <c>--set</c>).</param>
/// <param name="Search">The coarse grid, the final bracket width and the simulations run in parallel.</param>
/// <param name="Objective">The result to maximise, a <see cref="Analysis.Sweeps.CaseMetrics"/> name.</param>
/// <param name="Rates">C-rates at which to run the protocol (the objective averaged over them); null for the protocol as written.</param>
/// <param name="OutputDirectory">Where the table and plot go; null for the config's <c>output.directory</c>, else <c>out</c>.</param>
public sealed record MassRatioRequest(string ConfigPath, IReadOnlyList<string> Overrides, RatioSearchOptions Search,
    string Objective = MassRatioStudy.CapacityObjective, IReadOnlyList<double>? Rates = null, string? OutputDirectory = null);
