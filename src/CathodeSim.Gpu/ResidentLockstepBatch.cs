using CathodeSim.Numerics.Diffusion;
using ILGPU;
using ILGPU.Runtime;

namespace CathodeSim.Gpu;

/// <summary>
/// Many cases of a sweep resident on one device at once, their particle state never leaving it during a step: each
/// case (one thread) owns a slot, a range of the device arrays holding its x, BDF history, work arrays, per-particle
/// coefficients, shell grid and diffusivity table, and steps with its own step size, temperature and protocol position
/// through the stepper its member makes (<see cref="ResidentLockstepStepper"/>). Each Newton operation (assemble and
/// solve, update) is a barrier phase: every joined thread states the operation it wants and its per-particle input,
/// and when all have arrived one kernel launch serves every slot, each slot doing what it asked for (slots may be at
/// different operations; a slot that asked for nothing is left untouched); each thread then reads its outputs. Per
/// launch only per-particle vectors (and a few numbers per slot) cross the host link, whatever the number of shells.
/// </summary>
/// <remarks>
/// <para>Step starts and ends, new layouts and new diffusivity tables are copied by each case's own thread into its own
/// slot, outside the barrier: no launch can run then, because a launch needs every joined thread at the barrier. Through
/// the resident history (<see cref="IResidentParticleHistory"/>, what the integrator uses) a step moves only the contact
/// ratios up and the outermost shell, error partials and node means down; through plain
/// <see cref="IParticleDiffusionStepper.BeginStep"/>/<see cref="IParticleDiffusionStepper.EndStep"/> x and the history go
/// up and x comes down.</para>
/// <para>Cases share the shell count and may have up to <see cref="ParticlesPerSlot"/> particles (the rest of the slot
/// is padding that no launch touches). A finished case hands its slot to the next case its thread runs: the thread
/// keeps its member. A thread doing host work (the macroscale solve, setting up a case) holds up the launch.</para>
/// <para>Round-off: each particle runs the arithmetic of <see cref="IlgpuParticleDiffusionStepper"/>, so on ILGPU's CPU
/// accelerator a lockstep sweep equals independent runs bit for bit.</para>
/// </remarks>
public sealed class ResidentLockstepBatch : ILockstepBatch
{
    /// <summary>Samples a slot's diffusivity table may hold by default (the engine's tables have 4001).</summary>
    public const int DefaultTableCapacity = 4001;

    private readonly IlgpuBackend _backend;
    private readonly AcceleratorStream _stream;
    private readonly List<MemoryBuffer> _buffers = [];
    private readonly ParticleStepArrays _arrays;
    private readonly LockstepSlotArrays _slotArrays;
    private readonly int[] _integers;
    private readonly double[] _scalars, _input, _surfaceShell, _surfaceResponse, _surfaceSensitivity, _normPartial;
    private readonly Barrier _barrier;
    private readonly Stack<int> _freeSlots = new();
    private readonly object _gate = new();
    private long _launches;
    private bool _disposed;

