using System.Numerics;

namespace CathodeSim.Analysis.Impedance;

/// <summary>
/// Random starting points for a multi-start circuit fit, log-uniform within ranges the spectrum makes physically sensible:
/// resistances within [1e-3, 10] times the spectrum's span on the real axis, time constants tau over the measured range
/// [1/w_max, 1/w_min] (a capacitance is tau / R and a CPE's Q is tau^alpha / R, with R the resistance in parallel with it),
/// exponents uniform in [0.5, 1], dimensionless numbers (Gs's phi, T's a) log-uniform in [0.1, 10]. Start <c>k</c> of seed <c>s</c> draws from its
/// own generator, so the points do not depend on the order (or the threads) in which starts are made.
/// </summary>
public static class ImpedanceRandomStarts
{
    /// <summary>Lowest and highest resistance drawn, as multiples of the real-axis span.</summary>
    public const double ResistanceLow = 1e-3, ResistanceHigh = 10;

    /// <summary>Random start <paramref name="index"/> for <paramref name="seed"/>: one value per parameter, SI units.</summary>
    public static double[] Draw(Circuit circuit, IReadOnlyList<double> frequency, IReadOnlyList<Complex> z, int seed, int index)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var rng = new Random(Mix(seed, index));
        double span = RealSpan(z);
        double wMin = 2 * Math.PI * frequency.Min(), wMax = 2 * Math.PI * frequency.Max();
        double LogUniform(double lo, double hi) => Math.Exp(Math.Log(lo) + (Math.Log(hi) - Math.Log(lo)) * rng.NextDouble());
        double Resistance() => LogUniform(ResistanceLow * span, ResistanceHigh * span);
        double Tau() => LogUniform(1 / wMax, 1 / wMin);

        var p = new double[circuit.ParameterCount];
        // Resistive parameters first: the capacitive ones take their time constant against the resistance beside them.
        foreach (var e in circuit.Elements)
        {
            var roles = CircuitElementCatalogue.RolesOf(e.Kind);
            for (int k = 0; k < roles.Count; k++)
                if (roles[k] == CircuitParameterRole.Resistance) p[e.Offset + k] = Resistance();
        }
        var enclosing = new Dictionary<CircuitElement, ParallelNode>();
        MapParallel(circuit.Root, null, enclosing);
        foreach (var e in circuit.Elements)
        {
            var roles = CircuitElementCatalogue.RolesOf(e.Kind);
            int x = CircuitElementCatalogue.ExponentIndexOf(e.Kind);
            if (x >= 0) p[e.Offset + x] = 0.5 + 0.5 * rng.NextDouble();
            double alpha = x >= 0 ? p[e.Offset + x] : 1;
            for (int k = 0; k < roles.Count; k++)
            {
                int i = e.Offset + k;
                switch (roles[k])
                {
                    case CircuitParameterRole.Capacitance: p[i] = Tau() / BesideResistance(e, enclosing, p, Resistance); break;
                    // TLMQ's R_ion / Y_s sets its arc; its own R_ion stands beside its Q_s.
                    case CircuitParameterRole.AdmittanceCoefficient:
                        p[i] = Math.Pow(Tau(), alpha) / (e.Kind == CircuitElementKind.TLMQ ? p[e.Offset] : BesideResistance(e, enclosing, p, Resistance));
                        break;
                    case CircuitParameterRole.Inductance: p[i] = Resistance() * Tau(); break;
                    case CircuitParameterRole.InductiveCoefficient: p[i] = Resistance() * Math.Pow(Tau(), alpha); break;
                    // |Z_W| = sigma sqrt(2/w): sigma = R sqrt(w) puts |Z| near R at w = 1/tau.
                    case CircuitParameterRole.WarburgCoefficient: p[i] = Resistance() / Math.Sqrt(Tau()); break;
                    case CircuitParameterRole.TimeConstant: p[i] = Tau(); break;
                    case CircuitParameterRole.Dimensionless: p[i] = LogUniform(0.1, 10); break;
                }
            }
        }
        return p;
    }

    /// <summary>Width of the spectrum on the real axis, ohm (a tenth of the mean |Z| where the real part hardly varies).</summary>
    public static double RealSpan(IReadOnlyList<Complex> z)
    {
        double span = z.Max(v => v.Real) - z.Min(v => v.Real);
        double mean = z.Average(v => v.Magnitude);
        double floor = 0.1 * mean;
        return span > floor ? span : floor > 0 ? floor : 1;
    }

    private static double BesideResistance(CircuitElement e, Dictionary<CircuitElement, ParallelNode> enclosing, double[] p, Func<double> draw)
    {
        if (!enclosing.TryGetValue(e, out var group)) return draw();
        var inside = new List<CircuitElement>();
        Collect(group, inside);
        double r = inside.Where(x => CircuitElementCatalogue.RolesOf(x.Kind)[0] == CircuitParameterRole.Resistance).Sum(x => p[x.Offset]);
        return r > 0 ? r : draw();
    }

    private static void MapParallel(CircuitNode node, ParallelNode? parent, Dictionary<CircuitElement, ParallelNode> into)
    {
        switch (node)
        {
            case CircuitElement e: if (parent is not null) into[e] = parent; break;
            case SeriesNode s: foreach (var c in s.Children) MapParallel(c, parent, into); break;
            case ParallelNode q: foreach (var c in q.Children) MapParallel(c, q, into); break;
        }
    }

    private static void Collect(CircuitNode node, List<CircuitElement> into)
    {
        switch (node)
        {
            case CircuitElement e: into.Add(e); break;
            case SeriesNode s: foreach (var c in s.Children) Collect(c, into); break;
            case ParallelNode q: foreach (var c in q.Children) Collect(c, into); break;
        }
    }

    /// <summary>A generator seed for start <paramref name="index"/> of <paramref name="seed"/> (SplitMix64 finaliser, so neighbouring indices are unrelated).</summary>
    private static int Mix(int seed, int index)
    {
        ulong x = unchecked(((ulong)(uint)seed << 32) | (uint)index);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return unchecked((int)x);
    }
}
