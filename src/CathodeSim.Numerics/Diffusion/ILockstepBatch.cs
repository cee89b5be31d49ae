namespace CathodeSim.Numerics.Diffusion;

/// <summary>
/// Many simulated cases advanced together on one device: each case runs on its own thread (own step size, own protocol
/// position) and its particle work joins that of every other joined case in shared device launches. A sweep joins one
/// member per worker thread; each thread keeps its member across the cases it runs, so a finished case hands its slot
/// to the next case that thread takes.
/// </summary>
public interface ILockstepBatch : IDisposable
{
    /// <summary>Short name of the batch and its device, for reports.</summary>
    string Name { get; }

    /// <summary>Device launches so far.</summary>
    long Launches { get; }

    /// <summary>Takes a free slot for the calling thread; dispose the member to give it back.</summary>
    /// <exception cref="InvalidOperationException">Every slot is taken.</exception>
    ILockstepMember Join();
}
