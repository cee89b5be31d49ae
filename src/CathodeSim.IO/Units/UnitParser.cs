using System.Globalization;
using System.Text.RegularExpressions;

namespace CathodeSim.IO.Units;

/// <summary>A quantity or unit string that could not be read.</summary>
public sealed class UnitFormatException : FormatException
{
    /// <summary>Creates the exception with a complete message.</summary>
    public UnitFormatException(string message) : base(message) { }
}

/// <summary>
/// Parses quantity strings such as "5.5 mg", "4 µm", "25 degC", "1.49 mS/cm", "0.2 mA/cm^2", "10 ohm cm^2" or "200 mAh/g"
/// and converts them to SI base units.
/// </summary>
/// <remarks>
/// A unit expression is a product or quotient of unit symbols (separated by spaces, '*' or '·', or '/'),
/// each with an optional SI prefix (p n u µ m c k M) and an optional integer power ("^2", "^-1"); parentheses group.
/// '/' applies to the next factor only: "J/mol/K" is J mol^-1 K^-1. Known units: m, g, s, min, h (hour, hours), day,
/// A, V, ohm (Ω), S, C (coulomb), Ah (mAh), J, W, Wh, N, Pa, mol, K, L, %, and degC (°C), which is affine and may
/// only stand alone.
/// </remarks>
public static partial class UnitParser
{
    /// <summary>A unit worth Scale * 10^Exp10 SI units; decimal factors are kept apart so that "10 um" gives exactly 1e-5.</summary>
    private sealed record UnitDef(double Scale, int Exp10, Dimension Dimension, bool Prefixable);

    /// <summary>A parsed unit expression: Scale * 10^Exp10 SI units.</summary>
    private readonly record struct Factor(double Scale, int Exp10, Dimension Dimension)
    {
        public static Factor operator *(Factor a, Factor b) => new(a.Scale * b.Scale, a.Exp10 + b.Exp10, a.Dimension * b.Dimension);

        public static Factor operator /(Factor a, Factor b) => new(a.Scale / b.Scale, a.Exp10 - b.Exp10, a.Dimension / b.Dimension);

        public Factor Pow(int n) => new(Math.Pow(Scale, n), Exp10 * n, Dimension.Pow(n));

        /// <summary>number * Scale * 10^Exp10, dividing by an exact power of ten for negative exponents (correctly rounded).</summary>
        public double Apply(double number)
        {
            double v = number * Scale;
            int e = Exp10;
            if (e == 0) return v;
            if (Math.Abs(e) <= 22) return e < 0 ? v / Pow10[-e] : v * Pow10[e];
            return v * Math.Pow(10, e);
        }
    }

    private static readonly double[] Pow10 = Enumerable.Range(0, 23).Select(k => double.Parse("1e" + k, CultureInfo.InvariantCulture)).ToArray();

    private static readonly Dimension M = Dimension.OfLength, Kg = Dimension.OfMass, S = Dimension.OfTime,
        A = Dimension.OfCurrent, K = Dimension.OfTemperature, Mol = Dimension.OfAmount;

    private static readonly Dimension Volt = Kg * M.Pow(2) / S.Pow(3) / A;
    private static readonly Dimension Ohm = Volt / A;
    private static readonly Dimension Joule = Kg * M.Pow(2) / S.Pow(2);

