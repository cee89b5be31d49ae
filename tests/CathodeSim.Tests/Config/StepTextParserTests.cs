using CathodeSim.IO.Protocol;
using CathodeSim.Model.Protocol;

namespace CathodeSim.Tests.Config;

public sealed class StepTextParserTests
{
    private static T Parse<T>(string text) where T : ProtocolStep => Assert.IsType<T>(StepTextParser.Parse(text));

    [Fact]
    public void ChargeAtCRateUntilVoltage()
    {
        var s = Parse<CurrentStep>("Charge at 0.1C until 3.7 V");
        Assert.Equal(CurrentDirection.Charge, s.Direction);
        Assert.Equal(new CRateSetpoint(0.1), s.Current);
        Assert.Equal(3.7, s.CutoffVoltage);
        Assert.Null(s.Duration);
        Assert.Null(s.ChargeLimit);
        Assert.Null(s.SpecificChargeLimit);
        Assert.Equal("Charge at 0.1C until 3.7 V", s.Description);
    }

    [Theory]
    [InlineData("Discharge at C/10 until 2.1 V", 0.1)]
    [InlineData("discharge at 0.1 C until 2.1 V", 0.1)]
    [InlineData("DISCHARGE AT 2C UNTIL 2.1V", 2.0)]
    [InlineData("Discharge at c/2 until 2.1 V", 0.5)]
    public void DischargeAtCRate(string text, double rate)
    {
        var s = Parse<CurrentStep>(text);
        Assert.Equal(CurrentDirection.Discharge, s.Direction);
        var c = Assert.IsType<CRateSetpoint>(s.Current);
        Assert.Equal(rate, c.CRate, 12);
        Assert.Equal(2.1, s.CutoffVoltage);
    }

    [Fact]
    public void CurrentDensitySetpoint()
    {
        var s = Parse<CurrentStep>("Discharge at 0.2 mA/cm^2 until 2.1 V");
        var c = Assert.IsType<CurrentDensitySetpoint>(s.Current);
        Assert.Equal(2.0, c.CurrentDensity, 12);
    }

    [Fact]
    public void AbsoluteCurrentForTime()
    {
        var s = Parse<CurrentStep>("Charge at 1 mA for 15 minutes");
        var c = Assert.IsType<AbsoluteCurrentSetpoint>(s.Current);
        Assert.Equal(1e-3, c.Current, 15);
        Assert.Equal(900, s.Duration);
        Assert.Null(s.CutoffVoltage);
    }

    [Theory]
    [InlineData("Charge at 0.1C for 15 min or until 3.7 V")]
    [InlineData("Charge at 0.1C until 3.7 V or for 15 min")]
    public void TimeOrVoltage(string text)
    {
        var s = Parse<CurrentStep>(text);
        Assert.Equal(900, s.Duration);
        Assert.Equal(3.7, s.CutoffVoltage);
    }

    [Fact]
    public void SpecificChargeLimit()
    {
        var s = Parse<CurrentStep>("Charge at 0.1C until 100 mAh/g");
        Assert.Equal(360000, s.SpecificChargeLimit!.Value, 6);
        Assert.Null(s.CutoffVoltage);
    }

    [Fact]
    public void ChargeLimit()
    {
        var s = Parse<CurrentStep>("Discharge at 0.1C until 0.5 mAh");
        Assert.Equal(1.8, s.ChargeLimit!.Value, 12);
    }

    [Fact]
    public void SeveralLimitsWithOneKeyword()
    {
        var s = Parse<CurrentStep>("Charge at 0.1C until 3.7 V or 100 mAh/g or for 2 h");
        Assert.Equal(3.7, s.CutoffVoltage);
        Assert.Equal(360000, s.SpecificChargeLimit!.Value, 6);
        Assert.Equal(7200, s.Duration);
    }

    [Fact]
    public void RestForHours()
    {
        var s = Parse<RestStep>("Rest for 4 hours");
        Assert.Equal(14400, s.Duration);
    }

    [Fact]
    public void HoldUntilCRate()
    {
        var s = Parse<VoltageHoldStep>("Hold at 3.7 V until C/50");
        Assert.Equal(3.7, s.Voltage);
        Assert.Equal(0.02, Assert.IsType<CRateSetpoint>(s.CurrentLimit).CRate, 12);
        Assert.Null(s.Duration);
    }

    [Fact]
    public void HoldUntilCurrent()
    {
        var s = Parse<VoltageHoldStep>("Hold at 3.7 V until 0.01 mA");
        Assert.Equal(1e-5, Assert.IsType<AbsoluteCurrentSetpoint>(s.CurrentLimit).Current, 15);
    }

    [Fact]
    public void HoldForTime()
    {
        var s = Parse<VoltageHoldStep>("Hold at 3.7 V for 1 hour");
        Assert.Equal(3600, s.Duration);
        Assert.Null(s.CurrentLimit);
    }

    [Fact]
    public void HoldForTimeOrUntilCurrent()
    {
        var s = Parse<VoltageHoldStep>("hold at 3.7 V for 1 hour or until C/20");
        Assert.Equal(3600, s.Duration);
        Assert.Equal(0.05, Assert.IsType<CRateSetpoint>(s.CurrentLimit).CRate, 12);
    }

    [Theory]
    [InlineData("Charge at 0.1C", "no ending condition")]
    [InlineData("Hold at 3.7 V", "no ending condition")]
    [InlineData("Rest", "Rest for")]
    [InlineData("Rest until 3 V", "Rest for")]
    [InlineData("Rest for 3 V", "expected a time")]
    [InlineData("Charge 0.1C until 3.7 V", "'at'")]
    [InlineData("Charge at 0.1C until 3.7 mm", "expected a voltage")]
    [InlineData("Charge at 0.1C until 3 C", "current limit")]
    [InlineData("Charge at 0.1C until 1 h", "'for'")]
    [InlineData("Charge at 5 mV until 3.7 V", "expected a current")]
    [InlineData("Charge at 2 C/cm^2 until 3.7 V", "C-rate")]
    [InlineData("Charge at -0.1C until 3.7 V", "positive")]
    [InlineData("Charge at 0.1C until 3.7 V or 3.8 V", "two voltage limits")]
    [InlineData("Charge at 0.1C for -5 min", "positive")]
    [InlineData("Hold at 3.7 mA until C/50", "expected a voltage")]
    [InlineData("Hold at 3.7 V until 3 V", "expected a current")]
    [InlineData("Charge at 0.1C when 3.7 V", "expected a current")]
    [InlineData("Cycle at 0.1C until 3.7 V", "unknown step")]
    [InlineData("   ", "empty step")]
    public void RejectsWithExplanation(string text, string expectedFragment)
    {
        var e = Assert.Throws<StepParseException>(() => StepTextParser.Parse(text));
        Assert.Contains(expectedFragment, e.Message);
        if (text.Trim().Length > 0) Assert.Contains(text.Trim(), e.Message);
    }
}
