using CathodeSim.IO.Units;

namespace CathodeSim.Tests.Config;

public sealed class UnitParserTests
{
    [Theory]
    [InlineData("5.5 mg", 5.5e-6, "Mass")]
    [InlineData("4 um", 4e-6, "Length")]
    [InlineData("4 µm", 4e-6, "Length")]
    [InlineData("4 μm", 4e-6, "Length")]
    [InlineData("10 mm", 1e-2, "Length")]
    [InlineData("25 degC", 298.15, "Temperature")]
    [InlineData("-273.15 °C", 0.0, "Temperature")]
    [InlineData("298.15 K", 298.15, "Temperature")]
    [InlineData("0.785 cm^2", 0.785e-4, "Area")]
    [InlineData("1.49 mS/cm", 0.149, "Conductivity")]
    [InlineData("1e-7 S/cm", 1e-5, "Conductivity")]
    [InlineData("0.2 mA/cm^2", 2.0, "CurrentDensity")]
    [InlineData("10 ohm cm^2", 1e-3, "AreaResistance")]
    [InlineData("10 Ω cm^2", 1e-3, "AreaResistance")]
    [InlineData("97.46 g/mol", 0.09746, "MolarMass")]
    [InlineData("4.79 g/cm^3", 4790, "Density")]
    [InlineData("12 kJ/mol", 12000, "MolarEnergy")]
    [InlineData("200 mAh/g", 720000, "SpecificCharge")]
    [InlineData("4 hours", 14400, "Time")]
    [InlineData("1 h", 3600, "Time")]
    [InlineData("15 min", 900, "Time")]
    [InlineData("2 ms", 2e-3, "Time")]
    [InlineData("1e-15 m^2/s", 1e-15, "Diffusivity")]
    [InlineData("3.7 V", 3.7, "Voltage")]
    [InlineData("0.62V", 0.62, "Voltage")]
    [InlineData("0.2 mV", 2e-4, "Voltage")]
    [InlineData("0.5 mAh", 1.8, "Charge")]
    [InlineData("2 C", 2.0, "Charge")]
    [InlineData("1 mL", 1e-6, "Volume")]
    [InlineData("0.65", 0.65, "Number")]
    [InlineData("65 %", 0.65, "Number")]
    [InlineData("1 kg m^2 s^-3 A^-1", 1.0, "Voltage")]
    [InlineData("1 J/(mol K) K", 1.0, "MolarEnergy")]
    [InlineData("5 A m^-2", 5.0, "CurrentDensity")]
    [InlineData("49000 mol/m^3", 49000, "Concentration")]
    public void ConvertsToSi(string text, double expected, string kindName)
    {
        var kind = (QuantityKind)typeof(QuantityKind).GetProperty(kindName)!.GetValue(null)!;
        double value = UnitParser.ToSi(text, kind);
        Assert.Equal(expected, value, Math.Max(Math.Abs(expected) * 1e-12, 1e-12));
    }

    [Fact]
    public void DimensionsAreExponentVectors()
    {
        var q = UnitParser.ParseQuantity("1.49 mS/cm");
        Assert.Equal(new Dimension(-3, -1, 3, 2, 0, 0), q.Dimension);
        Assert.Equal("kg^-1 m^-3 s^3 A^2", q.Dimension.ToString());
        Assert.Equal(QuantityKind.Conductivity.Dimension, q.Dimension);
        Assert.True(UnitParser.ParseQuantity("3").Dimension.IsDimensionless);
    }

    [Fact]
    public void BareNumberForDimensionedKeyIsRejected()
    {
        var e = Assert.Throws<UnitFormatException>(() => UnitParser.ToSi("5.5", QuantityKind.Mass));
        Assert.Equal("expected a mass such as '5.5 mg', got '5.5'", e.Message);
    }

    [Fact]
    public void DimensionMismatchNamesBothKinds()
    {
        var e = Assert.Throws<UnitFormatException>(() => UnitParser.ToSi("5.5 mm", QuantityKind.Mass));
        Assert.Contains("expected a mass such as '5.5 mg', got '5.5 mm'", e.Message);
        Assert.Contains("a length", e.Message);

        e = Assert.Throws<UnitFormatException>(() => UnitParser.ToSi("1.49 mS", QuantityKind.Conductivity));
        Assert.Contains("expected a conductivity such as '1.49 mS/cm'", e.Message);
    }

    [Theory]
    [InlineData("5 furlongs")]
    [InlineData("25 degC/s")]
    [InlineData("3 m^")]
    [InlineData("3 m^x")]
    [InlineData("3 (m")]
    [InlineData("3 m/")]
    [InlineData("mg")]
    [InlineData("")]
    public void MalformedQuantitiesAreRejected(string text)
    {
        Assert.Throws<UnitFormatException>(() => UnitParser.ParseQuantity(text));
    }

    [Fact]
    public void DegreesCelsiusIsOnlyAllowedAlone()
    {
        var e = Assert.Throws<UnitFormatException>(() => UnitParser.ParseUnit("degC"));
        Assert.Contains("alone", e.Message);
        e = Assert.Throws<UnitFormatException>(() => UnitParser.ParseQuantity("1 J/degC"));
        Assert.Contains("alone", e.Message);
    }

    [Fact]
    public void CoulombCanBeForbiddenForProtocols()
    {
        Assert.Equal(1.8, UnitParser.ToSi("0.5 mAh", QuantityKind.Charge, allowCoulomb: false), 12);
        var e = Assert.Throws<UnitFormatException>(() => UnitParser.ToSi("2 C", QuantityKind.Charge, allowCoulomb: false));
        Assert.Contains("C-rate", e.Message);
    }
}
