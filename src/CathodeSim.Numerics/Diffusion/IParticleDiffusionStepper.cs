namespace CathodeSim.Numerics.Diffusion;

/// <summary>
/// The particle half of one implicit (BDF) time step, solved by Newton's method with static condensation: it owns the
/// particle stoichiometries x (M particles, Nr shells, index s * M + p) during the step, assembles each particle's
/// linearised diffusion step v (x - history) = hBeta (div flux) with the surface flux set by the interfacial current,
/// solves it for two right-hand sides (the residual and the surface-flux column) and applies the Newton update once the
/// macroscale solve has produced the current updates. Only per-particle vectors cross between the caller and the
/// stepper inside a step, so an implementation may keep x, the history and the systems on a device and transfer O(M)
/// per Newton iteration; the full M x Nr arrays cross at <see cref="BeginStep"/> and <see cref="EndStep"/>, unless the
/// stepper is also an <see cref="IResidentParticleHistory"/>, which keeps the BDF points too and replaces those two calls.
/// </summary>
/// <remarks>
/// Call order per step: <see cref="SetDiffusivity"/> (whenever the table or factor may have changed; implementations
/// skip the copy when the table is the one they hold), <see cref="BeginStep"/>, then per Newton iteration
/// <see cref="AssembleAndSolve"/> followed by <see cref="Update"/>, and finally <see cref="EndStep"/>.
/// Implementations run the same arithmetic in the same order (see <see cref="HostAssembledParticleDiffusionStepper"/>),
/// so that the ILGPU implementation on ILGPU's CPU accelerator agrees with the C# one bit for bit.
/// </remarks>
public interface IParticleDiffusionStepper
{
    /// <summary>Short name of the back end, for reports.</summary>
    string Name { get; }

    /// <summary>Grid and per-particle coefficients, fixed for the stepper's life.</summary>
    ParticleDiffusionLayout Layout { get; }

    /// <summary>D(x) = <paramref name="factor"/> times the table's interpolant for the following steps.</summary>
    void SetDiffusivity(UniformLinearTable table, double factor);

    /// <summary>Starts a step from the guess <paramref name="stoichiometry"/> with BDF history combination <paramref name="history"/>.</summary>
    /// <param name="stoichiometry">Initial guess (M x Nr). The stepper may iterate on this array in place or on a copy:
    /// its contents are defined again only after <see cref="EndStep"/> with the same array.</param>
    /// <param name="history">a0 x_n + a1 x_(n-1) (M x Nr); must not change until <see cref="EndStep"/>.</param>
    /// <param name="contactRatio">Contacted surface fraction relative to the pristine coverage, per particle (fixed over the step).</param>
    /// <param name="hBeta">Effective step, s.</param>
    void BeginStep(double[] stoichiometry, double[] history, ReadOnlySpan<double> contactRatio, double hBeta);

    /// <summary>
    /// Assembles every particle's Newton system at the current iterate with interfacial currents
    /// <paramref name="current"/> (A/m^2, per particle) and solves it; afterwards <see cref="SurfaceShell"/>,
    /// <see cref="SurfaceResponse"/> and <see cref="SurfaceSensitivity"/> hold this iterate's outermost-shell values.
    /// </summary>
    void AssembleAndSolve(ReadOnlySpan<double> current);

    /// <summary>x of the outermost shell at the iterate last assembled, per particle.</summary>
    ReadOnlySpan<double> SurfaceShell { get; }

    /// <summary>u of the outermost shell: its Newton update at zero current update, per particle.</summary>
    ReadOnlySpan<double> SurfaceResponse { get; }

    /// <summary>w of the outermost shell: minus the derivative of its update with respect to the current update, per particle.</summary>
    ReadOnlySpan<double> SurfaceSensitivity { get; }

    /// <summary>
    /// Applies x += u - w di to every shell of every particle for current updates <paramref name="currentUpdate"/>
    /// and returns the root mean square of the updates weighted by 1 / (rtol |x_new| + atol): summed per particle from
    /// the outermost shell inwards, then over particles in order.
    /// </summary>
    double Update(ReadOnlySpan<double> currentUpdate, double relativeTolerance, double absoluteTolerance);

    /// <summary>Ends the step, leaving the last iterate in <paramref name="stoichiometry"/>.</summary>
    void EndStep(double[] stoichiometry);
}
