using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace CathodeSim.Gpu;

/// <summary>
/// One ILGPU accelerator with the batched Thomas kernel and the resident particle stepper's kernels loaded (compiled)
/// once, shared by every <see cref="IlgpuBatchedTridiagonalSolver"/>, <see cref="IlgpuParticleDiffusionStepper"/> and <see cref="ResidentLockstepBatch"/> created from it. Immutable after construction, so it may be shared
/// across threads; each solver owns its own stream and device buffers.
/// </summary>
internal sealed class IlgpuBackend : IDisposable
{
    private readonly Context? _ownedContext;
    private readonly bool _ownsAccelerator;
    private readonly Lazy<VoxelTransportKernelSet> _voxelKernels;
    private int _disposed;

    private IlgpuBackend(Context? ownedContext, Accelerator accelerator, bool ownsAccelerator)
    {
        _ownedContext = ownedContext;
        _ownsAccelerator = ownsAccelerator;
        Accelerator = accelerator;
        Kernel = accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>,
            ArrayView<double>, ArrayView<double>, int, int, int>(IlgpuBatchedTridiagonalSolver.ThomasKernel);
        AssembleAndSolveKernel = accelerator.LoadAutoGroupedKernel<Index1D, ParticleStepArrays, double, double>(ParticleStepKernels.AssembleAndSolve);
        UpdateKernel = accelerator.LoadAutoGroupedKernel<Index1D, ParticleStepArrays, double, double>(ParticleStepKernels.Update);
        PrepareKernel = accelerator.LoadAutoGroupedKernel<Index1D, ParticleStepArrays, int, double, double, double, double, double>(ResidentHistoryKernels.Prepare);
        ErrorPartialsKernel = accelerator.LoadAutoGroupedKernel<Index1D, ParticleStepArrays, double, double>(ResidentHistoryKernels.ErrorPartials);
        WeightedSumsKernel = accelerator.LoadAutoGroupedKernel<Index1D, ParticleStepArrays, ArrayView<double>, int>(ResidentHistoryKernels.WeightedSums);
        LockstepKernel = accelerator.LoadAutoGroupedKernel<Index1D, ParticleStepArrays, LockstepSlotArrays>(ParticleStepKernels.LockstepStep);
        _voxelKernels = new Lazy<VoxelTransportKernelSet>(() => new VoxelTransportKernelSet(accelerator), LazyThreadSafetyMode.ExecutionAndPublication);
        Name = accelerator.AcceleratorType switch
        {
            AcceleratorType.CPU => "ilgpu-cpu",
            AcceleratorType.Cuda => $"ilgpu-cuda ({accelerator.Name})",
            var other => $"ilgpu-{other.ToString().ToLowerInvariant()} ({accelerator.Name})",
        };
    }

    /// <summary>The accelerator the kernel runs on.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>The loaded kernel: (stream, systems, lower, diagonal, upper, rhs0, rhs1, systemCount, size, rhsCount).</summary>
    public Action<AcceleratorStream, Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>,
        ArrayView<double>, int, int, int> Kernel { get; }

    /// <summary>The resident stepper's assembly and forward sweep: (stream, particles, arrays, hBeta, diffusivity factor).</summary>
    public Action<AcceleratorStream, Index1D, ParticleStepArrays, double, double> AssembleAndSolveKernel { get; }

    /// <summary>The resident stepper's back substitution and update: (stream, particles, arrays, rtol, atol).</summary>
    public Action<AcceleratorStream, Index1D, ParticleStepArrays, double, double> UpdateKernel { get; }

    /// <summary>A resident history's history combination and predictor: (stream, M Nr, arrays, points, a0, a1, p0, p1, p2).</summary>
    public Action<AcceleratorStream, Index1D, ParticleStepArrays, int, double, double, double, double, double> PrepareKernel { get; }

    /// <summary>A resident history's per-particle error partials: (stream, particles, arrays, rtol, atol).</summary>
    public Action<AcceleratorStream, Index1D, ParticleStepArrays, double, double> ErrorPartialsKernel { get; }

    /// <summary>A resident history's weighted group sums: (stream, groups, arrays, field, group size).</summary>
    public Action<AcceleratorStream, Index1D, ParticleStepArrays, ArrayView<double>, int> WeightedSumsKernel { get; }

    /// <summary>A resident lockstep launch: (stream, slots x particles per slot, arrays, per-slot requests).</summary>
    public Action<AcceleratorStream, Index1D, ParticleStepArrays, LockstepSlotArrays> LockstepKernel { get; }

    /// <summary>The voxel transport solver's kernels, compiled on first use.</summary>
    public VoxelTransportKernelSet VoxelKernels => _voxelKernels.Value;

    /// <summary>"ilgpu-cpu" or "ilgpu-cuda (device name)".</summary>
    public string Name { get; }

    /// <summary>Wraps an accelerator the caller owns (it is not disposed here).</summary>
    public static IlgpuBackend Wrap(Accelerator accelerator) => new(null, accelerator, ownsAccelerator: false);

    /// <summary>A new context with ILGPU's CPU accelerator (kernels run as .NET code on a thread pool of its own).</summary>
    public static IlgpuBackend CreateCpu()
    {
        var context = Context.Create(b => b.CPU().Math(MathMode.Default).EnableAlgorithms());
        try
        {
            return new IlgpuBackend(context, context.CreateCPUAccelerator(0), ownsAccelerator: true);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A new context with the first CUDA device, or null (and why in <paramref name="failure"/>) when ILGPU finds none.
    /// Never throws: a missing driver or libcuda surfaces as exceptions from context creation or device enumeration,
    /// which count as "not found".
    /// </summary>
    public static IlgpuBackend? TryCreateCuda(out string? failure)
    {
        Context? context = null;
        try
        {
            context = Context.Create(b => b.Cuda().Math(MathMode.Default).EnableAlgorithms());
            var devices = context.GetCudaDevices();
            if (devices.Count == 0)
            {
                failure = "driver/libcuda missing or no device";
                context.Dispose();
                return null;
            }
            var accelerator = context.CreateCudaAccelerator(0);
            try
            {
                failure = null;
                return new IlgpuBackend(context, accelerator, ownsAccelerator: true);
            }
            catch
            {
                accelerator.Dispose();
                throw;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failure = $"{e.GetType().Name}: {e.Message}";
            try { context?.Dispose(); } catch (Exception) { /* a half-initialised context: nothing more to release */ }
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_ownsAccelerator) Accelerator.Dispose();
        _ownedContext?.Dispose();
    }
}
