using K = CathodeSim.Numerics.Voxels.CpuConductanceKernels;

namespace CathodeSim.Numerics.Voxels;

/// <summary>
/// The multigrid V-cycle preconditioner z = M r on the C# back end: damped Jacobi smoothing before and after each
/// coarse correction (the same number of sweeps, so M is symmetric and conjugate gradients stay valid), the fine
/// residual restricted by summing over aggregates, and the coarsest level solved by its dense Cholesky factor.
/// </summary>
/// <remarks>
/// All work arrays and the per-level chunk bodies are made once in the constructor: <see cref="Apply"/> allocates nothing
/// of its own (Parallel.For's bookkeeping aside).
/// </remarks>
internal sealed class CpuVCycle
{
    private readonly AggregationHierarchy _hierarchy;
    private readonly LevelWork[] _work;

    public CpuVCycle(AggregationHierarchy hierarchy, MultigridSettings settings, double[] fineRightHandSide, double[] fineSolution)
    {
        _hierarchy = hierarchy;
        var levels = hierarchy.Levels;
        _work = new LevelWork[levels.Count];
        for (int l = levels.Count - 1; l >= 0; l--)
        {
            var level = levels[l];
            _work[l] = new LevelWork(level, l + 1 < levels.Count ? levels[l + 1] : null, l + 1 < levels.Count ? _work[l + 1] : null,
                settings.SmoothingWeight,
                l == 0 ? fineRightHandSide : new double[level.Count],
                l == 0 ? fineSolution : new double[level.Count]);
        }
        Sweeps = settings.Sweeps;
        CoarseVisits = settings.CoarseVisits;
    }

    private int Sweeps { get; }

    private int CoarseVisits { get; }

    /// <summary>fineSolution = M fineRightHandSide, on the arrays given to the constructor.</summary>
    public void Apply() => Cycle(0, zeroStart: true);

    /// <summary>
    /// One cycle on level l: improves X towards A^-1 B (from zero when <paramref name="zeroStart"/>). A W-cycle's second
    /// visit continues from the first one's result, so the cycle is (2 B - B A B) for a symmetric B: still symmetric.
    /// </summary>
    private void Cycle(int l, bool zeroStart)
    {
        var w = _work[l];
        if (l == _work.Length - 1)
        {
            Array.Copy(w.B, w.X, w.Level.Count);
            DenseCholesky.Solve(_hierarchy.CoarsestFactor, w.Level.Count, w.X);
            return;
        }
        if (zeroStart) ChunkedParallel.For(w.Level.Count, w.SmoothFromZeroBody);
        else w.Smooth();
        for (int s = 1; s < Sweeps; s++) w.Smooth();
        ChunkedParallel.For(_work[l + 1].Level.Count, w.RestrictBody);
        for (int visit = 0; visit < CoarseVisits; visit++) Cycle(l + 1, zeroStart: visit == 0);
        ChunkedParallel.For(w.Level.Count, w.ProlongBody);
        for (int s = 0; s < Sweeps; s++) w.Smooth();
    }

    /// <summary>One level's arrays and its chunk bodies, bound once so that a cycle creates no delegates.</summary>
    private sealed class LevelWork
    {
        public LevelWork(ConductanceLevel level, ConductanceLevel? coarse, LevelWork? coarseWork, double weight, double[] b, double[] x)
        {
            Level = level;
            B = b;
            X = x;
            T = new double[level.Count];
            int n = level.Count;
            SmoothFromZeroBody = chunk => K.SmoothFromZero(level.InverseDiagonal, weight, B, X, Start(chunk), End(chunk, n));
            ResidualBody = chunk => K.Residual(level, B, X, T, Start(chunk), End(chunk, n));
            JacobiBody = chunk => K.JacobiUpdate(level.InverseDiagonal, weight, T, X, Start(chunk), End(chunk, n));
            if (coarse is not null && coarseWork is not null)
            {
                int nc = coarse.Count;
                RestrictBody = chunk => K.RestrictResidual(level, coarse, B, X, coarseWork.B, Start(chunk), End(chunk, nc));
                ProlongBody = chunk => K.Prolong(level.Parent!, coarseWork.X, X, Start(chunk), End(chunk, n));
            }
            else
            {
                RestrictBody = ProlongBody = _ => { };
            }
        }

        public ConductanceLevel Level { get; }
        public double[] B { get; }
        public double[] X { get; }
        public double[] T { get; }
        public Action<int> SmoothFromZeroBody { get; }
        public Action<int> ResidualBody { get; }
        public Action<int> JacobiBody { get; }
        public Action<int> RestrictBody { get; }
        public Action<int> ProlongBody { get; }

        public void Smooth()
        {
            ChunkedParallel.For(Level.Count, ResidualBody);
            ChunkedParallel.For(Level.Count, JacobiBody);
        }

        private static int Start(int chunk) => chunk * ChunkedParallel.ChunkSize;
        private static int End(int chunk, int n) => Math.Min(n, (chunk + 1) * ChunkedParallel.ChunkSize);
    }
}
