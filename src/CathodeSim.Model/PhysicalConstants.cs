namespace CathodeSim.Model;

/// <summary>Physical constants in SI units (CODATA 2018 exact values).</summary>
public static class PhysicalConstants
{
    /// <summary>Faraday constant, C/mol.</summary>
    public const double Faraday = 96485.33212;

    /// <summary>Molar gas constant, J/(mol K).</summary>
    public const double Gas = 8.314462618;

    /// <summary>0 degC in kelvin.</summary>
    public const double ZeroCelsius = 273.15;

    /// <summary>Coulombs per milliampere-hour.</summary>
    public const double CoulombPerMilliampHour = 3.6;
}
