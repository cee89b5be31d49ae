using System.Diagnostics;
using CathodeSim.Numerics.Voxels;
using ILGPU;
using ILGPU.Runtime;

namespace CathodeSim.Gpu;

/// <summary>
/// The ILGPU back end of the voxel transport solve: the same conjugate gradients and aggregation multigrid preconditioner
/// as <see cref="CpuVoxelConductivitySolver"/>, with the operator of every level, the cycle's vectors and the iterate
/// resident on the device. The host sets the problem up (flood fill, assembly, coarsening: the same code as the C# back
/// end), uploads it once, and per iteration reads back only three scalars (the dot products that give the step lengths
/// and the residual norm).
/// </summary>
/// <remarks>
/// <para>Dot products are formed as an element-wise product kernel followed by ILGPU.Algorithms' sum reduction, whose
/// summation order differs from the C# back end's chunked sums (and on a GPU, where it combines blocks atomically, from run
/// to run): results agree with the C# back end to round-off amplified by the iteration, about 1e-10 relative in the
/// effective conductivity, not bit for bit.</para>
/// <para>Thread safety: one solve at a time per instance; instances from one <see cref="DeviceChoice"/> share its
/// accelerator and compiled kernels and each owns its stream.</para>
/// </remarks>
public sealed class IlgpuVoxelConductivitySolver : IVoxelConductivitySolver, IDisposable
{
    private readonly IlgpuBackend _backend;
    private readonly bool _ownsBackend;
    private readonly MultigridSettings _settings;
    private readonly AcceleratorStream _stream;
    private bool _disposed;

    /// <summary>A solver on an accelerator the caller owns (and disposes, after this solver).</summary>
    public IlgpuVoxelConductivitySolver(Accelerator accelerator)
        : this(IlgpuBackend.Wrap(accelerator ?? throw new ArgumentNullException(nameof(accelerator))), ownsBackend: true, MultigridSettings.Default)
    {
    }

    internal IlgpuVoxelConductivitySolver(IlgpuBackend backend, bool ownsBackend, MultigridSettings settings)
    {
        _backend = backend;
        _ownsBackend = ownsBackend;
        _settings = settings;
        _stream = backend.Accelerator.CreateStream();
    }

    /// <summary>A solver with its own ILGPU context on ILGPU's CPU accelerator (disposed with the solver): for checking the kernels.</summary>
    public static IlgpuVoxelConductivitySolver CreateCpu() => new(IlgpuBackend.CreateCpu(), ownsBackend: true, MultigridSettings.Default);

    /// <inheritdoc />
    public string Name => _backend.Name;

    /// <inheritdoc />
    public VoxelConductivityResult Solve(VoxelGrid grid, ReadOnlySpan<double> phaseConductivity, VoxelTransportOptions options,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var clock = Stopwatch.StartNew();
        var problem = VoxelTransportProblem.Create(grid, phaseConductivity, options);
        if (problem.Count == 0) return problem.Result([], 0, 0, converged: true, clock.Elapsed, Name);
        cancellationToken.ThrowIfCancellationRequested();
        var hierarchy = AggregationHierarchy.Build(problem.Fine);
        _backend.Accelerator.Bind(); // a CUDA context must be current on the calling thread
        using var device = new DeviceProblem(_backend, _stream, problem, hierarchy);
        var (iterations, residual, converged) = device.Run(_settings, options, cancellationToken);
        var phi = new double[problem.Count];
        device.Solution.CopyToCPU(_stream, phi);
        return problem.Result(phi, iterations, residual, converged, clock.Elapsed, Name);
    }

