using CathodeSim.Model.Materials;

namespace CathodeSim.Analysis.Optimization;

/// <summary>A solid diffusivity <paramref name="Factor"/> times another's at every stoichiometry (counterfactual fast diffusion).</summary>
/// <param name="Inner">The diffusivity scaled.</param>
/// <param name="Factor">The scale.</param>
internal sealed record ScaledDiffusivity(IDiffusivity Inner, double Factor) : IDiffusivity
{
    public double At(double stoichiometry) => Factor * Inner.At(stoichiometry);

    public double Derivative(double stoichiometry) => Factor * Inner.Derivative(stoichiometry);
}
