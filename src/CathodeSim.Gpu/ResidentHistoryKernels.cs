using CathodeSim.Numerics.Diffusion;
using ILGPU;

namespace CathodeSim.Gpu;

/// <summary>
/// The kernels of a device-resident BDF history (<see cref="IlgpuParticleDiffusionStepper"/> as an
/// <see cref="Numerics.Diffusion.IResidentParticleHistory"/>). Each repeats the host's expression for the same quantity
/// (BdfHistory.Prepare, CellModel.NodeMeanStoichiometry, AgeingStep's particle means) operation for operation, so that
/// on ILGPU's CPU accelerator the results match the host bit for bit; change them together. The error norm is the
/// exception: its per-particle partials are summed in a different order than the host's flat sum (see
/// <see cref="ErrorPartials"/>).
/// </summary>
internal static class ResidentHistoryKernels
{
    /// <summary>
    /// One thread per element of the M x Nr fields: the history combination and the predictor (also the iterate's
    /// starting guess) from the accepted points, with <see cref="Numerics.Diffusion.BdfStepWeights"/> semantics.
    /// </summary>
    public static void Prepare(Index1D index, ParticleStepArrays a, int points, double a0, double a1, double p0, double p1, double p2)
    {
        int i = index.X;
        double x0 = a.Newest[i];
        a.History[i] = a1 == 0 ? x0 : a0 * x0 + a1 * a.Previous[i];
        double predictor;
        if (points == 1) predictor = x0;
        else if (points == 2) predictor = x0 + p0 * (x0 - a.Previous[i]);
        else predictor = p0 * x0 + p1 * a.Previous[i] + p2 * a.Oldest[i];
        a.Predictor[i] = predictor;
        a.Stoichiometry[i] = predictor;
    }

    /// <summary>
    /// One thread per particle: the sum over shells (innermost first) of the squared weighted difference between the
    /// iterate and the predictor, into <see cref="ParticleStepArrays.GroupSums"/>. The host adds the partials over
    /// particles in order: deterministic, but a different order than the host path's single running sum, so the two
    /// error estimates agree to round-off, not bit for bit.
    /// </summary>
    public static void ErrorPartials(Index1D index, ParticleStepArrays a, double relativeTolerance, double absoluteTolerance)
    {
        int p = index.X, m = a.Particles;
        double sum = 0;
        bool outside = false;
        for (int s = 0; s < a.Shells; s++)
        {
            double x = a.Stoichiometry[s * m + p];
            double e = (x - a.Predictor[s * m + p]) / (relativeTolerance * Math.Abs(x) + absoluteTolerance);
            sum += e * e;
            outside |= x < -StoichiometryBounds.Slack || x > 1 + StoichiometryBounds.Slack;
        }
        a.GroupSums[p] = outside ? double.PositiveInfinity : sum;
    }

    /// <summary>
    /// One thread per group of <paramref name="groupSize"/> consecutive particles: sum over the group's particles k, then
    /// over shells s, of (particle weight k * shell weight s) * x, from 0, into <see cref="ParticleStepArrays.GroupSums"/>.
    /// </summary>
    public static void WeightedSums(Index1D index, ParticleStepArrays a, ArrayView<double> field, int groupSize)
    {
        int g = index.X, m = a.Particles;
        double sum = 0;
        for (int k = 0; k < groupSize; k++)
        {
            int p = g * groupSize + k;
            double weight = a.SumWeights[k];
            for (int s = 0; s < a.Shells; s++) sum += weight * a.SumWeights[m + s] * field[s * m + p];
        }
        a.GroupSums[g] = sum;
    }
}
