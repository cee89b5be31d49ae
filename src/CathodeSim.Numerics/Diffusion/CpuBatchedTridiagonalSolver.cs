namespace CathodeSim.Numerics.Diffusion;

/// <summary>
/// The reference back end: Thomas algorithm in plain C#, the inner loop running over systems so that it is contiguous
/// and vectorisable. Large batches are split into chunks of systems solved in parallel.
/// </summary>
public sealed class CpuBatchedTridiagonalSolver : IBatchedTridiagonalSolver
{
    private readonly int _parallelThreshold;

    /// <summary>Creates the solver.</summary>
    /// <param name="parallelThreshold">Batches with at least this many systems are split across cores; 0 or less: never.</param>
    public CpuBatchedTridiagonalSolver(int parallelThreshold = 4096) => _parallelThreshold = parallelThreshold;

    /// <inheritdoc />
    public string Name => "cpu";

    /// <inheritdoc />
    public void Solve(BatchedTridiagonalSystems systems)
    {
        int m = systems.SystemCount;
        if (_parallelThreshold > 0 && m >= _parallelThreshold)
        {
            int chunks = Math.Min(Environment.ProcessorCount * 4, m / 256 + 1);
            Parallel.For(0, chunks, chunk =>
            {
                int start = (int)((long)m * chunk / chunks), end = (int)((long)m * (chunk + 1) / chunks);
                SolveRange(systems, start, end);
            });
        }
        else
        {
            SolveRange(systems, 0, m);
        }
    }

    private static void SolveRange(BatchedTridiagonalSystems systems, int start, int end)
    {
        int m = systems.SystemCount, n = systems.Size, nrhs = systems.RightHandSides;
        double[] a = systems.Lower, b = systems.Diagonal, c = systems.Upper;
        // Forward sweep: b[r] becomes the pivot, c[r] becomes c[r]/pivot, rhs eliminated.
        for (int s = start; s < end; s++)
        {
            double inv = 1.0 / b[s];
            c[s] *= inv;
            for (int k = 0; k < nrhs; k++) systems.Rhs[k][s] *= inv;
        }
        for (int r = 1; r < n; r++)
        {
            int row = r * m, prev = row - m;
            for (int s = start; s < end; s++)
            {
                double ar = a[row + s];
                double inv = 1.0 / (b[row + s] - ar * c[prev + s]);
                c[row + s] *= inv;
                for (int k = 0; k < nrhs; k++)
                {
                    double[] d = systems.Rhs[k];
                    d[row + s] = (d[row + s] - ar * d[prev + s]) * inv;
                }
            }
        }
        for (int r = n - 2; r >= 0; r--)
        {
            int row = r * m, next = row + m;
            for (int s = start; s < end; s++)
            {
                double cr = c[row + s];
                for (int k = 0; k < nrhs; k++)
                {
                    double[] d = systems.Rhs[k];
                    d[row + s] -= cr * d[next + s];
                }
            }
        }
    }
}
