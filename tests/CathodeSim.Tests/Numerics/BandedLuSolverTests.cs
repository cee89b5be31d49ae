using System.Numerics;
using CathodeSim.Numerics.LinearAlgebra;
using Xunit;

namespace CathodeSim.Tests.Numerics;

public sealed class BandedLuSolverTests
{
    [Fact]
    public void Solve_OfARandomBandedSystemNeedingPivots_ReproducesTheRightHandSide()
    {
        const int n = 60, lower = 4, upper = 3;
        var random = new Random(7);
        var dense = new Complex[n, n];
        var solver = new BandedLuSolver<Complex>(n, lower, upper);
        for (int r = 0; r < n; r++)
            for (int c = Math.Max(0, r - lower); c <= Math.Min(n - 1, r + upper); c++)
            {
                // Zero diagonal every fifth row: elimination without row interchanges would divide by zero.
                if (r == c && r % 5 == 0) continue;
                var v = new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5);
                dense[r, c] = v;
                solver.Add(r, c, v);
            }
        var x = Enumerable.Range(0, n).Select(i => new Complex(Math.Sin(i), Math.Cos(3 * i))).ToArray();
        var b = new Complex[n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++) b[r] += dense[r, c] * x[c];
        Assert.True(solver.Factor());
        solver.Solve(b);
        for (int i = 0; i < n; i++) Assert.True((b[i] - x[i]).Magnitude < 1e-10, $"x[{i}] = {b[i]}, expected {x[i]}");
    }

    [Fact]
    public void Factor_OfASingularMatrix_ReturnsFalse_AndAddOutsideTheBandThrows()
    {
        var solver = new BandedLuSolver<Complex>(3, 1, 1);
        solver.Add(0, 0, 1);
        solver.Add(1, 1, 1);
        Assert.False(solver.Factor());
        Assert.Throws<ArgumentOutOfRangeException>(() => solver.Add(0, 2, 1));
    }
}
