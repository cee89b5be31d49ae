using CathodeSim.Analysis.Optimization;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Tests.Analysis;

public class PredictionMapTests
{
    /// <summary>A law with a percolating share below 1, so that keeping or dropping it shows.</summary>
    private sealed record PartlyConnectedLaw(double Exponent, double Share) : IEffectiveTransportLaw
    {
        public double Factor(double volumeFraction) => Math.Pow(volumeFraction, Exponent);

        public double PercolatingShare(double volumeFraction) => Share;
    }

    private static SimulationSetup Cell() => TestCells.Setup(TestCells.B65(ionicLaw: new PartlyConnectedLaw(1.5, 0.8), electronicLaw: new PartlyConnectedLaw(2.0, 0.9)));

    private static CompositeMicrostructure Structure(SimulationSetup s) => CompositeMicrostructure.From(s.Design, 1);

    [Fact]
    public void EachCounterfactual_ChangesOnlyItsMechanism()
    {
        var setup = Cell();
        var d = setup.Design;
        var baseline = Structure(setup);
        Assert.Equal(0.72, baseline.AccessibleActiveFraction, 12);

        // Accessibility: the whole phases connected, conductivities as they were.
        var acc = MechanismCounterfactuals.Remove(setup, LimitingMechanism.Accessibility);
        Assert.Equal(1.0, Structure(acc).AccessibleActiveFraction, 12);
        Assert.Equal(baseline.IonicFactor, Structure(acc).IonicFactor, 12);
        Assert.Equal(baseline.ElectronicFactor, Structure(acc).ElectronicFactor, 12);
        Assert.Equal(setup, acc with { Design = acc.Design with { Cathode = d.Cathode } });

        // Ionic: 100x conductivity without penalty, same accessible NCM, nothing else.
        var ion = MechanismCounterfactuals.Remove(setup, LimitingMechanism.Ionic);
        Assert.Equal(baseline.AccessibleActiveFraction, Structure(ion).AccessibleActiveFraction, 12);
        Assert.Equal(1.0, Structure(ion).IonicFactor, 12);
        Assert.Equal(100 * d.CathodeElectrolyte.IonicConductivity, ion.Design.CathodeElectrolyte.IonicConductivity, 9);
        Assert.Equal(setup, ion with { Design = ion.Design with { Cathode = d.Cathode, CathodeElectrolyte = d.CathodeElectrolyte } });

        // Electronic: ideal NCM network, same accessible NCM, nothing else.
        var ele = MechanismCounterfactuals.Remove(setup, LimitingMechanism.Electronic);
        Assert.Equal(baseline.AccessibleActiveFraction, Structure(ele).AccessibleActiveFraction, 12);
        Assert.Equal(1.0, Structure(ele).ElectronicFactor, 12);
        Assert.Equal(baseline.IonicFactor, Structure(ele).IonicFactor, 12);
        Assert.Equal(setup, ele with { Design = ele.Design with { Cathode = d.Cathode, Active = d.Active } });

        // Diffusion and kinetics: one material property each, 100x.
        var dif = MechanismCounterfactuals.Remove(setup, LimitingMechanism.Diffusion);
        Assert.Equal(100, dif.Design.Active.Diffusivity.At(0.7) / d.Active.Diffusivity.At(0.7), 9);
        Assert.Equal(setup, dif with { Design = dif.Design with { Active = dif.Design.Active with { Diffusivity = d.Active.Diffusivity } } });
        var kin = MechanismCounterfactuals.Remove(setup, LimitingMechanism.Kinetics);
        Assert.Equal(100 * d.Active.ExchangeCurrentDensity, kin.Design.Active.ExchangeCurrentDensity, 9);
        Assert.Equal(setup, kin with { Design = kin.Design with { Active = kin.Design.Active with { ExchangeCurrentDensity = d.Active.ExchangeCurrentDensity } } });
    }

