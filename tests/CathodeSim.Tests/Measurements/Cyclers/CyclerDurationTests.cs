using CathodeSim.IO.Measurements;

namespace CathodeSim.Tests.Measurements.Cyclers;

/// <summary>The duration forms cyclers print, and the state words that sign a current.</summary>
public sealed class CyclerDurationTests
{
    [Theory]
    [InlineData("00:00:00", 0)]
    [InlineData("01:02:03", 3723)]
    [InlineData("123:04:05", 443045)]            // LAND past a day, without days
    [InlineData("01:02:03.250", 3723.25)]
    [InlineData("01:02:03,5", 3723.5)]            // decimal comma
    [InlineData("2-01:02:03", 176523)]            // LAND d-hh:mm:ss
    [InlineData("2.01:02:03", 176523)]            // .NET / Arbin d.hh:mm:ss
    [InlineData("2.01:02:03.0000000", 176523)]    // what WorkbookSheets writes for a time cell
    [InlineData("2 01:02:03", 176523)]
    [InlineData("2d 01:02:03.00", 176523)]        // Maccor
    [InlineData("0d 00:10:00.00", 600)]
    public void ClockForms_AreSeconds(string text, double seconds)
    {
        Assert.True(CyclerDuration.TryParse(text, out double s), text);
        Assert.Equal(seconds, s, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("01:02")]
    [InlineData("01:60:00")]
    [InlineData("01:00:60")]
    [InlineData("1-2-01:00:00")]
    [InlineData("2026-03-02 09:10:00")]
    [InlineData("01:2O:00")]
    public void OtherText_IsNoDuration(string text) => Assert.False(CyclerDuration.TryParse(text, out _), text);

    [Theory]
    [InlineData("C", 1)]
    [InlineData("D", -1)]
    [InlineData("R", 0)]
    [InlineData("O", 0)]
    [InlineData("C_CC", 1)]
    [InlineData("D_CC", -1)]
    [InlineData("RateC", 1)]
    [InlineData("RateD", -1)]
    [InlineData("CC_Chg", 1)]
    [InlineData("CC_DChg", -1)]
    [InlineData("CCCV_Chg", 1)]
    [InlineData("Rest", 0)]
    [InlineData("CC", 0)]
    public void StateWords_SignTheCurrent(string state, int sign) => Assert.Equal(sign, CyclerLayout.StateSign(state));
}
