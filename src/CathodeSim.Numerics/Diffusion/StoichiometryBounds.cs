namespace CathodeSim.Numerics.Diffusion;

/// <summary>The bounds every particle shell's stoichiometry must keep at an accepted step: [0, 1] within <see cref="Slack"/>.</summary>
public static class StoichiometryBounds
{
    /// <summary>
    /// How far outside [0, 1] a shell may be before its step is rejected. The Butler-Volmer surface extension of the step
    /// solver overshoots by at most about 1e-10 within the overpotential limit; the slack lets that pass and nothing more.
    /// </summary>
    public const double Slack = 2e-10;
}
