using CathodeSim.Model.Results;

namespace CathodeSim.Studies;

/// <summary>A warning of one simulation of a mass-ratio search (a step that ended on a limit or at once).</summary>
/// <param name="Fraction">The NCM mass fraction simulated.</param>
/// <param name="Warning">The step's warning.</param>
public sealed record FractionWarning(double Fraction, RunWarning Warning);