    private static readonly Dictionary<string, UnitDef> Units = new(StringComparer.Ordinal)
    {
        ["m"] = new(1, 0, M, true),
        ["g"] = new(1, -3, Kg, true),
        ["s"] = new(1, 0, S, true),
        ["sec"] = new(1, 0, S, false),
        ["second"] = new(1, 0, S, false),
        ["seconds"] = new(1, 0, S, false),
        ["min"] = new(60, 0, S, false),
        ["mins"] = new(60, 0, S, false),
        ["minute"] = new(60, 0, S, false),
        ["minutes"] = new(60, 0, S, false),
        ["h"] = new(3600, 0, S, false),
        ["hr"] = new(3600, 0, S, false),
        ["hrs"] = new(3600, 0, S, false),
        ["hour"] = new(3600, 0, S, false),
        ["hours"] = new(3600, 0, S, false),
        ["day"] = new(86400, 0, S, false),
        ["days"] = new(86400, 0, S, false),
        ["Hz"] = new(1, 0, S.Pow(-1), true),
        ["A"] = new(1, 0, A, true),
        ["V"] = new(1, 0, Volt, true),
        ["ohm"] = new(1, 0, Ohm, true),
        ["Ohm"] = new(1, 0, Ohm, true),
        ["Ω"] = new(1, 0, Ohm, true),
        ["S"] = new(1, 0, Ohm.Pow(-1), true),
        ["C"] = new(1, 0, A * S, true),
        ["F"] = new(1, 0, A * S / Volt, true),
        ["Ah"] = new(3600, 0, A * S, true),
        ["J"] = new(1, 0, Joule, true),
        ["W"] = new(1, 0, Joule / S, true),
        ["Wh"] = new(3600, 0, Joule, true),
        ["N"] = new(1, 0, Kg * M / S.Pow(2), true),
        ["Pa"] = new(1, 0, Kg / M / S.Pow(2), true),
        ["mol"] = new(1, 0, Mol, true),
        ["K"] = new(1, 0, K, true),
        ["L"] = new(1, -3, M.Pow(3), true),
        ["%"] = new(1, -2, Dimension.None, false),
    };

    private static readonly Dictionary<char, int> Prefixes = new()
    {
        ['p'] = -12, ['n'] = -9, ['u'] = -6, ['µ'] = -6, ['μ'] = -6,
        ['m'] = -3, ['c'] = -2, ['k'] = 3, ['M'] = 6,
    };