    [Fact]
    public void Condition_SetsRateAndThermostat_AndKeepsTheRest()
    {
        var setup = Cell();
        var cold = new OperatingCondition(1.0, 253.15).Apply(setup);
        Assert.Equal(253.15, cold.Temperature);
        Assert.All(cold.Protocol.OfType<CathodeSim.Model.Protocol.CurrentStep>(), s => Assert.Equal(new CathodeSim.Model.Protocol.CRateSetpoint(1.0), s.Current));
        Assert.Equal(setup.Design, cold.Design);
        Assert.Same(setup.Protocol, new OperatingCondition(null, null).Apply(setup).Protocol);
    }

    [Theory]
    [InlineData(200, 1.0, 3.0, LimitingMechanism.Ionic)]
    [InlineData(200, 1.0, 1.5, LimitingMechanism.None)]
    [InlineData(0, 0.0, 5.0, LimitingMechanism.Ionic)]
    public void Dominant_IsTheLargestLoss_UnlessAllAreBelowOnePercent(double capacity, double kinetics, double ionic, LimitingMechanism expected)
    {
        var losses = MechanismLosses.From(capacity, [capacity, capacity + ionic, double.NaN, capacity, capacity + kinetics]);
        Assert.True(double.IsNaN(losses.Electronic));
        Assert.Equal(expected, losses.Dominant(capacity));
    }

    [Fact]
    public void Band_InterpolatesWhereTheCurveCrosses99Percent()
    {
        RatioPoint[] points = [new(0.5, 90), new(0.6, 100), new(0.7, 99.5), new(0.8, 50), new(0.9, 99.5)];
        var (lower, upper) = PredictionMapBuilder.Band(points, new MaximumResult(0.6, 100, 1));
        Assert.Equal(0.59, lower, 12);
        // The second hump at 0.9 is outside the connected band.
        Assert.Equal(0.7 + 0.1 * (99.5 - 99.0) / (99.5 - 50), upper, 12);
    }

    [Fact]
    public void Map_OfAnAnalyticCell_FindsEachConditionsOptimum_AndNamesTheMechanism()
    {
        var design = TestCells.B65();
        SimulationSetup At(double w) => TestCells.Setup(design with { Cathode = design.Cathode with { ActiveMassFraction = w } });
        // Optimum moves with temperature; fast kinetics recover 5 mAh/g everywhere, the other counterfactuals nothing.
        double Capacity(SimulationSetup s)
        {
            double w = s.Design.Cathode.ActiveMassFraction, best = 0.6 + (s.Temperature - 253.15) / 450;
            double kinetics = s.Design.Active.ExchangeCurrentDensity > design.Active.ExchangeCurrentDensity ? 5 : 0;
            return 200 - 5000 * (w - best) * (w - best) + kinetics;
        }
        var map = new PredictionMapBuilder(At, Capacity).Build([new(0.1, 298.15), new(0.1, 253.15), new(1, 298.15)], new RatioSearchOptions(0.5, 0.9, 5, 0.002, 2));
        Assert.Equal(3, map.Conditions.Count);
        Assert.Equal(3 * 5 * 6 + map.Conditions.Sum(c => c.Refinement.Count), map.Simulations);
        Assert.InRange(map.Conditions[0].Optimum.Argument, 0.7 - 0.002, 0.7 + 0.002);
        Assert.InRange(map.Conditions[1].Optimum.Argument, 0.6 - 0.002, 0.6 + 0.002);
        foreach (var c in map.Conditions)
        {
            Assert.InRange(c.Optimum.Argument, c.BandLower, c.BandUpper);
            // 1 % of 200 is 2 units: |w - best| < 0.02.
            Assert.InRange(c.BandUpper - c.BandLower, 0.035, 0.04);
            // 5 mAh/g is over 1 % of any capacity here (at most 205).
            Assert.All(c.Points, p => Assert.Equal(LimitingMechanism.Kinetics, p.Mechanism));
        }
    }
}
