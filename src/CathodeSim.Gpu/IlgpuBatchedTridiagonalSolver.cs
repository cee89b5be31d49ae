using CathodeSim.Numerics.Diffusion;
using ILGPU;
using ILGPU.Runtime;

namespace CathodeSim.Gpu;

/// <summary>
/// Batched tridiagonal solver running the Thomas algorithm through ILGPU, one thread per system, in float64: the same
/// algorithm, data layout (index = row * SystemCount + system, coalesced across threads) and operation order as
/// <see cref="CpuBatchedTridiagonalSolver"/>. Each <see cref="Solve"/> copies the five arrays host-to-device, launches
/// the kernel and copies the right-hand sides (now solutions) back; on return the host
/// <see cref="BatchedTridiagonalSystems.Rhs"/> hold the solutions. The host matrix arrays are left as they were (the
/// device copies serve as scratch), which the interface allows.
/// </summary>
/// <remarks>
/// <para>Device buffers are allocated on the first call and grown only when a larger batch arrives, never per call.</para>
/// <para>Thread safety: use one solver instance per thread. Instances created from one
/// <see cref="DeviceChoice"/> share its ILGPU context, accelerator and compiled kernel, and each owns its own stream
/// and buffers, so different instances may solve concurrently on different threads.</para>
/// <para>Round-off: on ILGPU's CPU accelerator the kernel runs as .NET code and matches the CPU reference bit for bit.
/// On CUDA, ILGPU 1.5.3 emits <c>mul.f64</c>/<c>sub.f64</c> without a rounding modifier, which ptxas may contract
/// into fused multiply-adds, so results agree with the CPU reference to round-off rather than bitwise.</para>
/// </remarks>
public sealed class IlgpuBatchedTridiagonalSolver : IBatchedTridiagonalSolver, IDisposable
{
    /// <summary>The most right-hand sides per system the kernel handles.</summary>
    public const int MaxRightHandSides = 2;

    private readonly IlgpuBackend _backend;
    private readonly bool _ownsBackend;
    private readonly AcceleratorStream _stream;
    private MemoryBuffer1D<double, Stride1D.Dense>? _lower, _diagonal, _upper, _rhs0, _rhs1;
    private long _capacity, _rhs1Capacity;
    private bool _disposed;

    /// <summary>
    /// Creates a solver on an accelerator the caller owns (and disposes, after this solver). The kernel is compiled
    /// on first use of the accelerator and taken from ILGPU's kernel cache afterwards.
    /// </summary>
    public IlgpuBatchedTridiagonalSolver(Accelerator accelerator)
        : this(IlgpuBackend.Wrap(accelerator ?? throw new ArgumentNullException(nameof(accelerator))), ownsBackend: true)
    {
    }

    internal IlgpuBatchedTridiagonalSolver(IlgpuBackend backend, bool ownsBackend)
    {
        _backend = backend;
        _ownsBackend = ownsBackend;
        _stream = backend.Accelerator.CreateStream();
    }

    /// <summary>A solver with its own ILGPU context on ILGPU's CPU accelerator (disposed with the solver).</summary>
    public static IlgpuBatchedTridiagonalSolver CreateCpu() => new(IlgpuBackend.CreateCpu(), ownsBackend: true);

    /// <inheritdoc />
    /// <remarks>"ilgpu-cuda (device name)" or "ilgpu-cpu".</remarks>
    public string Name => _backend.Name;

    /// <summary>The accelerator the kernel runs on.</summary>
    public Accelerator Accelerator => _backend.Accelerator;

    /// <summary>Elements (rows times systems) each device buffer currently holds; grows only for larger batches.</summary>
    public long BufferCapacity => _capacity;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The batch has more than <see cref="MaxRightHandSides"/> right-hand sides.</exception>
    public void Solve(BatchedTridiagonalSystems systems)
    {
        ArgumentNullException.ThrowIfNull(systems);
        ObjectDisposedException.ThrowIf(_disposed, this);
        int rhsCount = systems.RightHandSides;
        if (rhsCount > MaxRightHandSides)
            throw new ArgumentException(
                $"the ILGPU batched tridiagonal solver handles at most {MaxRightHandSides} right-hand sides per system; this batch has {rhsCount}",
                nameof(systems));
        int m = systems.SystemCount, n = systems.Size;
        int length = m * n;

        _backend.Accelerator.Bind(); // a CUDA context must be current on the calling thread
        EnsureCapacity(length, rhsCount);
        ArrayView<double> lower = _lower!.View.SubView(0, length).BaseView;
        ArrayView<double> diagonal = _diagonal!.View.SubView(0, length).BaseView;
        ArrayView<double> upper = _upper!.View.SubView(0, length).BaseView;
        ArrayView<double> rhs0 = _rhs0!.View.SubView(0, length).BaseView;
        ArrayView<double> rhs1 = rhsCount > 1 ? _rhs1!.View.SubView(0, length).BaseView : rhs0; // unused when rhsCount == 1

        lower.CopyFromCPU(_stream, new ReadOnlySpan<double>(systems.Lower, 0, length));
        diagonal.CopyFromCPU(_stream, new ReadOnlySpan<double>(systems.Diagonal, 0, length));
        upper.CopyFromCPU(_stream, new ReadOnlySpan<double>(systems.Upper, 0, length));
        rhs0.CopyFromCPU(_stream, new ReadOnlySpan<double>(systems.Rhs[0], 0, length));
        if (rhsCount > 1) rhs1.CopyFromCPU(_stream, new ReadOnlySpan<double>(systems.Rhs[1], 0, length));

        _backend.Kernel(_stream, m, lower, diagonal, upper, rhs0, rhs1, m, n, rhsCount);

        // CopyToCPU synchronises the stream, so the kernel has finished when these return.
        rhs0.CopyToCPU(_stream, new Span<double>(systems.Rhs[0], 0, length));
        if (rhsCount > 1) rhs1.CopyToCPU(_stream, new Span<double>(systems.Rhs[1], 0, length));
    }

