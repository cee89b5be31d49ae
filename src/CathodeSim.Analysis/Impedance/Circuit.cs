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
    public static int ParametersOf(CircuitElementKind kind) => kind is CircuitElementKind.CPE or CircuitElementKind.Wo or CircuitElementKind.Ws ? 2 : 1;

    /// <summary>Units of the element's parameters.</summary>
    public static string[] UnitsOf(CircuitElementKind kind) => kind switch
    {
        CircuitElementKind.R => ["ohm"],
        CircuitElementKind.C => ["F"],
        CircuitElementKind.L => ["H"],
        CircuitElementKind.CPE => ["F s^(alpha-1)", "1"],
        CircuitElementKind.W => ["ohm s^-1/2"],
        _ => ["ohm", "s"],
    };

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
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
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
/// W, Wo, Ws with an index (R0, CPE1, Wo1). Parameters are named as impedance.py names them: R0, C1, CPE1_0 (Q), CPE1_1 (alpha),
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
            if (letters.Length == 0) throw new CircuitFormatException(s, Pos, $"unexpected '{s[Pos]}'; expected an element (R, C, L, CPE, W, Wo, Ws) or p(...)");
            CircuitElementKind kind = letters switch
            {
                "R" => CircuitElementKind.R,
                "C" => CircuitElementKind.C,
                "L" => CircuitElementKind.L,
                "CPE" => CircuitElementKind.CPE,
                "W" => CircuitElementKind.W,
                "Wo" => CircuitElementKind.Wo,
                "Ws" => CircuitElementKind.Ws,
                "p" => throw new CircuitFormatException(s, Pos, "expected '(' after p"),
                _ => throw new CircuitFormatException(s, begin, $"unknown element '{letters}'; known: R, C, L, CPE, W, Wo, Ws, and p(...) for parallel"),
            };
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