    internal ResidentLockstepBatch(IlgpuBackend backend, int slots, int particlesPerSlot, int shells, int tableCapacity = DefaultTableCapacity)
    {
        if (slots < 1 || particlesPerSlot < 1) throw new ArgumentException("a batch needs at least one slot of at least one particle");
        if (shells < 2) throw new ArgumentException("at least 2 shells", nameof(shells));
        if (tableCapacity < 2) throw new ArgumentException("a table has at least 2 samples", nameof(tableCapacity));
        _backend = backend;
        Slots = slots;
        ParticlesPerSlot = particlesPerSlot;
        Shells = shells;
        TableCapacity = tableCapacity;
        long particles = (long)slots * particlesPerSlot;
        if (particles * shells > int.MaxValue) throw new ArgumentException($"{slots} slots of {particlesPerSlot} particles x {shells} shells exceed the kernels' int indices");
        backend.Accelerator.Bind();
        _stream = backend.Accelerator.CreateStream();
        try
        {
            var input = Allocate<double>(particles);
            _arrays = new ParticleStepArrays
            {
                Stoichiometry = Allocate<double>(particles * shells),
                History = Allocate<double>(particles * shells),
                Newest = Allocate<double>(particles * shells),
                Previous = Allocate<double>(particles * shells),
                Oldest = Allocate<double>(particles * shells),
                Predictor = Allocate<double>(particles * shells),
                SumWeights = Allocate<double>((long)slots * (particlesPerSlot + shells)),
                GroupSums = Allocate<double>(particles),
                Upper = Allocate<double>(particles * shells),
                Response = Allocate<double>(particles * shells),
                Sensitivity = Allocate<double>(particles * shells),
                ShellVolumes = Allocate<double>((long)slots * shells),
                FaceAreas = Allocate<double>((long)slots * (shells + 1)),
                InverseRadiusSquaredSpacing = Allocate<double>(particles),
                SurfaceFluxCoefficient = Allocate<double>(particles),
                ContactRatio = Allocate<double>(particles),
                // One per-particle input serves both operations: a slot assembles with its currents or updates with
                // its current updates, never both in one launch.
                Current = input,
                CurrentUpdate = input,
                SurfaceShell = Allocate<double>(particles),
                SurfaceResponse = Allocate<double>(particles),
                SurfaceSensitivity = Allocate<double>(particles),
                NormPartial = Allocate<double>(particles),
                TableValues = Allocate<double>((long)slots * tableCapacity),
                TableSlopes = Allocate<double>((long)slots * tableCapacity),
                Particles = (int)particles,
                Shells = shells,
            };
            _slotArrays = new LockstepSlotArrays
            {
                Integers = Allocate<int>((long)slots * LockstepSlotArrays.IntegerStride),
                Scalars = Allocate<double>((long)slots * LockstepSlotArrays.ScalarStride),
                ParticlesPerSlot = particlesPerSlot,
                TableCapacity = tableCapacity,
            };
        }
        catch
        {
            Dispose();
            throw;
        }
        _integers = new int[slots * LockstepSlotArrays.IntegerStride];
        _scalars = new double[slots * LockstepSlotArrays.ScalarStride];
        _input = new double[particles];
        _surfaceShell = new double[particles];
        _surfaceResponse = new double[particles];
        _surfaceSensitivity = new double[particles];
        _normPartial = new double[particles];
        for (int s = slots - 1; s >= 0; s--) _freeSlots.Push(s);
        _barrier = new Barrier(0, _ => Launch());
    }

    /// <inheritdoc />
    public string Name => $"resident-lockstep({_backend.Name})";

    /// <summary>Slots: cases resident at once.</summary>
    public int Slots { get; }

    /// <summary>Particles a slot holds: the most a case may have.</summary>
    public int ParticlesPerSlot { get; }

    /// <summary>Shells every case must have.</summary>
    public int Shells { get; }

    /// <summary>Samples a slot's diffusivity table may hold.</summary>
    public int TableCapacity { get; }

    /// <inheritdoc />
    public long Launches => Interlocked.Read(ref _launches);

    /// <summary>
    /// What the launches moved across the host link (per Newton round, for all slots together): up the per-slot
    /// requests and the per-particle input, down the outermost-shell x, u, w or the norm partials.
    /// </summary>
    public HostLinkTraffic LaunchTraffic { get; } = new();

    /// <summary>What the case threads moved: step starts and ends, layouts and diffusivity tables of their slots.</summary>
    public HostLinkTraffic StepTraffic { get; } = new();

