using System.Globalization;
using System.Numerics;

namespace CathodeSim.Analysis.Impedance;

/// <summary>Kinds of circuit element, in impedance.py's notation.</summary>
public enum CircuitElementKind
{
    /// <summary>Resistor R: Z = R.</summary>
    R,
    /// <summary>Capacitor C: Z = 1/(j w C).</summary>
    C,
    /// <summary>Inductor L: Z = j w L.</summary>
    L,
    /// <summary>Constant-phase element CPE (Q, alpha): Z = 1/(Q (j w)^alpha).</summary>
    CPE,
    /// <summary>Semi-infinite Warburg W (sigma): Z = sigma (1 - j)/sqrt(w).</summary>
    W,
    /// <summary>Finite-length open Warburg Wo (R, tau): Z = R coth(sqrt(j w tau))/sqrt(j w tau).</summary>
    Wo,
    /// <summary>Finite-length short Warburg Ws (R, tau): Z = R tanh(sqrt(j w tau))/sqrt(j w tau).</summary>
    Ws,
    /// <summary>Voigt RC element K (R, tau), as in lin-KK: Z = R/(1 + j w tau).</summary>
    K,
    /// <summary>ZARC, R in parallel with a CPE, by its time constant (R, tau, alpha): Z = R/(1 + (j w tau)^alpha).</summary>
    Zarc,
    /// <summary>Gerischer G (R, tau) (Lu, Kreller and Adler 2009): Z = R/sqrt(1 + j w tau).</summary>
    G,
    /// <summary>Finite-length Gerischer Gs (R, tau, phi) (Green, Liu and Adler 2008): Z = R/(sqrt(1 + j w tau) tanh(phi sqrt(1 + j w tau))).</summary>
    Gs,
    /// <summary>
    /// Modified inductance La (L, alpha) (BioLogic application note 42): Z = L (j w)^alpha. (impedance.py documents this form
    /// and evaluates (L j w)^alpha; this is the documented one.)
    /// </summary>
    La,
    /// <summary>
    /// Simplified transmission line TLMQ (R_ion, Q_s, gamma) (Landesfeind et al. 2016, eq. 11), a blocking porous electrode with
    /// a CPE interface: Z = sqrt(R_ion/Y_s) coth(sqrt(R_ion Y_s)), Y_s = Q_s (j w)^gamma.
    /// </summary>
    TLMQ,
    /// <summary>
    /// Macrohomogeneous porous electrode T (A, B, a, b) (Paasch, Micka and Gersdorf 1993): Z = A coth(beta)/beta + B/(beta sinh(beta)),
    /// beta = sqrt(a + j w b).
    /// </summary>
    T,
}

/// <summary>A node of a parsed circuit: an element, a series chain or a parallel group.</summary>
public abstract class CircuitNode
{
    private protected CircuitNode() { }

    /// <summary>Impedance of this node at angular frequency <paramref name="omega"/> (rad/s) for the parameter vector <paramref name="p"/>.</summary>
    public abstract Complex Impedance(ReadOnlySpan<double> p, double omega);
}

/// <summary>One element of a circuit.</summary>
public sealed class CircuitElement : CircuitNode
{
    internal CircuitElement(CircuitElementKind kind, string name, int offset, int position)
    {
        Kind = kind;
        Name = name;
        Offset = offset;
        Position = position;
    }

    /// <summary>The element's kind.</summary>
    public CircuitElementKind Kind { get; }

    /// <summary>Its name as written, e.g. CPE1.</summary>
    public string Name { get; }

    /// <summary>Index of its first parameter in the circuit's parameter vector.</summary>
    public int Offset { get; }

    /// <summary>0-based character position in the circuit string.</summary>
    public int Position { get; }

    /// <summary>Number of parameters of this element.</summary>
    public int ParameterCount => ParametersOf(Kind);

    /// <summary>Number of parameters of an element kind.</summary>
    public static int ParametersOf(CircuitElementKind kind) => CircuitElementCatalogue.RolesOf(kind).Count;