    private void EnsureCapacity(long length, int rhsCount)
    {
        var accelerator = _backend.Accelerator;
        if (length > _capacity)
        {
            _lower?.Dispose();
            _diagonal?.Dispose();
            _upper?.Dispose();
            _rhs0?.Dispose();
            _lower = _diagonal = _upper = _rhs0 = null;
            _capacity = 0;
            _lower = accelerator.Allocate1D<double>(length);
            _diagonal = accelerator.Allocate1D<double>(length);
            _upper = accelerator.Allocate1D<double>(length);
            _rhs0 = accelerator.Allocate1D<double>(length);
            _capacity = length;
        }
        if (rhsCount > 1 && _rhs1Capacity < _capacity)
        {
            _rhs1?.Dispose();
            _rhs1 = null;
            _rhs1Capacity = 0;
            _rhs1 = accelerator.Allocate1D<double>(_capacity);
            _rhs1Capacity = _capacity;
        }
    }

    /// <summary>
    /// The kernel: thread s solves system s by the Thomas algorithm in place (upper becomes the eliminated
    /// super-diagonal, the right-hand sides become the solutions), with the CPU reference's operation order.
    /// The previous row's eliminated values are carried in registers, so each (row, system) entry is touched
    /// 5 + 4k times in global memory for k right-hand sides (see the benchmark's BandwidthFloor).
    /// </summary>
    internal static void ThomasKernel(Index1D index, ArrayView<double> lower, ArrayView<double> diagonal, ArrayView<double> upper,
        ArrayView<double> rhs0, ArrayView<double> rhs1, int systemCount, int size, int rhsCount)
    {
        int s = index.X, m = systemCount;
        bool two = rhsCount > 1;
        // Forward sweep: upper[r] becomes upper[r] / pivot, right-hand sides eliminated.
        double inv = 1.0 / diagonal[s];
        double cPrev = upper[s] * inv;
        upper[s] = cPrev;
        double d0Prev = rhs0[s] * inv;
        rhs0[s] = d0Prev;
        double d1Prev = 0;
        if (two)
        {
            d1Prev = rhs1[s] * inv;
            rhs1[s] = d1Prev;
        }
        for (int r = 1; r < size; r++)
        {
            int row = r * m + s;
            double ar = lower[row];
            double pivotInv = 1.0 / (diagonal[row] - ar * cPrev);
            cPrev = upper[row] * pivotInv;
            upper[row] = cPrev;
            d0Prev = (rhs0[row] - ar * d0Prev) * pivotInv;
            rhs0[row] = d0Prev;
            if (two)
            {
                d1Prev = (rhs1[row] - ar * d1Prev) * pivotInv;
                rhs1[row] = d1Prev;
            }
        }
        // Back substitution: x[r] = d[r] - c[r] x[r+1]; d0Prev/d1Prev now hold x of the last row.
        for (int r = size - 2; r >= 0; r--)
        {
            int row = r * m + s;
            double cr = upper[row];
            d0Prev = rhs0[row] - cr * d0Prev;
            rhs0[row] = d0Prev;
            if (two)
            {
                d1Prev = rhs1[row] - cr * d1Prev;
                rhs1[row] = d1Prev;
            }
        }
    }

    /// <summary>Releases the stream and device buffers (and the context, for a solver from <see cref="CreateCpu"/>).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _lower?.Dispose();
        _diagonal?.Dispose();
        _upper?.Dispose();
        _rhs0?.Dispose();
        _rhs1?.Dispose();
        _stream.Dispose();
        if (_ownsBackend) _backend.Dispose();
    }
}
