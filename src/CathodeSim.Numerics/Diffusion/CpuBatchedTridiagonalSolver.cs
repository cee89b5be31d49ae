using System.Numerics;
using System.Runtime.InteropServices;

namespace CathodeSim.Numerics.Diffusion;

/// <summary>
/// The reference back end: Thomas algorithm in plain C#, the inner loop running over systems so that it is contiguous,
/// and vectorised across systems with <see cref="Vector{T}"/> (the JIT does not vectorise loops by itself). Large
/// batches are split into chunks of systems solved in parallel.
/// </summary>
/// <remarks>
/// The vector lanes do, per system, exactly the scalar loop's operations in the same order (IEEE division, multiply and
/// subtract; the JIT never contracts them into fused multiply-adds), so the vector and scalar paths, and the ILGPU
/// kernels that repeat the scalar arithmetic, agree bit for bit.
/// </remarks>
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
        if (systems.RightHandSides == 2 && Vector.IsHardwareAccelerated)
        {
            // Whole vectors first, the remaining systems (fewer than a vector's width) by the scalar loop.
            int vectorEnd = start + (end - start) / Vector<double>.Count * Vector<double>.Count;
            SolveRangeTwoRhsVector(systems, start, vectorEnd);
            start = vectorEnd;
        }
        if (start < end) SolveRangeScalar(systems, start, end);
    }

    /// <summary>
    /// Two right-hand sides (the particle stepper's case), <see cref="Vector{T}.Count"/> systems per operation;
    /// <paramref name="end"/> - <paramref name="start"/> is a multiple of it.
    /// </summary>
    private static void SolveRangeTwoRhsVector(BatchedTridiagonalSystems systems, int start, int end)
    {
        int m = systems.SystemCount, n = systems.Size, width = Vector<double>.Count;
        // Indices below are bounded by m * n (checked once here), so the loads and stores skip bounds checks.
        if (systems.Lower.Length < m * n || systems.Diagonal.Length < m * n || systems.Upper.Length < m * n
            || systems.Rhs[0].Length < m * n || systems.Rhs[1].Length < m * n)
            throw new ArgumentException("batch arrays shorter than SystemCount x Size", nameof(systems));
        ref double a = ref MemoryMarshal.GetArrayDataReference(systems.Lower);
        ref double b = ref MemoryMarshal.GetArrayDataReference(systems.Diagonal);
        ref double c = ref MemoryMarshal.GetArrayDataReference(systems.Upper);
        ref double d0 = ref MemoryMarshal.GetArrayDataReference(systems.Rhs[0]);
        ref double d1 = ref MemoryMarshal.GetArrayDataReference(systems.Rhs[1]);
        var one = Vector<double>.One;
        for (int s = start; s < end; s += width)
        {
            nuint i = (nuint)s;
            var inv = one / Vector.LoadUnsafe(ref b, i);
            Vector.StoreUnsafe(Vector.LoadUnsafe(ref c, i) * inv, ref c, i);
            Vector.StoreUnsafe(Vector.LoadUnsafe(ref d0, i) * inv, ref d0, i);
            Vector.StoreUnsafe(Vector.LoadUnsafe(ref d1, i) * inv, ref d1, i);
        }
        for (int r = 1; r < n; r++)
        {
            int row = r * m, prev = row - m;
            for (int s = start; s < end; s += width)
            {
                nuint i = (nuint)(row + s), j = (nuint)(prev + s);
                var ar = Vector.LoadUnsafe(ref a, i);
                var inv = one / (Vector.LoadUnsafe(ref b, i) - ar * Vector.LoadUnsafe(ref c, j));
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref c, i) * inv, ref c, i);
                Vector.StoreUnsafe((Vector.LoadUnsafe(ref d0, i) - ar * Vector.LoadUnsafe(ref d0, j)) * inv, ref d0, i);
                Vector.StoreUnsafe((Vector.LoadUnsafe(ref d1, i) - ar * Vector.LoadUnsafe(ref d1, j)) * inv, ref d1, i);
            }
        }
        for (int r = n - 2; r >= 0; r--)
        {
            int row = r * m, next = row + m;
            for (int s = start; s < end; s += width)
            {
                nuint i = (nuint)(row + s), j = (nuint)(next + s);
                var cr = Vector.LoadUnsafe(ref c, i);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref d0, i) - cr * Vector.LoadUnsafe(ref d0, j), ref d0, i);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref d1, i) - cr * Vector.LoadUnsafe(ref d1, j), ref d1, i);
            }
        }
    }

    private static void SolveRangeScalar(BatchedTridiagonalSystems systems, int start, int end)
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