    /// <summary>Units of the element's parameters.</summary>
    public static string[] UnitsOf(CircuitElementKind kind) => [.. CircuitElementCatalogue.UnitsOf(kind)];

    /// <inheritdoc />
    public override Complex Impedance(ReadOnlySpan<double> p, double omega) => Evaluate(Kind, p.Slice(Offset, ParameterCount), omega);

    /// <summary>The closed-form impedance of an element of kind <paramref name="kind"/> with parameters <paramref name="p"/>.</summary>
    public static Complex Evaluate(CircuitElementKind kind, ReadOnlySpan<double> p, double omega)
    {
        switch (kind)
        {
            case CircuitElementKind.R: return new Complex(p[0], 0);
            case CircuitElementKind.C: return new Complex(0, -1 / (omega * p[0]));
            case CircuitElementKind.L: return new Complex(0, omega * p[0]);
            case CircuitElementKind.CPE:
            {
                double a = p[1];
                double m = 1 / (p[0] * Math.Pow(omega, a));
                double phi = -a * Math.PI / 2;
                return new Complex(m * Math.Cos(phi), m * Math.Sin(phi));
            }
            case CircuitElementKind.W:
            {
                double s = p[0] / Math.Sqrt(omega);
                return new Complex(s, -s);
            }
            case CircuitElementKind.Wo:
            case CircuitElementKind.Ws:
            {
                // z = sqrt(j w tau) = sqrt(w tau/2) (1 + j): Re z > 0, so exp(-2z) is bounded.
                double h = Math.Sqrt(omega * p[1] / 2);
                var z = new Complex(h, h);
                Complex f;
                if (z.Magnitude < 1e-4)
                {
                    Complex z2 = z * z;
                    // tanh(z)/z = 1 - z^2/3 + ...; coth(z)/z = 1/z^2 + 1/3 - z^2/45.
                    f = kind == CircuitElementKind.Ws ? 1 - z2 / 3 + 2 * z2 * z2 / 15 : 1 / z2 + 1.0 / 3 - z2 / 45;
                }
                else
                {
                    Complex e = Complex.Exp(-2 * z);
                    f = (kind == CircuitElementKind.Ws ? (1 - e) / (1 + e) : (1 + e) / (1 - e)) / z;
                }
                return p[0] * f;
            }
            case CircuitElementKind.K: return p[0] / new Complex(1, omega * p[1]);
            case CircuitElementKind.Zarc: return p[0] / (1 + Power(omega * p[1], p[2]));
            case CircuitElementKind.G: return p[0] / Complex.Sqrt(new Complex(1, omega * p[1]));
            case CircuitElementKind.Gs:
            {
                Complex x = Complex.Sqrt(new Complex(1, omega * p[1]));
                return p[0] / (x * Tanh(p[2] * x));
            }
            case CircuitElementKind.La: return p[0] * Power(omega, p[1]);
            case CircuitElementKind.TLMQ:
            {
                Complex y = p[1] * Power(omega, p[2]);
                return Complex.Sqrt(p[0] / y) / Tanh(Complex.Sqrt(p[0] * y));
            }
            case CircuitElementKind.T:
            {
                Complex beta = Complex.Sqrt(new Complex(p[2], omega * p[3]));
                // 1/sinh(beta) = 2 e^-beta/(1 - e^-2beta): finite where sinh itself overflows (Re beta > 710).
                Complex e1 = Complex.Exp(-beta);
                return p[0] / (beta * Tanh(beta)) + p[1] * 2 * e1 / (beta * (1 - e1 * e1));
            }
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>(j x)^a for x &gt; 0: x^a (cos(a pi/2) + j sin(a pi/2)).</summary>
    internal static Complex Power(double x, double a)
    {
        double m = Math.Pow(x, a);
        var (sin, cos) = Math.SinCos(a * Math.PI / 2);
        return new Complex(m * cos, m * sin);
    }

    /// <summary>tanh for Re z &gt;= 0 through e^-2z, which stays finite where cosh and sinh overflow.</summary>
    internal static Complex Tanh(Complex z)
    {
        if (z.Real < 0) return -Tanh(-z);
        Complex e = Complex.Exp(-2 * z);
        return (1 - e) / (1 + e);
    }
}

/// <summary>Elements in series: impedances add.</summary>
public sealed class SeriesNode : CircuitNode
{
    internal SeriesNode(IReadOnlyList<CircuitNode> children) => Children = children;

    /// <summary>The nodes in series.</summary>
    public IReadOnlyList<CircuitNode> Children { get; }

    /// <inheritdoc />
    public override Complex Impedance(ReadOnlySpan<double> p, double omega)
    {
        Complex z = Complex.Zero;
        foreach (var c in Children) z += c.Impedance(p, omega);
        return z;
    }
}

/// <summary>Elements in parallel, p(a,b,...): admittances add.</summary>
public sealed class ParallelNode : CircuitNode
{
    internal ParallelNode(IReadOnlyList<CircuitNode> children) => Children = children;

    /// <summary>The branches.</summary>
    public IReadOnlyList<CircuitNode> Children { get; }

    /// <inheritdoc />
    public override Complex Impedance(ReadOnlySpan<double> p, double omega)
    {
        Complex y = Complex.Zero;
        foreach (var c in Children) y += 1 / c.Impedance(p, omega);
        return 1 / y;
    }
}

/// <summary>A circuit string could not be parsed; <see cref="Position"/> is the 0-based character position of the problem.</summary>
public sealed class CircuitFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public CircuitFormatException(string circuit, int position, string problem)
        : base($"circuit '{circuit}', character {position + 1}: {problem}\n  {circuit}\n  {new string(' ', Math.Max(0, position))}^")
    {
        Circuit = circuit;
        Position = position;
        Problem = problem;
    }

    /// <summary>The circuit string.</summary>
    public string Circuit { get; }

    /// <summary>0-based position of the offending character.</summary>
    public int Position { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}

/// <summary>
/// An equivalent circuit in impedance.py's string syntax: '-' joins in series, p(a,b,...) in parallel, elements R, C, L, CPE,
/// W, Wo, Ws, K, Zarc, G, Gs, La, TLMQ, T with an index (R0, CPE1, Wo1; see <see cref="CircuitElementKind"/>). Parameters are named as impedance.py names them: R0, C1, CPE1_0 (Q), CPE1_1 (alpha),
/// Wo1_0 (R), Wo1_1 (tau), W1 (sigma).
/// </summary>
public sealed class Circuit
{
    private Circuit(string text, CircuitNode root, IReadOnlyList<CircuitElement> elements)
    {
        Text = text;
        Root = root;
        Elements = elements;
        var names = new List<string>();
        var units = new List<string>();
        foreach (var e in elements)
        {
            string[] u = CircuitElement.UnitsOf(e.Kind);
            for (int i = 0; i < e.ParameterCount; i++)
            {
                names.Add(e.ParameterCount == 1 ? e.Name : $"{e.Name}_{i}");
                units.Add(u[i]);
            }
        }
        ParameterNames = names;
        ParameterUnits = units;
    }

    /// <summary>The circuit string as given (whitespace removed).</summary>
    public string Text { get; }

    /// <summary>The parsed tree.</summary>
    public CircuitNode Root { get; }

    /// <summary>The elements in the order of the string.</summary>
    public IReadOnlyList<CircuitElement> Elements { get; }

    /// <summary>Parameter names in vector order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Parameter units in vector order.</summary>
    public IReadOnlyList<string> ParameterUnits { get; }

    /// <summary>Length of the parameter vector.</summary>
    public int ParameterCount => ParameterNames.Count;

    /// <summary>Impedance at angular frequency <paramref name="omega"/>, rad/s.</summary>
    public Complex Impedance(ReadOnlySpan<double> parameters, double omega)
    {
        if (parameters.Length != ParameterCount) throw new ArgumentException($"expected {ParameterCount} parameters, got {parameters.Length}", nameof(parameters));
        return Root.Impedance(parameters, omega);
    }

    /// <summary>Impedances at frequencies <paramref name="frequency"/> in Hz.</summary>
    public Complex[] Impedance(ReadOnlySpan<double> parameters, IReadOnlyList<double> frequency)
    {
        var z = new Complex[frequency.Count];
        for (int i = 0; i < z.Length; i++) z[i] = Impedance(parameters, 2 * Math.PI * frequency[i]);
        return z;
    }

    /// <summary>Index of parameter <paramref name="name"/> (case-sensitive as printed; a one-parameter element may also be named Name_0), or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < ParameterNames.Count; i++) if (ParameterNames[i] == name) return i;
        foreach (var e in Elements) if (e.ParameterCount == 1 && name == e.Name + "_0") return e.Offset;
        return -1;
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="CircuitFormatException"/> naming the position of the first problem.</summary>
    public static Circuit Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
        var parser = new Parser(s);
        if (s.Length == 0) throw new CircuitFormatException(s, 0, "empty circuit");
        var root = parser.Series();
        if (parser.Pos < s.Length)
            throw new CircuitFormatException(s, parser.Pos, s[parser.Pos] == ',' || s[parser.Pos] == ')'
                ? $"unexpected '{s[parser.Pos]}' outside p(...)" : $"unexpected '{s[parser.Pos]}'; expected '-' or the end");
        return new Circuit(s, root, parser.Elements);
    }

    private sealed class Parser(string s)
    {
        public int Pos;
        public readonly List<CircuitElement> Elements = [];
        private readonly HashSet<string> _names = [];
        private int _offset;

        public CircuitNode Series()
        {
            var items = new List<CircuitNode> { Term() };
            while (Pos < s.Length && s[Pos] == '-')
            {
                Pos++;
                items.Add(Term());
            }
            return items.Count == 1 ? items[0] : new SeriesNode(items);
        }

        private CircuitNode Term()
        {
            if (Pos >= s.Length) throw new CircuitFormatException(s, Pos, "expected an element or p(...) but the circuit ends");
            if (s[Pos] == 'p' && Pos + 1 < s.Length && s[Pos + 1] == '(')
            {
                int start = Pos;
                Pos += 2;
                var branches = new List<CircuitNode> { Series() };
                while (Pos < s.Length && s[Pos] == ',')
                {
                    Pos++;
                    branches.Add(Series());
                }
                if (Pos >= s.Length) throw new CircuitFormatException(s, start, "p( is never closed with ')'");
                if (s[Pos] != ')') throw new CircuitFormatException(s, Pos, $"unexpected '{s[Pos]}' in p(...); expected ',' or ')'");
                if (branches.Count < 2) throw new CircuitFormatException(s, start, "p(...) needs at least two branches separated by ','");
                Pos++;
                return new ParallelNode(branches);
            }
            int begin = Pos;
            while (Pos < s.Length && char.IsAsciiLetter(s[Pos])) Pos++;
            string letters = s[begin..Pos];
            if (letters.Length == 0) throw new CircuitFormatException(s, Pos, $"unexpected '{s[Pos]}'; expected an element ({CircuitElementCatalogue.KnownLetters}) or p(...)");
            if (letters == "p") throw new CircuitFormatException(s, Pos, "expected '(' after p");
            if (!CircuitElementCatalogue.TryParse(letters, out var kind))
                throw new CircuitFormatException(s, begin, $"unknown element '{letters}'; known: {CircuitElementCatalogue.KnownLetters}, and p(...) for parallel");
            int digits = Pos;
            while (Pos < s.Length && char.IsAsciiDigit(s[Pos])) Pos++;
            if (Pos == digits) throw new CircuitFormatException(s, Pos, $"element '{letters}' needs an index, e.g. {letters}1");
            string name = s[begin..Pos];
            if (!_names.Add(name)) throw new CircuitFormatException(s, begin, $"element '{name}' appears twice; give each element its own index");
            var element = new CircuitElement(kind, name, _offset, begin);
            _offset += element.ParameterCount;
            Elements.Add(element);
            return element;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    internal static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