    /// <summary>Releases the stream (and the context, for a solver from <see cref="CreateCpu"/>).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _stream.Dispose();
        if (_ownsBackend) _backend.Dispose();
    }

    /// <summary>One problem's device buffers (released after the solve) and the iteration that runs on them.</summary>
    private sealed class DeviceProblem : IDisposable
    {
        private readonly List<MemoryBuffer> _buffers = [];
        private readonly Accelerator _accelerator;
        private readonly AcceleratorStream _stream;
        private readonly VoxelTransportKernelSet _k;
        private readonly VoxelLevelArrays[] _levels;
        private readonly int[] _counts;
        private readonly ArrayView<int>[] _parent, _childStart, _children;
        private readonly ArrayView<double> _factor, _b, _x, _r, _p, _q, _product, _sum;
        private readonly double[] _scalar = new double[1];

        public DeviceProblem(IlgpuBackend backend, AcceleratorStream stream, VoxelTransportProblem problem, AggregationHierarchy hierarchy)
        {
            _accelerator = backend.Accelerator;
            _stream = stream;
            _k = backend.VoxelKernels;
            var levels = hierarchy.Levels;
            int depth = levels.Count;
            _levels = new VoxelLevelArrays[depth];
            _counts = new int[depth];
            _parent = new ArrayView<int>[depth];
            _childStart = new ArrayView<int>[depth];
            _children = new ArrayView<int>[depth];
            int n = problem.Count;
            // The finest level's cycle works on the PCG residual (B) and preconditioned residual (X = z).
            _r = Allocate<double>(n);
            var z = Allocate<double>(n);
            for (int l = 0; l < depth; l++)
            {
                var level = levels[l];
                _counts[l] = level.Count;
                _levels[l] = new VoxelLevelArrays
                {
                    Neighbour = Upload(level.Neighbour),
                    Conductance = Upload(level.Conductance),
                    Diagonal = Upload(level.Diagonal),
                    InverseDiagonal = Upload(level.InverseDiagonal),
                    B = l == 0 ? _r : Allocate<double>(level.Count),
                    X = l == 0 ? z : Allocate<double>(level.Count),
                    T = Allocate<double>(level.Count),
                };
                if (level.Parent is not null) _parent[l] = Upload(level.Parent);
                if (level.ChildStart is not null)
                {
                    _childStart[l] = Upload(level.ChildStart);
                    _children[l] = Upload(level.Children!);
                }
            }
            _factor = Upload(hierarchy.CoarsestFactor);
            _b = Upload(problem.RightHandSide);
            _x = Upload(problem.InitialGuess);
            _p = Allocate<double>(n);
            _q = Allocate<double>(n);
            _product = Allocate<double>(n);
            _sum = Allocate<double>(1);
        }

        public ArrayView<double> Solution => _x;

        private ArrayView<T> Allocate<T>(int length) where T : unmanaged
        {
            var buffer = _accelerator.Allocate1D<T>(Math.Max(length, 1));
            _buffers.Add(buffer);
            return buffer.View.BaseView;
        }

        private ArrayView<T> Upload<T>(T[] data) where T : unmanaged
        {
            var view = Allocate<T>(data.Length);
            if (data.Length > 0) view.SubView(0, data.Length).CopyFromCPU(_stream, data);
            return view;
        }

        private double Sum(int n)
        {
            _sum.MemSetToZero(_stream);
            _k.Sum(_stream, _product.SubView(0, n), _sum);
            _sum.CopyToCPU(_stream, _scalar);
            return _scalar[0];
        }

        public (int Iterations, double RelativeResidual, bool Converged) Run(MultigridSettings settings, VoxelTransportOptions options,
            CancellationToken cancellationToken)
        {
            var fine = _levels[0];
            int n = _counts[0];
            _k.Product(_stream, n, _b, _b, _product);
            double bNorm = Math.Sqrt(Sum(n));
            _k.Residual(_stream, n, fine, _b, _x, _r);
            _k.Product(_stream, n, _r, _r, _product);
            double relative = Math.Sqrt(Sum(n)) / bNorm;
            if (relative <= options.RelativeTolerance) return (0, relative, true);

            Cycle(0, zeroStart: true, settings);
            fine.X.CopyTo(_stream, _p);
            _k.Product(_stream, n, _r, fine.X, _product);
            double rz = Sum(n);
            for (int iteration = 1; iteration <= options.MaxIterations; iteration++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _k.ApplyAndProduct(_stream, n, fine, _p, _q, _product);
                double alpha = rz / Sum(n);
                _k.UpdateSolutionAndResidual(_stream, n, alpha, _x, _p, _r, _q, _product);
                relative = Math.Sqrt(Sum(n)) / bNorm;
                options.Progress?.Report(new VoxelSolveProgress(iteration, relative));
                if (relative <= options.RelativeTolerance) return (iteration, relative, true);
                Cycle(0, zeroStart: true, settings);
                _k.Product(_stream, n, _r, fine.X, _product);
                double rzNext = Sum(n);
                double beta = rzNext / rz;
                rz = rzNext;
                _k.Direction(_stream, n, beta, fine.X, _p);
            }
            return (options.MaxIterations, relative, false);
        }

        /// <summary>The cycle of <c>CpuVCycle</c>, launch for launch.</summary>
        private void Cycle(int l, bool zeroStart, MultigridSettings settings)
        {
            var level = _levels[l];
            int n = _counts[l];
            if (l == _levels.Length - 1)
            {
                _k.CoarsestSolve(_stream, 1, _factor, level, n);
                return;
            }
            double w = settings.SmoothingWeight;
            if (zeroStart) _k.SmoothFromZero(_stream, n, level, w);
            else Smooth(level, n, w);
            for (int s = 1; s < settings.Sweeps; s++) Smooth(level, n, w);
            var coarse = _levels[l + 1];
            _k.RestrictResidual(_stream, _counts[l + 1], level, _childStart[l + 1], _children[l + 1], coarse.B);
            for (int visit = 0; visit < settings.CoarseVisits; visit++) Cycle(l + 1, zeroStart: visit == 0, settings);
            _k.Prolong(_stream, n, _parent[l], coarse.X, level.X);
            for (int s = 0; s < settings.Sweeps; s++) Smooth(level, n, w);
        }

        private void Smooth(VoxelLevelArrays level, int n, double weight)
        {
            _k.Residual(_stream, n, level, level.B, level.X, level.T);
            _k.JacobiUpdate(_stream, n, level, weight);
        }

        public void Dispose()
        {
            foreach (var buffer in _buffers) buffer.Dispose();
        }
    }
}
