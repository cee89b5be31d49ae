using CathodeSim.Analysis.Optimization;

namespace CathodeSim.Studies;

/// <summary>What a mass-ratio search found.</summary>
/// <param name="Search">Every fraction evaluated, the optimum, its plateau and the limitation on each side.</param>
/// <param name="Objective">The objective maximised.</param>
/// <param name="Files">The files written (<c>&lt;name&gt;_ratio.csv</c>, <c>&lt;name&gt;_ratio.png</c>), final paths.</param>
/// <param name="Warnings">Warnings of the search's simulations: the optimum stands, but rests on them.</param>
public sealed record MassRatioOutcome(RatioSearchResult Search, string Objective, IReadOnlyList<string> Files, IReadOnlyList<FractionWarning> Warnings)
{
    /// <summary>The NCM mass fraction at the optimum.</summary>
    public double OptimalFraction => Search.Optimum.Argument;
}
