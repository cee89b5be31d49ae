using CathodeSim.Numerics.Optimization;
using MathNet.Numerics.LinearAlgebra;

namespace CathodeSim.Tests.Impedance.Drt;

/// <summary>Lawson-Hanson NNLS against problems with known solutions.</summary>
public sealed class NonNegativeLeastSquaresTests
{
    [Fact]
    public void Analytical_ConstraintActive_KnownSolution()
    {
        // min (x1 - 1)^2 + (x2 + 2)^2 + (x1 + x2 - 1)^2, x >= 0. Unconstrained: x2 < 0. With x2 = 0: 2 x1 - 2 = 0 -> x1 = 1,
        // and the dual for x2, -(d/dx2) / 2 = -(x2 + 2) - (x1 + x2 - 1) = -2 < 0, confirms optimality.
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } });
        var b = Vector<double>.Build.DenseOfArray([1, -2, 1]);
        var s = NonNegativeLeastSquares.Solve(a, b);
        Assert.True(s.Converged);
        Assert.Equal(1, s.X[0], 12);
        Assert.Equal(0, s.X[1], 12);
        Assert.Equal([true, false], s.Passive);
    }

    [Fact]
    public void Independent_NonNegativeUnconstrainedSolution_IsReturnedUnchanged()
    {
        var rng = new Random(11);
        var a = Matrix<double>.Build.Dense(30, 6, (_, _) => rng.NextDouble());
        var truth = Vector<double>.Build.DenseOfArray([0.5, 1.2, 2, 0.3, 0.9, 1.7]);
        var b = a * truth + Vector<double>.Build.Dense(30, _ => 1e-3 * (rng.NextDouble() - 0.5));
        var unconstrained = a.QR().Solve(b);
        Assert.True(unconstrained.All(v => v > 0));
        var s = NonNegativeLeastSquares.Solve(a, b);
        for (int j = 0; j < 6; j++) Assert.Equal(unconstrained[j], s.X[j], 9);
    }

    [Fact]
    public void Independent_RandomProblem_SatisfiesKktConditions()
    {
        var rng = new Random(5);
        var a = Matrix<double>.Build.Dense(40, 15, (_, _) => rng.NextDouble() - 0.3);
        var b = Vector<double>.Build.Dense(40, _ => rng.NextDouble() - 0.5);
        var s = NonNegativeLeastSquares.Solve(a, b);
        var x = Vector<double>.Build.DenseOfArray(s.X);
        var dual = a.TransposeThisAndMultiply(b - a * x);
        Assert.Contains(s.X, v => v == 0);   // some constraints bind in this problem
        for (int j = 0; j < 15; j++)
        {
            Assert.True(s.X[j] >= 0);
            if (s.X[j] > 0) Assert.True(Math.Abs(dual[j]) < 1e-9, $"dual {dual[j]} at positive x{j}");
            else Assert.True(dual[j] < 1e-9, $"dual {dual[j]} > 0 at zero x{j}");
        }
    }

    [Fact]
    public void FreeVariable_MayBeNegative()
    {
        // min (x1 + 3)^2 + (x2 - 2)^2: x1 free -> -3, x2 >= 0 -> 2; without freedom x1 = 0.
        var a = Matrix<double>.Build.DenseIdentity(2);
        var b = Vector<double>.Build.DenseOfArray([-3, 2]);
        Assert.Equal(-3, NonNegativeLeastSquares.Solve(a, b, [true, false]).X[0], 12);
        Assert.Equal(0, NonNegativeLeastSquares.Solve(a, b).X[0], 12);
    }
}
