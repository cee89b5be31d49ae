using CathodeSim.Analysis.Microstructure;
using CathodeSim.Analysis.Optimization;

namespace CathodeSim.Studies;

/// <summary>What a mass-ratio search with transport laws from computed structures found.</summary>
/// <param name="ClosedForm">The search with the config's closed-form laws, or null when the config itself asks for law: microstructure.</param>
/// <param name="Mean">The search with the seed-mean tables.</param>
/// <param name="BySeed">One search per seed's table (empty for one seed): the spread of the optimum.</param>
/// <param name="Tables">The transport tables computed (or read from the cache).</param>
/// <param name="Objective">The objective maximised.</param>
/// <param name="Files">The files written, final paths.</param>
/// <param name="ClosedFormTime">Wall time of the closed-form search.</param>
/// <param name="StructureTime">Wall time of computing (or reading) the structures.</param>
/// <param name="SearchTime">Wall time of the microstructure searches.</param>
/// <param name="Warnings">Warnings of the searches' simulations.</param>
public sealed record MicrostructureRatioOutcome(RatioSearchResult? ClosedForm, RatioSearchResult Mean, IReadOnlyList<RatioSearchResult> BySeed,
    MicrostructureTransportTables Tables, string Objective, IReadOnlyList<string> Files, TimeSpan ClosedFormTime, TimeSpan StructureTime, TimeSpan SearchTime,
    IReadOnlyList<FractionWarning> Warnings);
