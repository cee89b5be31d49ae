using System.Text;

namespace CathodeSim.IO.Units;

/// <summary>
/// A physical dimension as integer exponents of the SI base quantities used here:
/// length (m), mass (kg), time (s), electric current (A), temperature (K) and amount of substance (mol).
/// </summary>
/// <param name="Length">Exponent of m.</param>
/// <param name="Mass">Exponent of kg.</param>
/// <param name="Time">Exponent of s.</param>
/// <param name="Current">Exponent of A.</param>
/// <param name="Temperature">Exponent of K.</param>
/// <param name="Amount">Exponent of mol.</param>
public readonly record struct Dimension(int Length, int Mass, int Time, int Current, int Temperature, int Amount)
{
    /// <summary>A pure number.</summary>
    public static Dimension None => default;

    /// <summary>m.</summary>
    public static Dimension OfLength => new(1, 0, 0, 0, 0, 0);

    /// <summary>kg.</summary>
    public static Dimension OfMass => new(0, 1, 0, 0, 0, 0);

    /// <summary>s.</summary>
    public static Dimension OfTime => new(0, 0, 1, 0, 0, 0);

    /// <summary>A.</summary>
    public static Dimension OfCurrent => new(0, 0, 0, 1, 0, 0);

    /// <summary>K.</summary>
    public static Dimension OfTemperature => new(0, 0, 0, 0, 1, 0);

    /// <summary>mol.</summary>
    public static Dimension OfAmount => new(0, 0, 0, 0, 0, 1);

    /// <summary>True for a pure number.</summary>
    public bool IsDimensionless => this == default;

    /// <summary>Product of dimensions (exponents add).</summary>
    public static Dimension operator *(Dimension a, Dimension b) =>
        new(a.Length + b.Length, a.Mass + b.Mass, a.Time + b.Time, a.Current + b.Current, a.Temperature + b.Temperature, a.Amount + b.Amount);

    /// <summary>Quotient of dimensions (exponents subtract).</summary>
    public static Dimension operator /(Dimension a, Dimension b) => a * b.Pow(-1);

    /// <summary>Integer power (exponents multiply).</summary>
    public Dimension Pow(int n) => new(Length * n, Mass * n, Time * n, Current * n, Temperature * n, Amount * n);

    /// <summary>The dimension in SI base units, e.g. "kg m^2 s^-3 A^-1"; "1" for a pure number.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        void Part(string symbol, int exponent)
        {
            if (exponent == 0) return;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(symbol);
            if (exponent != 1) sb.Append('^').Append(exponent);
        }
        Part("kg", Mass);
        Part("m", Length);
        Part("s", Time);
        Part("A", Current);
        Part("K", Temperature);
        Part("mol", Amount);
        return sb.Length == 0 ? "1" : sb.ToString();
    }
}