    [GeneratedRegex(@"^\s*(?<num>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(?<unit>.*?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberThenUnit();

    /// <summary>
    /// Splits "5.5 mg" into 5.5 and "mg". False when the text does not start with a number.
    /// </summary>
    public static bool TrySplitNumber(string text, out double number, out string unit)
    {
        var match = NumberThenUnit().Match(text);
        if (!match.Success || !double.TryParse(match.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            number = double.NaN;
            unit = "";
            return false;
        }
        unit = match.Groups["unit"].Value;
        return true;
    }

    /// <summary>
    /// Parses "number [unit]" into an SI quantity; a bare number is dimensionless.
    /// </summary>
    /// <param name="text">E.g. "25 degC", "0.785 cm^2".</param>
    /// <param name="allowCoulomb">False in protocol contexts, where 'C' means a C-rate and never a coulomb.</param>
    /// <exception cref="UnitFormatException">The text is not a number followed by a known unit expression.</exception>
    public static Quantity ParseQuantity(string text, bool allowCoulomb = true)
    {
        if (!TrySplitNumber(text, out double number, out string unit))
            throw new UnitFormatException($"'{text}' is not a number followed by a unit (such as '5.5 mg')");
        if (!double.IsFinite(number)) throw new UnitFormatException($"'{text}' is not a finite number");
        if (unit.Length == 0) return new Quantity(number, Dimension.None);
        if (unit is "degC" or "°C" or "℃") return new Quantity(number + 273.15, K);
        var factor = new ExpressionParser(unit, allowCoulomb).ParseAll();
        return new Quantity(factor.Apply(number), factor.Dimension);
    }

    /// <summary>Parses a unit expression such as "mS/cm" or "ohm cm^2" into its SI factor and dimension.</summary>
    /// <param name="unit">The expression.</param>
    /// <param name="allowCoulomb">False in protocol contexts, where 'C' means a C-rate.</param>
    /// <exception cref="UnitFormatException">Unknown symbol or malformed expression.</exception>
    public static (double Factor, Dimension Dimension) ParseUnit(string unit, bool allowCoulomb = true)
    {
        if (unit is "degC" or "°C" or "℃")
            throw new UnitFormatException("'degC' is an offset scale and can only stand alone after a number (e.g. '25 degC'); use K in compound units");
        var factor = new ExpressionParser(unit, allowCoulomb).ParseAll();
        return (factor.Apply(1.0), factor.Dimension);
    }

    /// <summary>
    /// Parses <paramref name="text"/> and converts it to SI, requiring the dimension of <paramref name="kind"/>.
    /// A bare number is accepted only for dimensionless kinds.
    /// </summary>
    /// <exception cref="UnitFormatException">Message like "expected a mass such as '5.5 mg', got '5.5'".</exception>
    public static double ToSi(string text, QuantityKind kind, bool allowCoulomb = true)
    {
        string expected = $"expected {kind.Description} such as '{kind.Example}'";
        Quantity q;
        try
        {
            q = ParseQuantity(text, allowCoulomb);
        }
        catch (UnitFormatException e)
        {
            throw new UnitFormatException($"{expected}, got '{text}' ({e.Message})");
        }
        if (q.Dimension == kind.Dimension) return q.Value;
        if (q.Dimension.IsDimensionless && TrySplitNumber(text, out _, out string u) && u.Length == 0)
            throw new UnitFormatException($"{expected}, got '{text}'");
        throw new UnitFormatException($"{expected}, got '{text}', which is {QuantityKind.Describe(q.Dimension)}");
    }

    private sealed class ExpressionParser(string text, bool allowCoulomb)
    {
        private int _pos;

        public Factor ParseAll()
        {
            var result = ParseProduct();
            SkipSpaces();
            if (_pos < text.Length) throw Fail($"unexpected '{text[_pos]}'");
            return result;
        }

        private UnitFormatException Fail(string what) => new($"cannot read unit '{text}': {what}");

        private void SkipSpaces()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
        }

        private Factor ParseProduct()
        {
            var factor = ParseFactor();
            while (true)
            {
                SkipSpaces();
                if (_pos >= text.Length || text[_pos] == ')') return factor;
                char c = text[_pos];
                bool divide = false;
                if (c is '*' or '·' or '⋅') _pos++;
                else if (c == '/') { divide = true; _pos++; }
                // Otherwise juxtaposition ("ohm cm^2") multiplies.
                var next = ParseFactor();
                factor = divide ? factor / next : factor * next;
            }
        }

        private Factor ParseFactor()
        {
            SkipSpaces();
            if (_pos >= text.Length) throw Fail("a unit is missing at the end");
            Factor atom;
            char c = text[_pos];
            if (c == '(')
            {
                _pos++;
                atom = ParseProduct();
                SkipSpaces();
                if (_pos >= text.Length || text[_pos] != ')') throw Fail("missing ')'");
                _pos++;
            }
            else if (c == '1')
            {
                _pos++;
                atom = new Factor(1.0, 0, Dimension.None);
            }
            else
            {
                int start = _pos;
                while (_pos < text.Length && (char.IsLetter(text[_pos]) || text[_pos] is '%' or '°')) _pos++;
                if (_pos == start) throw Fail($"unexpected '{c}'");
                atom = LookUp(text[start.._pos]);
            }
            SkipSpaces();
            if (_pos < text.Length && text[_pos] == '^')
            {
                _pos++;
                SkipSpaces();
                int start = _pos;
                if (_pos < text.Length && text[_pos] is '-' or '+') _pos++;
                while (_pos < text.Length && char.IsDigit(text[_pos])) _pos++;
                if (!int.TryParse(text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int power))
                    throw Fail("'^' must be followed by an integer power such as ^2 or ^-1");
                atom = atom.Pow(power);
            }
            return atom;
        }

        private Factor LookUp(string symbol)
        {
            if (symbol is "degC" or "°C" or "℃")
                throw Fail("'degC' is an offset scale and can only stand alone; use K in compound units");
            if (Units.TryGetValue(symbol, out var def))
            {
                CheckCoulomb(symbol, symbol);
                return new Factor(def.Scale, def.Exp10, def.Dimension);
            }
            if (symbol.Length > 1 && Prefixes.TryGetValue(symbol[0], out int prefix)
                && Units.TryGetValue(symbol[1..], out var baseDef) && baseDef.Prefixable)
            {
                CheckCoulomb(symbol, symbol[1..]);
                return new Factor(baseDef.Scale, baseDef.Exp10 + prefix, baseDef.Dimension);
            }
            throw Fail($"unknown unit '{symbol}'");
        }

        private void CheckCoulomb(string symbol, string unit)
        {
            if (!allowCoulomb && unit == "C")
                throw Fail($"'{symbol}' would be a coulomb, but in a protocol 'C' means a C-rate; write charges in mAh");
        }
    }
}
