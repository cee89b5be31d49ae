using System.Numerics;
using CathodeSim.Analysis.Impedance;

namespace CathodeSim.Tests.Impedance;

/// <summary>Circuit strings: parsing, errors with positions, and each element's impedance against its closed form.</summary>
public sealed class CircuitTests
{
    [Fact]
    public void Parse_NestedParallel_NamesParametersLikeImpedancePy()
    {
        var c = Circuit.Parse("R0-p(R1,C1)-p(R2-Wo1,C2)");
        Assert.Equal(["R0", "R1", "C1", "R2", "Wo1_0", "Wo1_1", "C2"], c.ParameterNames);
        var series = Assert.IsType<SeriesNode>(c.Root);
        Assert.Equal(3, series.Children.Count);
        var outer = Assert.IsType<ParallelNode>(series.Children[2]);
        Assert.IsType<SeriesNode>(outer.Children[0]);

        var deep = Circuit.Parse("p(R1, p(C1, R2-p(CPE1,W1)))");
        Assert.Equal(["R1", "C1", "R2", "CPE1_0", "CPE1_1", "W1"], deep.ParameterNames);
        double[] p = [10, 1e-6, 5, 1e-5, 0.8, 3];
        double w = 1000;
        Complex inner = 1 / (1 / El(CircuitElementKind.CPE, [1e-5, 0.8], w) + 1 / El(CircuitElementKind.W, [3], w));
        Complex mid = 1 / (1 / El(CircuitElementKind.C, [1e-6], w) + 1 / (5 + inner));
        Complex expected = 1 / (1 / 10.0 + 1 / mid);
        Assert.True((deep.Impedance(p, w) - expected).Magnitude < 1e-12 * expected.Magnitude);
    }

    private static Complex El(CircuitElementKind kind, double[] p, double w) => CircuitElement.Evaluate(kind, p, w);

    [Theory]
    [InlineData("R0-p(R1,C1", 3, "never closed")]
    [InlineData("R0-X1", 3, "unknown element 'X'")]
    [InlineData("R0-p(R1)", 3, "at least two branches")]
    [InlineData("R0-R", 4, "needs an index")]
    [InlineData("R0--R1", 3, "unexpected '-'")]
    [InlineData("R0-p(R1,C1))", 11, "unexpected ')'")]
    [InlineData("R1-R1", 3, "appears twice")]
    [InlineData("R0-", 3, "circuit ends")]
    [InlineData("R0-p(R1;C1)", 7, "unexpected ';'")]
    public void Parse_BadString_PointsAtTheCharacter(string text, int position, string problem)
    {
        var e = Assert.Throws<CircuitFormatException>(() => Circuit.Parse(text));
        Assert.Equal(position, e.Position);
        Assert.Contains(problem, e.Message);
        Assert.Contains($"character {position + 1}", e.Message);
    }

    [Fact]
    public void Elements_MatchTheirClosedForms()
    {
        foreach (double w in new[] { 1e-3, 0.7, 1e3, 1e7 })
        {
            var j = Complex.ImaginaryOne;
            Close(new Complex(42, 0), Circuit.Parse("R1").Impedance([42.0], w));
            Close(1 / (j * w * 3e-6), Circuit.Parse("C1").Impedance([3e-6], w));
            Close(j * w * 2e-7, Circuit.Parse("L1").Impedance([2e-7], w));
            Close(1 / (4e-5 * Complex.Pow(j * w, 0.7)), Circuit.Parse("CPE1").Impedance([4e-5, 0.7], w));
            Close(15 * (1 - j) / Math.Sqrt(w), Circuit.Parse("W1").Impedance([15.0], w));
            Complex s = Complex.Sqrt(j * w * 2.5);
            if (s.Magnitude < 30)
            {
                Close(80 / Complex.Tanh(s) / s, Circuit.Parse("Wo1").Impedance([80, 2.5], w));
                Close(80 * Complex.Tanh(s) / s, Circuit.Parse("Ws1").Impedance([80, 2.5], w));
            }
            else
            {
                // coth, tanh -> 1.
                Close(80 / s, Circuit.Parse("Wo1").Impedance([80, 2.5], w));
                Close(80 / s, Circuit.Parse("Ws1").Impedance([80, 2.5], w));
            }
        }
        // Limits: Wo -> R/3 + 1/(j w C) with C = tau/R, Ws -> R at low frequency.
        double wl = 1e-7;
        var wo = Circuit.Parse("Wo1").Impedance([80, 2.5], wl);
        Close(new Complex(80.0 / 3, -80 / (wl * 2.5)), wo, 1e-6);
        Close(new Complex(80, 0), Circuit.Parse("Ws1").Impedance([80, 2.5], wl), 1e-6);
    }

    private static void Close(Complex expected, Complex actual, double tol = 1e-10) =>
        Assert.True((expected - actual).Magnitude <= tol * expected.Magnitude, $"expected {expected}, got {actual}");
}
