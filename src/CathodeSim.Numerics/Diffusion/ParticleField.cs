namespace CathodeSim.Numerics.Diffusion;

/// <summary>Which M x Nr stoichiometry field of an <see cref="IResidentParticleHistory"/> an operation reads.</summary>
public enum ParticleField
{
    /// <summary>The newest accepted point x_n.</summary>
    Newest,

    /// <summary>The predictor of the step last prepared.</summary>
    Predictor,

    /// <summary>The iterate of the step last run (after it ends: its solution, the trial).</summary>
    Iterate,
}
