namespace CathodeSim.Numerics.Diffusion;

/// <summary>
/// One case thread's slot of an <see cref="ILockstepBatch"/>. Its steppers must be used from the thread that joined
/// (the batch waits for every joined thread at each launch), one run at a time. Disposing it leaves the batch.
/// </summary>
public interface ILockstepMember : IDisposable
{
    /// <summary>
    /// A particle stepper for one run laid out as given, working in this member's slot (a <c>Simulator</c> factory).
    /// Disposing the stepper, if it is disposable, does not give the slot back.
    /// </summary>
    /// <exception cref="ArgumentException">The layout does not fit the slot (too many particles, another shell count).</exception>
    IParticleDiffusionStepper CreateStepper(ParticleDiffusionLayout layout);
}
