namespace CathodeSim.Numerics.Diffusion;

/// <summary>
/// An <see cref="IParticleDiffusionStepper"/> that can also keep the accepted BDF points (x_n, x_(n-1), x_(n-2)), the
/// predictor and the trial iterate where it keeps x (on a device), so that a step moves O(M) across the host link
/// instead of the 3 M Nr doubles of <see cref="IParticleDiffusionStepper.BeginStep"/> and
/// <see cref="IParticleDiffusionStepper.EndStep"/>: the caller passes the BDF weights, reads back per-particle or per-group
/// sums, the error norm and the outermost shell, and downloads a whole field only when it needs one (profiles, the end
/// of a run).
/// </summary>
/// <remarks>
/// Steppers that work on the caller's arrays (the host path) do not implement this: for them the caller's own history
/// is already the cheapest, and keeping it there keeps their arithmetic and speed exactly as they are.
/// Call order: <see cref="LoadNewest"/> (after a restart from a host state), then per attempt <see cref="Prepare"/>,
/// <see cref="IParticleDiffusionStepper.SetDiffusivity"/>, <see cref="BeginPredictedStep"/>, the Newton iterations,
/// <see cref="EndPredictedStep"/>, then <see cref="ErrorNorm"/>; on acceptance <see cref="Accept"/>; on rejection
/// nothing (the next <see cref="Prepare"/> starts again from the accepted points).
/// </remarks>
public interface IResidentParticleHistory
{
    /// <summary>Makes <paramref name="stoichiometry"/> (M x Nr) the newest accepted point (one copy up).</summary>
    void LoadNewest(ReadOnlySpan<double> stoichiometry);

    /// <summary>Forms the history combination and the predictor of the next attempt from the accepted points.</summary>
    void Prepare(BdfStepWeights weights);

    /// <summary>Starts a step whose guess is the predictor and whose history is the combination of <see cref="Prepare"/>.</summary>
    /// <param name="contactRatio">Contacted surface fraction relative to the pristine coverage, per particle.</param>
    /// <param name="hBeta">Effective step, s.</param>
    void BeginPredictedStep(ReadOnlySpan<double> contactRatio, double hBeta);

    /// <summary>Ends the step, leaving the iterate on the device and its outermost shell in <paramref name="surfaceShell"/> (M).</summary>
    void EndPredictedStep(Span<double> surfaceShell);

    /// <summary>
    /// Root mean square of (iterate - predictor) / (rtol |iterate| + atol) over every shell and particle: summed per
    /// particle from the innermost shell outwards, then over particles in order (deterministic; the host path's flat sum
    /// differs from it only by round-off).
    /// </summary>
    double ErrorNorm(double relativeTolerance, double absoluteTolerance);

    /// <summary>Makes the iterate the newest accepted point (the points rotate; nothing is copied).</summary>
    void Accept();

    /// <summary>Copies the newest accepted point (M x Nr) to the host.</summary>
    void DownloadNewest(Span<double> stoichiometry);

    /// <summary>
    /// For each group g of K = <paramref name="particleWeights"/>.Length consecutive particles, the sum over k and then
    /// over shells s of particleWeights[k] * shellWeights[s] * x[s * M + g K + k], accumulated in that order from 0 (the
    /// host's loops for node means and particle means, reproduced bit for bit); one sum per group into
    /// <paramref name="sums"/> (M / K).
    /// </summary>
    void WeightedSums(ParticleField field, ReadOnlySpan<double> particleWeights, ReadOnlySpan<double> shellWeights, Span<double> sums);
}
