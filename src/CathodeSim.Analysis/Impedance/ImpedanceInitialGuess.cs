using System.Numerics;

namespace CathodeSim.Analysis.Impedance;

/// <summary>
/// Starting values estimated from a spectrum: the first series R from the high-frequency intercept, the resistances of arcs
/// (parallel groups, finite Warburgs) sharing the width of the spectrum on the real axis, capacitances and CPEs from the
/// characteristic frequencies (peaks of -Im Z, else log-spaced over the range), W from the low-frequency tail, L from the
/// high-frequency end.
/// </summary>
public static class ImpedanceInitialGuess
{
    /// <summary>One value per parameter of <paramref name="circuit"/> (arcs assigned from high to low frequency in string order).</summary>
    public static double[] Estimate(Circuit circuit, IReadOnlyList<double> frequency, IReadOnlyList<Complex> z) =>
        Candidates(circuit, frequency, z, 1)[0];

    /// <summary>
    /// Starting points for a multi-start fit: the arcs' characteristic frequencies in every order (at most
    /// <paramref name="maxCandidates"/>), the high-to-low assignment first.
    /// </summary>
    public static IReadOnlyList<double[]> Candidates(Circuit circuit, IReadOnlyList<double> frequency, IReadOnlyList<Complex> z, int maxCandidates = 6)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        IReadOnlyList<CircuitNode> top = circuit.Root is SeriesNode s ? s.Children : [circuit.Root];
        int blocks = top.Count(t => t is ParallelNode || t is CircuitElement e && IsArc(e.Kind));
        var result = new List<double[]>();
        foreach (var perm in Permutations(Enumerable.Range(0, blocks).ToArray()))
        {
            if (result.Count >= Math.Max(1, maxCandidates)) break;
            result.Add(Estimate(circuit, frequency, z, perm));
        }
        return result;
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1) { yield return items; yield break; }
        for (int i = 0; i < items.Length; i++)
        {
            int[] rest = [.. items[..i], .. items[(i + 1)..]];
            foreach (var tail in Permutations(rest)) yield return [items[i], .. tail];
        }
    }

    private static double[] Estimate(Circuit circuit, IReadOnlyList<double> frequency, IReadOnlyList<Complex> z, int[] permutation)
    {
        int n = frequency.Count;
        var p = new double[circuit.ParameterCount];
        if (n == 0)
        {
            Array.Fill(p, 1);
            return p;
        }
        int[] order = Enumerable.Range(0, n).OrderByDescending(i => frequency[i]).ToArray();
        int hi = order[0], lo = order[^1];
        double zScale = z.Average(v => v.Magnitude);
        if (!(zScale > 0)) zScale = 1;
        double rHigh = Math.Min(z[hi].Real, z.Take(n).Min(v => v.Real));
        if (!(rHigh > 0)) rHigh = 1e-3 * zScale;
        double rLow = z[lo].Real;
        double span = Math.Max(rLow - rHigh, 0.1 * zScale);
        double wMax = 2 * Math.PI * frequency[hi], wMin = 2 * Math.PI * frequency[lo];

        // Top-level items: the series chain of the root, or the root alone.
        IReadOnlyList<CircuitNode> top = circuit.Root is SeriesNode s ? s.Children : [circuit.Root];
        var blocks = top.Where(t => t is ParallelNode || t is CircuitElement e && IsArc(e.Kind)).ToList();
        int arcs = circuit.Elements.Count(e => IsArc(e.Kind) || (e.Kind == CircuitElementKind.R && !(top.Contains(e))));
        int seriesR = top.Count(t => t is CircuitElement { Kind: CircuitElementKind.R });
        arcs += Math.Max(0, seriesR - 1);
        double rArc = span / Math.Max(arcs, 1);

        double[] blockOmega = CharacteristicOmegas(frequency, z, order, blocks.Count);
        bool firstR = true;
        foreach (var item in top)
        {
            int b = blocks.IndexOf(item);
            double w = b >= 0 ? blockOmega[permutation[b]] : Math.Sqrt(wMax * wMin);
            if (item is CircuitElement e)
            {
                switch (e.Kind)
                {
                    case CircuitElementKind.R: p[e.Offset] = firstR ? rHigh : rArc; firstR = false; break;
                    case CircuitElementKind.C: p[e.Offset] = 1 / (wMin * Math.Max(Math.Abs(z[lo].Imaginary), 1e-3 * zScale)); break;
                    case CircuitElementKind.CPE:
                        p[e.Offset + 1] = 0.8;
                        p[e.Offset] = 1 / (Math.Max(Math.Abs(z[lo].Imaginary), 1e-3 * zScale) * Math.Pow(wMin, 0.8));
                        break;
                    case CircuitElementKind.L: p[e.Offset] = (z[hi].Imaginary > 0 ? z[hi].Imaginary : 1e-3 * rHigh) / wMax; break;
                    case CircuitElementKind.W: p[e.Offset] = Math.Max(Math.Abs(z[lo].Imaginary), 1e-3 * zScale) * Math.Sqrt(wMin); break;
                    default: ByRole(e, p, rArc, rArc, w, wMin); break;
                }
            }
            else Fill(item, p, rArc, w, wMin);
        }
        return p;
    }

    /// <summary>An element that makes an arc or a diffusion feature of its own: its first parameter is a resistance (Wo, Ws, K, Zarc, G, Gs, TLMQ, T).</summary>
    private static bool IsArc(CircuitElementKind kind) =>
        kind != CircuitElementKind.R && CircuitElementCatalogue.RolesOf(kind)[0] == CircuitParameterRole.Resistance;

    /// <summary>
    /// The elements without a rule of their own, parameter by parameter: resistances an arc's share, time constants 1/w of
    /// their feature (Wo and Ws 1/w_min: diffusion usually shows at the lowest frequencies measured), exponents 0.85,
    /// coefficients from the same time constant, dimensionless numbers 1.
    /// </summary>
    private static void ByRole(CircuitElement e, double[] p, double rArc, double rBlock, double w, double wMin)
    {
        var roles = CircuitElementCatalogue.RolesOf(e.Kind);
        double wFeature = e.Kind is CircuitElementKind.Wo or CircuitElementKind.Ws ? wMin : w;
        for (int k = 0; k < roles.Count; k++)
        {
            int i = e.Offset + k;
            p[i] = roles[k] switch
            {
                CircuitParameterRole.Resistance => rArc,
                CircuitParameterRole.TimeConstant => 1 / wFeature,
                CircuitParameterRole.Exponent => 0.85,
                CircuitParameterRole.Capacitance => 1 / (wFeature * rBlock),
                CircuitParameterRole.AdmittanceCoefficient => 1 / (rBlock * Math.Pow(wFeature, 0.85)),
                CircuitParameterRole.Inductance => 1e-3 * rArc / wFeature,
                CircuitParameterRole.InductiveCoefficient => 1e-3 * rArc / Math.Pow(wFeature, 0.85),
                CircuitParameterRole.WarburgCoefficient => rArc * Math.Sqrt(wFeature),
                _ => 1,
            };
        }
    }

    /// <summary>Elements inside a parallel group: R an arc's share, capacitive ones from the group's characteristic frequency.</summary>
    private static void Fill(CircuitNode node, double[] p, double rArc, double w, double wMin)
    {
        var elements = new List<CircuitElement>();
        Collect(node, elements);
        int resistive = elements.Count(e => e.Kind == CircuitElementKind.R || IsArc(e.Kind));
        double rBlock = rArc * Math.Max(resistive, 1);
        foreach (var e in elements)
        {
            switch (e.Kind)
            {
                case CircuitElementKind.R: p[e.Offset] = rArc; break;
                case CircuitElementKind.C: p[e.Offset] = 1 / (w * rBlock); break;
                case CircuitElementKind.CPE: p[e.Offset + 1] = 0.85; p[e.Offset] = 1 / (rBlock * Math.Pow(w, 0.85)); break;
                case CircuitElementKind.L: p[e.Offset] = 1e-3 * rArc / w; break;
                case CircuitElementKind.W: p[e.Offset] = rArc * Math.Sqrt(w); break;
                default: ByRole(e, p, rArc, rBlock, w, wMin); break;
            }
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

    /// <summary><paramref name="count"/> angular frequencies from high to low: the largest local maxima of -Im Z, else log-spaced.</summary>
    private static double[] CharacteristicOmegas(IReadOnlyList<double> f, IReadOnlyList<Complex> z, int[] order, int count)
    {
        if (count == 0) return [];
        // -Im Z smoothed over 5 points (noise makes spurious maxima), peaks at least half a decade apart.
        int n = order.Length;
        var smooth = new double[n];
        for (int k = 0; k < n; k++)
        {
            int a = Math.Max(0, k - 2), b = Math.Min(n - 1, k + 2);
            double s = 0;
            for (int q = a; q <= b; q++) s += -z[order[q]].Imaginary;
            smooth[k] = s / (b - a + 1);
        }
        var peaks = new List<(double Omega, double Height)>();
        for (int k = 1; k < n - 1; k++)
            if (smooth[k] > 0 && smooth[k] >= smooth[k - 1] && smooth[k] > smooth[k + 1]) peaks.Add((2 * Math.PI * f[order[k]], smooth[k]));
        var chosen = new List<double>();
        foreach (var peak in peaks.OrderByDescending(x => x.Height))
            if (chosen.Count < count && chosen.All(c => Math.Abs(Math.Log10(c / peak.Omega)) >= 0.5)) chosen.Add(peak.Omega);
        double lmax = Math.Log(2 * Math.PI * f[order[0]]), lmin = Math.Log(2 * Math.PI * f[order[^1]]);
        for (int k = chosen.Count; k < count; k++)
            chosen.Add(Math.Exp(lmax - (lmax - lmin) * (k + 1.0) / (count + 1)));
        return chosen.OrderByDescending(x => x).ToArray();
    }
}