    /// <summary>Takes a free slot for the calling thread; dispose the member to give it back.</summary>
    /// <exception cref="InvalidOperationException">Every slot is taken.</exception>
    public Member Join()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int slot;
        lock (_gate)
        {
            if (_freeSlots.Count == 0) throw new InvalidOperationException("every slot of the batch is taken");
            slot = _freeSlots.Pop();
        }
        _integers[slot * LockstepSlotArrays.IntegerStride + LockstepSlotArrays.OperationOffset] = LockstepSlotArrays.Idle;
        _integers[slot * LockstepSlotArrays.IntegerStride + LockstepSlotArrays.ParticlesOffset] = 0;
        _integers[slot * LockstepSlotArrays.IntegerStride + LockstepSlotArrays.TableLengthOffset] = 0;
        _backend.Accelerator.Bind();
        var member = new Member(this, slot, _backend.Accelerator.CreateStream());
        _barrier.AddParticipant();
        return member;
    }

    /// <inheritdoc />
    ILockstepMember ILockstepBatch.Join() => Join();

    private void Leave(int slot)
    {
        _integers[slot * LockstepSlotArrays.IntegerStride + LockstepSlotArrays.OperationOffset] = LockstepSlotArrays.Idle;
        lock (_gate) _freeSlots.Push(slot);
        _barrier.RemoveParticipant();
    }

    /// <summary>
    /// The post-phase action: every joined thread is waiting at the barrier, each slot's request is in the host
    /// arrays. One upload of the requests and inputs, one launch, the downloads the requests need.
    /// </summary>
    private void Launch()
    {
        bool assemble = false, update = false;
        for (int slot = 0; slot < Slots; slot++)
        {
            int operation = _integers[slot * LockstepSlotArrays.IntegerStride + LockstepSlotArrays.OperationOffset];
            assemble |= operation == LockstepSlotArrays.AssembleAndSolveOperation;
            update |= operation == LockstepSlotArrays.UpdateOperation;
        }
        if (!assemble && !update) return;
        _backend.Accelerator.Bind();
        _slotArrays.Integers.CopyFromCPU(_stream, _integers);
        LaunchTraffic.ToDeviceBytes((long)_integers.Length * sizeof(int));
        ToDevice(_slotArrays.Scalars, _scalars);
        ToDevice(_arrays.Current, _input);
        _backend.LockstepKernel(_stream, _input.Length, _arrays, _slotArrays);
        if (assemble)
        {
            // CopyToCPU synchronises the stream, so the kernel has finished when these return.
            ToHost(_arrays.SurfaceShell, _surfaceShell);
            ToHost(_arrays.SurfaceResponse, _surfaceResponse);
            ToHost(_arrays.SurfaceSensitivity, _surfaceSensitivity);
        }
        if (update) ToHost(_arrays.NormPartial, _normPartial);
        for (int slot = 0; slot < Slots; slot++)
            _integers[slot * LockstepSlotArrays.IntegerStride + LockstepSlotArrays.OperationOffset] = LockstepSlotArrays.Idle;
        Interlocked.Increment(ref _launches);
    }

    private void ToDevice(ArrayView<double> view, double[] values)
    {
        view.CopyFromCPU(_stream, values);
        LaunchTraffic.ToDevice(values.Length);
    }

    private void ToHost(ArrayView<double> view, double[] values)
    {
        view.CopyToCPU(_stream, values);
        LaunchTraffic.ToHost(values.Length);
    }

    private ArrayView<T> Allocate<T>(long length) where T : unmanaged
    {
        var buffer = _backend.Accelerator.Allocate1D<T>(length);
        _buffers.Add(buffer);
        return buffer.View.BaseView;
    }

    /// <summary>Releases the device buffers and the stream (the ILGPU context belongs to the <see cref="DeviceChoice"/>).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var buffer in _buffers) buffer.Dispose();
        _buffers.Clear();
        _stream?.Dispose();
        _barrier?.Dispose();
    }

    /// <summary>
    /// One case thread's slot. Its steppers (<see cref="CreateStepper"/>, one per run) copy the run's state into the
    /// slot directly and take part in the launches through the barrier; use them only from the thread that joined.
    /// </summary>
    public sealed class Member : ILockstepMember
    {
        private readonly ResidentLockstepBatch _owner;
        private readonly AcceleratorStream _stream;
        private UniformLinearTable? _table;
        private bool _disposed;
        // The slot's resident BDF history, laid out as one run's arrays (the single-run kernels serve it): the iterate
        // and the combination are the slot's ranges of the batch's arrays (the lockstep launches read them); the three
        // points rotate among the slot's ranges of Newest, Previous and Oldest.
        private ParticleStepArrays _history;
        private double[] _partials = [], _sumWeights = [];
        private int _particleWeightCount, _shellWeightCount;

        internal Member(ResidentLockstepBatch owner, int slot, AcceleratorStream stream)
        {
            _owner = owner;
            Slot = slot;
            _stream = stream;
        }

        /// <summary>The slot this member owns.</summary>
        public int Slot { get; }

        /// <summary>The batch.</summary>
        public ResidentLockstepBatch Batch => _owner;

        /// <inheritdoc />
        public IParticleDiffusionStepper CreateStepper(ParticleDiffusionLayout layout)
        {
            ArgumentNullException.ThrowIfNull(layout);
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (layout.Shells != _owner.Shells || layout.Particles > _owner.ParticlesPerSlot)
                throw new ArgumentException($"a case of {layout.Particles} particles x {layout.Shells} shells does not fit a slot of {_owner.ParticlesPerSlot} x {_owner.Shells}", nameof(layout));
            var a = _owner._arrays;
            int nr = _owner.Shells;
            Upload(a.ShellVolumes.SubView(Slot * nr, nr), layout.ShellVolumes);
            Upload(a.FaceAreas.SubView(Slot * (nr + 1), nr + 1), layout.FaceAreas);
            Upload(ParticleRange(a.InverseRadiusSquaredSpacing, layout.Particles), layout.InverseRadiusSquaredSpacing);
            Upload(ParticleRange(a.SurfaceFluxCoefficient, layout.Particles), layout.SurfaceFluxCoefficient);
            _stream.Synchronize();
            Integer(LockstepSlotArrays.ParticlesOffset) = layout.Particles;
            int particles = layout.Particles, perSlot = _owner.ParticlesPerSlot;
            _history = new ParticleStepArrays
            {
                Stoichiometry = ShellRange(a.Stoichiometry, particles),
                History = ShellRange(a.History, particles),
                Newest = ShellRange(a.Newest, particles),
                Previous = ShellRange(a.Previous, particles),
                Oldest = ShellRange(a.Oldest, particles),
                Predictor = ShellRange(a.Predictor, particles),
                SumWeights = a.SumWeights.SubView((long)Slot * (perSlot + nr), particles + nr),
                GroupSums = ParticleRange(a.GroupSums, particles),
                Particles = particles,
                Shells = nr,
            };
            _partials = new double[particles];
            _sumWeights = new double[particles + nr];
            _particleWeightCount = _shellWeightCount = 0;
            return new ResidentLockstepStepper(this, layout);
        }

        internal string BackEndName => _owner._backend.Name;

        /// <summary>Uploads a diffusivity table into the slot unless it is the one the slot holds; sets the factor.</summary>
        internal void SetDiffusivity(UniformLinearTable table, double factor)
        {
            Scalar(LockstepSlotArrays.FactorOffset) = factor;
            if (ReferenceEquals(table, _table)) return;
            if (table.Values.Length > _owner.TableCapacity)
                throw new ArgumentException($"a diffusivity table of {table.Values.Length} samples exceeds the slot's {_owner.TableCapacity}", nameof(table));
            _table = null;
            long start = (long)Slot * _owner.TableCapacity;
            Upload(_owner._arrays.TableValues.SubView(start, table.Values.Length), table.Values);
            Upload(_owner._arrays.TableSlopes.SubView(start, table.Slopes.Length), table.Slopes);
            _stream.Synchronize();
            Integer(LockstepSlotArrays.TableLengthOffset) = table.Values.Length;
            Scalar(LockstepSlotArrays.TableScaleOffset) = table.Scale;
            _table = table;
        }

        /// <summary>Copies a step's guess, history and contact ratios into the slot.</summary>
        internal void BeginStep(int particles, double[] stoichiometry, double[] history, ReadOnlySpan<double> contactRatio, double hBeta)
        {
            var a = _owner._arrays;
            Upload(ShellRange(a.Stoichiometry, particles), stoichiometry);
            Upload(ShellRange(a.History, particles), history);
            Upload(ParticleRange(a.ContactRatio, particles), contactRatio);
            _stream.Synchronize();
            Scalar(LockstepSlotArrays.StepOffset) = hBeta;
        }

        /// <summary>Takes part in the next launch with <paramref name="operation"/> on <paramref name="input"/>.</summary>
        internal void Launch(int operation, ReadOnlySpan<double> input)
        {
            input.CopyTo(_owner._input.AsSpan(Slot * _owner.ParticlesPerSlot, input.Length));
            Integer(LockstepSlotArrays.OperationOffset) = operation;
            _owner._barrier.SignalAndWait();
        }

        /// <summary>Sets the tolerances of the next update.</summary>
        internal void SetTolerances(double relativeTolerance, double absoluteTolerance)
        {
            Scalar(LockstepSlotArrays.RelativeToleranceOffset) = relativeTolerance;
            Scalar(LockstepSlotArrays.AbsoluteToleranceOffset) = absoluteTolerance;
        }

        /// <summary>This slot's part of a per-particle output of the last launch.</summary>
        internal ReadOnlySpan<double> SurfaceShell(int particles) => new(_owner._surfaceShell, Slot * _owner.ParticlesPerSlot, particles);

        internal ReadOnlySpan<double> SurfaceResponse(int particles) => new(_owner._surfaceResponse, Slot * _owner.ParticlesPerSlot, particles);

        internal ReadOnlySpan<double> SurfaceSensitivity(int particles) => new(_owner._surfaceSensitivity, Slot * _owner.ParticlesPerSlot, particles);

        internal ReadOnlySpan<double> NormPartial(int particles) => new(_owner._normPartial, Slot * _owner.ParticlesPerSlot, particles);

        /// <summary>Makes <paramref name="stoichiometry"/> the slot's newest accepted point.</summary>
        internal void LoadNewest(ReadOnlySpan<double> stoichiometry)
        {
            Upload(_history.Newest, stoichiometry);
            _stream.Synchronize();
        }

        /// <summary>Forms the slot's history combination and predictor (also the iterate's guess) on the device.</summary>
        internal void Prepare(BdfStepWeights w)
        {
            _owner._backend.Accelerator.Bind();
            _owner._backend.PrepareKernel(_stream, (int)_history.Newest.Length, _history, w.Points, w.HistoryNewest, w.HistoryPrevious,
                w.Predictor0, w.Predictor1, w.Predictor2);
            // The next lockstep launch runs on the batch's stream and reads the iterate and the combination.
            _stream.Synchronize();
        }

        /// <summary>Starts a step from the prepared guess: only the contact ratios go up.</summary>
        internal void BeginPredictedStep(ReadOnlySpan<double> contactRatio, double hBeta)
        {
            Upload(ParticleRange(_owner._arrays.ContactRatio, _history.Particles), contactRatio);
            _stream.Synchronize();
            Scalar(LockstepSlotArrays.StepOffset) = hBeta;
        }

        /// <summary>Copies the outermost shell of the slot's iterate back.</summary>
        internal void EndPredictedStep(Span<double> surfaceShell)
        {
            int m = _history.Particles;
            Download(_history.Stoichiometry.SubView((long)(_history.Shells - 1) * m, m), surfaceShell);
        }

        /// <summary>The error norm of the slot's iterate against its predictor (per-particle partials, summed in order).</summary>
        internal double ErrorNorm(double relativeTolerance, double absoluteTolerance)
        {
            _owner._backend.Accelerator.Bind();
            _owner._backend.ErrorPartialsKernel(_stream, _history.Particles, _history, relativeTolerance, absoluteTolerance);
            Download(_history.GroupSums, _partials);
            double sum = 0;
            for (int p = 0; p < _partials.Length; p++) sum += _partials[p];
            return Math.Sqrt(sum / _history.Stoichiometry.Length);
        }

        /// <summary>
        /// Makes the iterate the slot's newest point: a copy on the device into the oldest point's range (the lockstep
        /// launches read the iterate at a fixed place), then the points rotate.
        /// </summary>
        internal void Accept()
        {
            _owner._backend.Accelerator.Bind();
            var oldest = _history.Oldest;
            _history.Stoichiometry.CopyTo(_stream, oldest);
            _stream.Synchronize();
            _history.Oldest = _history.Previous;
            _history.Previous = _history.Newest;
            _history.Newest = oldest;
        }

        /// <summary>Copies the slot's newest point back.</summary>
        internal void DownloadNewest(Span<double> stoichiometry) => Download(_history.Newest, stoichiometry);

        /// <summary>Weighted group sums of one of the slot's fields (see <see cref="IResidentParticleHistory.WeightedSums"/>).</summary>
        internal void WeightedSums(ParticleField field, ReadOnlySpan<double> particleWeights, ReadOnlySpan<double> shellWeights, Span<double> sums)
        {
            int m = _history.Particles, nr = _history.Shells, groupSize = particleWeights.Length;
            if (groupSize == 0 || sums.Length * groupSize != m || shellWeights.Length != nr)
                throw new ArgumentException($"expected groups x group size = {m} particles and {nr} shell weights");
            var source = field switch
            {
                ParticleField.Newest => _history.Newest,
                ParticleField.Predictor => _history.Predictor,
                ParticleField.Iterate => _history.Stoichiometry,
                _ => throw new ArgumentOutOfRangeException(nameof(field)),
            };
            // Weights go up only when they change, as in the single-run stepper.
            if (!particleWeights.SequenceEqual(_sumWeights.AsSpan(0, _particleWeightCount)))
            {
                Upload(_history.SumWeights.SubView(0, groupSize), particleWeights);
                particleWeights.CopyTo(_sumWeights);
                _particleWeightCount = groupSize;
            }
            if (!shellWeights.SequenceEqual(_sumWeights.AsSpan(m, _shellWeightCount)))
            {
                Upload(_history.SumWeights.SubView(m, nr), shellWeights);
                shellWeights.CopyTo(_sumWeights.AsSpan(m));
                _shellWeightCount = nr;
            }
            _owner._backend.Accelerator.Bind();
            _owner._backend.WeightedSumsKernel(_stream, sums.Length, _history, source, groupSize);
            Download(_history.GroupSums.SubView(0, sums.Length), sums);
        }

        private void Download(ArrayView<double> view, Span<double> values)
        {
            _owner._backend.Accelerator.Bind();
            view.CopyToCPU(_stream, values);
            _owner.StepTraffic.ToHost(values.Length);
        }

        /// <summary>Copies the slot's x back.</summary>
        internal void EndStep(int particles, double[] stoichiometry)
        {
            _owner._backend.Accelerator.Bind();
            ShellRange(_owner._arrays.Stoichiometry, particles).CopyToCPU(_stream, stoichiometry);
            _owner.StepTraffic.ToHost(stoichiometry.Length);
        }

        /// <summary>The slot's block of an M x Nr array, laid out as the case's own array (shell s, particle p at s * particles + p).</summary>
        private ArrayView<double> ShellRange(ArrayView<double> view, int particles) =>
            view.SubView((long)Slot * _owner.ParticlesPerSlot * _owner.Shells, (long)particles * _owner.Shells);

        private ArrayView<double> ParticleRange(ArrayView<double> view, int particles) =>
            view.SubView((long)Slot * _owner.ParticlesPerSlot, particles);

        private ref int Integer(int offset) => ref _owner._integers[Slot * LockstepSlotArrays.IntegerStride + offset];

        private ref double Scalar(int offset) => ref _owner._scalars[Slot * LockstepSlotArrays.ScalarStride + offset];

        private void Upload(ArrayView<double> view, ReadOnlySpan<double> values)
        {
            if (values.Length != view.Length) throw new ArgumentException($"expected {view.Length} values, got {values.Length}");
            _owner._backend.Accelerator.Bind();
            view.CopyFromCPU(_stream, values);
            _owner.StepTraffic.ToDevice(values.Length);
        }

        /// <summary>Gives the slot back and leaves the batch's launches.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _owner._backend.Accelerator.Bind();
            _stream.Dispose();
            _owner.Leave(Slot);
        }
    }
}
