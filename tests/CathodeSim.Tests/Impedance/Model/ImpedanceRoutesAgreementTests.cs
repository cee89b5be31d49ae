using System.Numerics;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Impedance;
using CathodeSim.Model.Simulation;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Impedance.Model;

/// <summary>Spec section 5: the numerical (linearised discretisation) and analytical (transmission line) routes agree.</summary>
public class ImpedanceRoutesAgreementTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.6)]
    [InlineData(0.3)]
    public void UniformState_NumericalAndAnalyticalImpedance_AgreeWithinOnePercentAndOneDegree_From1MHzTo10mHz(double x)
    {
        var model = new CellModel(TestCells.B65(), new NumericsOptions(CathodeNodes: 60, RadialShells: 60, SizeBins: 5), 298.15);
        var frequencies = Enumerable.Range(0, 81).Select(i => 1e6 * Math.Pow(10, -i / 10.0)).ToArray();
        var parameters = new ImpedanceParameters();
        var numerical = NumericalImpedance.Compute(model, NumericalImpedance.RestState(model, x), parameters, frequencies);
        var analytical = AnalyticalImpedance.Compute(model, x, parameters, frequencies);
        double worstModulus = 0, worstPhase = 0;
        for (int i = 0; i < frequencies.Length; i++)
        {
            double modulus = Math.Abs(Complex.Abs(numerical[i]) / Complex.Abs(analytical[i]) - 1);
            double phase = Math.Abs(numerical[i].Phase - analytical[i].Phase) * 180 / Math.PI;
            worstModulus = Math.Max(worstModulus, modulus);
            worstPhase = Math.Max(worstPhase, phase);
            Assert.True(modulus < 0.01 && phase < 1.0, $"{frequencies[i]:G3} Hz: numerical {numerical[i]:F3}, analytical {analytical[i]:F3}");
        }
        output.WriteLine($"x = {x}: largest |Z| difference {worstModulus:P3}, largest phase difference {worstPhase:F3} deg");
    }
}
