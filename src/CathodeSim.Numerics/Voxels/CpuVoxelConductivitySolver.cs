using System.Diagnostics;
using K = CathodeSim.Numerics.Voxels.CpuConductanceKernels;

namespace CathodeSim.Numerics.Voxels;

/// <summary>
/// The reference back end: conjugate gradients preconditioned by an aggregation multigrid V-cycle, in plain C# on all
/// cores. Unknowns are only the voxels of the spanning conducting clusters (see <see cref="IVoxelConductivitySolver"/>);
/// the iteration starts from a potential falling linearly through the box.
/// </summary>
/// <remarks>
/// <para>Every loop runs over fixed chunks with per-chunk partial sums added in order, so a structure gives the same
/// numbers on every run, whatever the core count. The iteration loop allocates no arrays.</para>
/// <para>Why multigrid: with a Jacobi preconditioner the iteration count grows with the box edge (about 1,000 at 256
/// voxels); the V-cycle keeps it nearly flat (docs/voxel-transport.md has the measurements).</para>
/// </remarks>
public sealed class CpuVoxelConductivitySolver : IVoxelConductivitySolver
{
    private readonly MultigridSettings _settings;

    /// <summary>A solver with the default multigrid settings.</summary>
    public CpuVoxelConductivitySolver() : this(MultigridSettings.Default)
    {
    }

    internal CpuVoxelConductivitySolver(MultigridSettings settings) => _settings = settings;

    /// <inheritdoc />
    public string Name => "cpu";

    /// <inheritdoc />
    public VoxelConductivityResult Solve(VoxelGrid grid, ReadOnlySpan<double> phaseConductivity, VoxelTransportOptions options,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var problem = VoxelTransportProblem.Create(grid, phaseConductivity, options);
        if (problem.Count == 0) return problem.Result([], 0, 0, converged: true, clock.Elapsed, Name);
        cancellationToken.ThrowIfCancellationRequested();
        var hierarchy = AggregationHierarchy.Build(problem.Fine);
        var phi = (double[])problem.InitialGuess.Clone();
        var (iterations, residual, converged) = new Pcg(problem, hierarchy, _settings, phi).Run(options, cancellationToken);
        return problem.Result(phi, iterations, residual, converged, clock.Elapsed, Name);
    }

    /// <summary>The conjugate-gradient iteration with its work vectors and chunk bodies, made once per solve.</summary>
    private sealed class Pcg
    {
        private readonly ConductanceLevel _fine;
        private readonly double[] _b, _x, _r, _z, _p, _q, _partials;
        private readonly CpuVCycle _preconditioner;
        private readonly Action<int> _residual, _applyAndDot, _update, _dotRz, _dotBb, _direction;
        private double _alpha, _beta;

        public Pcg(VoxelTransportProblem problem, AggregationHierarchy hierarchy, MultigridSettings settings, double[] x)
        {
            _fine = problem.Fine;
            int n = _fine.Count;
            _b = problem.RightHandSide;
            _x = x;
            _r = new double[n];
            _z = new double[n];
            _p = new double[n];
            _q = new double[n];
            _partials = new double[ChunkedParallel.Chunks(n)];
            _preconditioner = new CpuVCycle(hierarchy, settings, _r, _z);
            _residual = c => K.Residual(_fine, _b, _x, _r, Start(c), End(c));
            _applyAndDot = c => _partials[c] = K.ApplyAndDot(_fine, _p, _q, Start(c), End(c));
            _update = c =>
            {
                double rr = 0;
                for (int i = Start(c), end = End(c); i < end; i++)
                {
                    _x[i] += _alpha * _p[i];
                    double ri = _r[i] - _alpha * _q[i];
                    _r[i] = ri;
                    rr += ri * ri;
                }
                _partials[c] = rr;
            };
            _dotRz = c => _partials[c] = Dot(_r, _z, Start(c), End(c));
            _dotBb = c => _partials[c] = Dot(_b, _b, Start(c), End(c));
            _direction = c =>
            {
                for (int i = Start(c), end = End(c); i < end; i++) _p[i] = _z[i] + _beta * _p[i];
            };
        }

        private int Start(int chunk) => chunk * ChunkedParallel.ChunkSize;
        private int End(int chunk) => Math.Min(_fine.Count, (chunk + 1) * ChunkedParallel.ChunkSize);

        private static double Dot(double[] a, double[] b, int start, int end)
        {
            double sum = 0;
            for (int i = start; i < end; i++) sum += a[i] * b[i];
            return sum;
        }

        private double Reduce(Action<int> body)
        {
            ChunkedParallel.For(_fine.Count, body);
            return ChunkedParallel.Sum(_partials, ChunkedParallel.Chunks(_fine.Count));
        }

        public (int Iterations, double RelativeResidual, bool Converged) Run(VoxelTransportOptions options, CancellationToken cancellationToken)
        {
            int n = _fine.Count;
            double bNorm = Math.Sqrt(Reduce(_dotBb));
            ChunkedParallel.For(n, _residual);
            double rNorm = Math.Sqrt(Dot(_r, _r, 0, n));
            double relative = rNorm / bNorm;
            if (relative <= options.RelativeTolerance) return (0, relative, true);

            _preconditioner.Apply();
            Array.Copy(_z, _p, n);
            double rz = Reduce(_dotRz);
            for (int iteration = 1; iteration <= options.MaxIterations; iteration++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double pq = Reduce(_applyAndDot);
                _alpha = rz / pq;
                relative = Math.Sqrt(Reduce(_update)) / bNorm;
                options.Progress?.Report(new VoxelSolveProgress(iteration, relative));
                if (relative <= options.RelativeTolerance) return (iteration, relative, true);
                _preconditioner.Apply();
                double rzNext = Reduce(_dotRz);
                _beta = rzNext / rz;
                rz = rzNext;
                ChunkedParallel.For(n, _direction);
            }
            return (options.MaxIterations, relative, false);
        }
    }
}
