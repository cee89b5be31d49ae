namespace CathodeSim.Studies;

/// <summary>How far a mass-ratio search has got.</summary>
/// <param name="Runs">Simulations finished so far.</param>
/// <param name="Stage">The stage just begun (e.g. the refinement's bracket), or null when only <paramref name="Runs"/> moved.</param>
public sealed record MassRatioProgress(int Runs, string? Stage);
