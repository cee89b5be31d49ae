namespace CathodeSim.Numerics.Diffusion;

/// <summary>
/// Keeps many cases resident in one device batch and advances their particle solves together. Each case runs on its own
/// thread with its own step size and protocol position; its solver (from <see cref="Join"/>) copies the case's systems
/// into the case's slot of one large batch and waits; when every joined case has arrived, one device solve serves them
/// all and each case copies its solutions back. A case that finishes hands its slot to the next waiting case (the
/// thread keeps its solver), so the launch and transfer cost is paid once per batch, not once per case.
/// </summary>
/// <remarks>
/// Unused slots hold identity systems. Cases must share the number of radial shells; a case may use fewer systems than
/// a slot holds (the rest of its slot is filled with identity systems). Every case's assembled systems cross to the
/// device each Newton iteration (7 doubles per row and particle): sweeps on a device use the resident lockstep batch
/// of src/CathodeSim.Gpu instead; this one stays as the batched-solver benchmark and contract.
/// </remarks>
public sealed class LockstepBatch : ILockstepBatch
{
    private readonly IBatchedTridiagonalSolver _device;
    private readonly BatchedTridiagonalSystems _batch;
    private readonly Barrier _barrier;
    private readonly Stack<int> _freeSlots = new();
    private readonly object _gate = new();

    /// <summary>Creates a batch of <paramref name="slots"/> slots of <paramref name="systemsPerSlot"/> systems of <paramref name="size"/> rows.</summary>
    public LockstepBatch(IBatchedTridiagonalSolver device, int slots, int systemsPerSlot, int size, int rightHandSides)
    {
        _device = device;
        SystemsPerSlot = systemsPerSlot;
        _batch = new BatchedTridiagonalSystems(slots * systemsPerSlot, size, rightHandSides);
        for (int s = slots - 1; s >= 0; s--)
        {
            _freeSlots.Push(s);
            FillIdentity(s, 0);
        }
        _barrier = new Barrier(0, _ => { _device.Solve(_batch); Launches++; });
    }

    /// <summary>Systems per slot.</summary>
    public int SystemsPerSlot { get; }

    /// <summary>Device solves launched so far.</summary>
    public long Launches { get; private set; }

    /// <inheritdoc />
    public string Name => $"lockstep({_device.Name})";

    /// <summary>Takes a free slot for the calling thread's cases; dispose the returned solver to give it back.</summary>
    public Member Join()
    {
        int slot;
        lock (_gate)
        {
            if (_freeSlots.Count == 0) throw new InvalidOperationException("every slot of the batch is taken");
            slot = _freeSlots.Pop();
        }
        _barrier.AddParticipant();
        return new Member(this, slot);
    }

    /// <inheritdoc />
    ILockstepMember ILockstepBatch.Join() => Join();

    private void Leave(int slot)
    {
        FillIdentity(slot, 0);
        lock (_gate) _freeSlots.Push(slot);
        _barrier.RemoveParticipant();
    }

    /// <summary>Identity systems (diagonal 1, zero right-hand sides) from system <paramref name="from"/> of the slot on.</summary>
    private void FillIdentity(int slot, int from)
    {
        int m = _batch.SystemCount, start = slot * SystemsPerSlot;
        for (int r = 0; r < _batch.Size; r++)
        {
            int o = r * m + start;
            Array.Clear(_batch.Lower, o + from, SystemsPerSlot - from);
            Array.Fill(_batch.Diagonal, 1.0, o + from, SystemsPerSlot - from);
            Array.Clear(_batch.Upper, o + from, SystemsPerSlot - from);
            for (int k = 0; k < _batch.RightHandSides; k++) Array.Clear(_batch.Rhs[k], o + from, SystemsPerSlot - from);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _barrier.Dispose();

    /// <summary>One case thread's view of the batch: an <see cref="IBatchedTridiagonalSolver"/> bound to a slot.</summary>
    public sealed class Member : IBatchedTridiagonalSolver, ILockstepMember
    {
        private readonly LockstepBatch _owner;
        private readonly int _slot;
        private bool _disposed;

        internal Member(LockstepBatch owner, int slot)
        {
            _owner = owner;
            _slot = slot;
        }

        /// <inheritdoc />
        public string Name => $"lockstep({_owner._device.Name})";

        /// <inheritdoc />
        public void Solve(BatchedTridiagonalSystems systems)
        {
            var batch = _owner._batch;
            int p = systems.SystemCount;
            if (systems.Size != batch.Size || p > _owner.SystemsPerSlot || systems.RightHandSides > batch.RightHandSides)
                throw new ArgumentException($"a case of {p} systems x {systems.Size} rows does not fit a slot of {_owner.SystemsPerSlot} x {batch.Size}");
            int m = batch.SystemCount, start = _slot * _owner.SystemsPerSlot;
            for (int r = 0; r < batch.Size; r++)
            {
                Array.Copy(systems.Lower, r * p, batch.Lower, r * m + start, p);
                Array.Copy(systems.Diagonal, r * p, batch.Diagonal, r * m + start, p);
                Array.Copy(systems.Upper, r * p, batch.Upper, r * m + start, p);
                for (int k = 0; k < systems.RightHandSides; k++) Array.Copy(systems.Rhs[k], r * p, batch.Rhs[k], r * m + start, p);
            }
            if (p < _owner.SystemsPerSlot) _owner.FillIdentity(_slot, p);
            _owner._barrier.SignalAndWait();
            for (int r = 0; r < batch.Size; r++)
                for (int k = 0; k < systems.RightHandSides; k++) Array.Copy(batch.Rhs[k], r * m + start, systems.Rhs[k], r * p, p);
        }

        /// <summary>A host-assembled stepper whose solves go through this member's slot.</summary>
        public IParticleDiffusionStepper CreateStepper(ParticleDiffusionLayout layout) => new HostAssembledParticleDiffusionStepper(layout, this);

        /// <summary>Gives the slot back.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _owner.Leave(_slot);
        }
    }
}
