using CathodeSim.Analysis.Capacity;

namespace CathodeSim.Tests.Capacity;

public sealed class CycleStatisticsTests
{
    // 1 mA for 3600 s = 1 mAh.
    private static readonly double[] ChargeSeconds = [3600, 3600, 3600, 3600];
    private static readonly double[] DischargeSeconds = [3240, 3420, 3240, 2880];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void KnownCapacities_GiveCoulombicEfficiencyRetentionEnergyAndMeanVoltages(bool cycleColumn)
    {
        var result = CycleStatistics.Compute(CapacityTestData.Cycles(ChargeSeconds, DischargeSeconds, cycleColumn));

        Assert.Equal(cycleColumn, result.CyclesFromFile);
        Assert.Equal([1, 2, 3, 4], result.Cycles.Select(r => r.Cycle));
        Assert.Equal("mAh", result.Scale.CapacityUnit);
        for (int n = 0; n < 4; n++)
        {
            var r = result.Cycles[n];
            Assert.Equal(ChargeSeconds[n] / 3600, r.ChargeCapacity, 9);
            Assert.Equal(DischargeSeconds[n] / 3600, r.DischargeCapacity, 9);
            Assert.Equal(DischargeSeconds[n] / ChargeSeconds[n], r.CoulombicEfficiency, 9);
            Assert.Equal(100 * DischargeSeconds[n] / DischargeSeconds[0], r.RetentionPercent, 9);
            Assert.Equal(3.8, r.MeanChargeVoltage, 9);
            Assert.Equal(3.5, r.MeanDischargeVoltage, 9);
            Assert.Equal(3.8 * ChargeSeconds[n] / 3600, r.ChargeEnergy, 9);
            Assert.Equal(3.5 * DischargeSeconds[n] / 3600, r.DischargeEnergy, 9);
        }
    }

    [Fact]
    public void ReferenceCycleAndActiveMass_ScaleRetentionAndUnits()
    {
        var result = CycleStatistics.Compute(CapacityTestData.Cycles(ChargeSeconds, DischargeSeconds, true), activeMass: 5e-6, referenceCycle: 2);
        Assert.Equal(2, result.ReferenceCycle);
        Assert.Equal("mAh/g", result.Scale.CapacityUnit);
        Assert.Equal("mWh/g", result.Scale.EnergyUnit);
        Assert.Equal(0.95 / 5e-3, result.Cycles[1].DischargeCapacity, 6);
        Assert.Equal(100.0, result.Cycles[1].RetentionPercent, 9);
        Assert.Equal(100 * 2880.0 / 3420, result.Cycles[3].RetentionPercent, 9);
        Assert.Throws<ArgumentException>(() => CycleStatistics.Compute(CapacityTestData.Cycles(ChargeSeconds, DischargeSeconds, true), referenceCycle: 9));
    }

    [Fact]
    public void NoCurrent_IsAnError()
    {
        var rest = new CyclingSeries([0, 1, 2], [0, 0, 0], [3, 3, 3]);
        Assert.Throws<ArgumentException>(() => CycleStatistics.Compute(rest));
        Assert.Throws<ArgumentException>(() => new CyclingSeries([0, 2, 1], [0, 0, 0], [3, 3, 3]));
    }
}
