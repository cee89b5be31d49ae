using CathodeSim.Numerics.Diffusion;
using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Gpu;

/// <summary>
/// The compute device chosen by <see cref="DeviceSelection.Select"/>: a factory of batched tridiagonal solvers on it,
/// and the ILGPU context and accelerator they share (none for the plain C# back end). Dispose it after the solvers.
/// </summary>
/// <remarks>
/// Thread safety: <see cref="CreateSolver"/> may be called from any thread; use one solver instance per thread (per
/// simulated case). ILGPU solvers from one choice share its context, accelerator and compiled kernel and own their
/// streams and device buffers; the C# solver is stateless.
/// </remarks>
public sealed class DeviceChoice : IDisposable
{
    private readonly IlgpuBackend? _backend;

    private DeviceChoice(string backEnd, string description, IlgpuBackend? backend, Func<IBatchedTridiagonalSolver> createSolver,
        Func<ParticleDiffusionLayout, IParticleDiffusionStepper> createStepper)
    {
        BackEnd = backEnd;
        Description = description;
        _backend = backend;
        CreateSolver = createSolver;
        CreateStepper = createStepper;
    }

    /// <summary>The back end in use: "cpu", "ilgpu-cuda (device name)" or "ilgpu-cpu".</summary>
    public string BackEnd { get; }

    /// <summary>One line saying which device is used and, for "auto", why.</summary>
    public string Description { get; }

    /// <summary>True when the solvers run on a CUDA GPU.</summary>
    public bool IsGpu => _backend?.Accelerator.AcceleratorType == ILGPU.Runtime.AcceleratorType.Cuda;

    /// <summary>
    /// Creates a new solver on the chosen device. Each thread (each simulated case) needs its own instance; ILGPU
    /// solvers are <see cref="IDisposable"/> (their device buffers), and all of them share this choice's accelerator.
    /// </summary>
    public Func<IBatchedTridiagonalSolver> CreateSolver { get; }

    /// <summary>
    /// Creates a particle stepper on the chosen device for a run laid out as given: on an ILGPU device the
    /// <see cref="IlgpuParticleDiffusionStepper"/> (particle state resident on the device, O(M) bytes across the host link
    /// per Newton iteration); on the CPU the <see cref="HostAssembledParticleDiffusionStepper"/> with the C# solver. One
    /// per thread; dispose it after its run (the simulator does).
    /// </summary>
    public Func<ParticleDiffusionLayout, IParticleDiffusionStepper> CreateStepper { get; }

    /// <summary>
    /// A batch of <paramref name="slots"/> cases resident on the chosen device, stepping together (a lockstep sweep):
    /// a <see cref="ResidentLockstepBatch"/> on an ILGPU device, null on the CPU (where cases simply run in parallel).
    /// Dispose it before this choice.
    /// </summary>
    /// <param name="slots">Cases resident at once.</param>
    /// <param name="particlesPerSlot">The most particles a case may have.</param>
    /// <param name="shells">Shells every case has.</param>
    public ResidentLockstepBatch? CreateLockstepBatch(int slots, int particlesPerSlot, int shells) =>
        _backend is null ? null : new ResidentLockstepBatch(_backend, slots, particlesPerSlot, shells);

    /// <summary>
    /// Creates a voxel transport (effective conductivity) solver on the chosen device: the
    /// <see cref="IlgpuVoxelConductivitySolver"/> on an ILGPU device, the <see cref="CpuVoxelConductivitySolver"/> on the CPU.
    /// One per thread; dispose it (when disposable) before this choice.
    /// </summary>
    public IVoxelConductivitySolver CreateVoxelConductivitySolver() =>
        _backend is null
            ? new CpuVoxelConductivitySolver()
            : new IlgpuVoxelConductivitySolver(_backend, ownsBackend: false, MultigridSettings.Default);

    /// <summary>Releases the ILGPU context and accelerator (nothing for the plain C# back end).</summary>
    public void Dispose() => _backend?.Dispose();

    internal static DeviceChoice Cpu(string description) =>
        new("cpu", description, null, () => new CpuBatchedTridiagonalSolver(),
            layout => new HostAssembledParticleDiffusionStepper(layout, new CpuBatchedTridiagonalSolver()));

    internal static DeviceChoice Ilgpu(IlgpuBackend backend, string description) =>
        new(backend.Name, description, backend, () => new IlgpuBatchedTridiagonalSolver(backend, ownsBackend: false),
            layout => new IlgpuParticleDiffusionStepper(backend, ownsBackend: false, layout));
}
