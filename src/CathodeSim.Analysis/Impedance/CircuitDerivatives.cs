using System.Numerics;

namespace CathodeSim.Analysis.Impedance;

/// <summary>
/// The impedance of a circuit and its derivatives with respect to every parameter at one angular frequency. A forward-difference
/// Jacobian costs one circuit evaluation per parameter; the multi-start fit evaluates thousands of Jacobians, so this one walks
/// the tree twice instead: bottom-up for the node impedances (keeping each parallel branch's admittance), top-down for the
/// chain-rule factor of each node (1 through a series chain, (Z_parallel Y_branch)^2 into a parallel branch), times the
/// element's own derivative: in closed form for every element but the finite-length Gerischer, the transmission lines TLMQ and
/// T, whose derivatives are central differences (relative step 1e-6 on each parameter, error ~1e-12 relative).
/// </summary>
public sealed class CircuitDerivatives
{
    private const int Series = -1, Parallel = -2;

    // Nodes in post-order (children before their parent; the root last).
    private readonly CircuitElement?[] _elements;
    private readonly int[] _kind;
    private readonly int[][] _children;
    private readonly Complex[] _z;
    private readonly Complex[] _y;
    private readonly Complex[] _factor;
    private readonly double[] _cpeAlpha, _cpeCos, _cpeSin;

    /// <summary>Prepares the evaluation of <paramref name="circuit"/> (one instance per thread).</summary>
    public CircuitDerivatives(Circuit circuit)
    {
        var nodes = new List<CircuitNode>();
        var children = new List<int[]>();
        Add(circuit.Root, nodes, children);
        _elements = nodes.Select(n => n as CircuitElement).ToArray();
        _kind = nodes.Select(n => n switch { CircuitElement e => (int)e.Kind, SeriesNode => Series, _ => Parallel }).ToArray();
        _children = [.. children];
        _z = new Complex[nodes.Count];
        _y = new Complex[nodes.Count];
        _factor = new Complex[nodes.Count];
        _cpeAlpha = Enumerable.Repeat(double.NaN, nodes.Count).ToArray();
        _cpeCos = new double[nodes.Count];
        _cpeSin = new double[nodes.Count];
    }

    private static int Add(CircuitNode node, List<CircuitNode> nodes, List<int[]> children)
    {
        IReadOnlyList<CircuitNode> kids = node switch
        {
            SeriesNode s => s.Children,
            ParallelNode q => q.Children,
            _ => [],
        };
        int[] ids = kids.Select(k => Add(k, nodes, children)).ToArray();
        nodes.Add(node);
        children.Add(ids);
        return nodes.Count - 1;
    }

    /// <summary>Z at <paramref name="omega"/> (rad/s) alone. Not thread-safe (one instance per thread).</summary>
    public Complex Impedance(ReadOnlySpan<double> p, double omega) => Impedance(p, omega, Math.Log(omega));

    /// <summary>Z at <paramref name="omega"/> alone, with ln(omega) given (the fit keeps it per frequency).</summary>
    public Complex Impedance(ReadOnlySpan<double> p, double omega, double lnOmega)
    {
        Up(p, omega, lnOmega);
        return _z[^1];
    }

    /// <summary>Z at <paramref name="omega"/>; <paramref name="dz"/>[k] receives dZ/dp_k for every parameter. Not thread-safe (one instance per thread).</summary>
    public Complex Evaluate(ReadOnlySpan<double> p, double omega, Span<Complex> dz) => Evaluate(p, omega, Math.Log(omega), dz);

    /// <summary>As <see cref="Evaluate(ReadOnlySpan{double}, double, Span{Complex})"/>, with ln(omega) given.</summary>
    public Complex Evaluate(ReadOnlySpan<double> p, double omega, double lnOmega, Span<Complex> dz)
    {
        Up(p, omega, lnOmega);
        int root = _kind.Length - 1;
        _factor[root] = Complex.One;
        for (int i = root; i >= 0; i--)
        {
            switch (_kind[i])
            {
                case Series:
                    foreach (int c in _children[i]) _factor[c] = _factor[i];
                    break;
                case Parallel:
                    foreach (int c in _children[i])
                    {
                        Complex ratio = _z[i] * _y[c];
                        _factor[c] = _factor[i] * ratio * ratio;
                    }
                    break;
                default:
                    ElementDerivatives(_elements[i]!, p, omega, lnOmega, _z[i], _factor[i], dz);
                    break;
            }
        }
        return _z[root];
    }

    /// <summary>The node impedances, bottom-up, and each parallel branch's admittance.</summary>
    private void Up(ReadOnlySpan<double> p, double omega, double lnOmega)
    {
        int root = _kind.Length - 1;
        for (int i = 0; i <= root; i++)
        {
            switch (_kind[i])
            {
                case Series:
                {
                    Complex sum = Complex.Zero;
                    foreach (int c in _children[i]) sum += _z[c];
                    _z[i] = sum;
                    break;
                }
                case Parallel:
                {
                    Complex y = Complex.Zero;
                    foreach (int c in _children[i])
                    {
                        _y[c] = Reciprocal(_z[c]);
                        y += _y[c];
                    }
                    _z[i] = Reciprocal(y);
                    break;
                }
                case (int)CircuitElementKind.CPE:
                {
                    // Z = Q^-1 w^-alpha (cos(alpha pi/2) - j sin(alpha pi/2)): the phase depends on alpha alone, so its cosine
                    // and sine are kept while alpha stays the same (every frequency of one evaluation), leaving one exp per point.
                    int o = _elements[i]!.Offset;
                    double q = p[o], alpha = p[o + 1];
                    if (alpha != _cpeAlpha[i])
                    {
                        _cpeAlpha[i] = alpha;
                        (_cpeSin[i], _cpeCos[i]) = Math.SinCos(alpha * Math.PI / 2);
                    }
                    double m = Math.Exp(-alpha * lnOmega) / q;
                    _z[i] = new Complex(m * _cpeCos[i], -m * _cpeSin[i]);
                    break;
                }
                case (int)CircuitElementKind.R:
                    _z[i] = p[_elements[i]!.Offset];
                    break;
                default:
                {
                    var e = _elements[i]!;
                    _z[i] = CircuitElement.Evaluate(e.Kind, p.Slice(e.Offset, e.ParameterCount), omega);
                    break;
                }
            }
        }
    }

    /// <summary>1/z with one real division; .NET's division (Smith's algorithm) guards against overflow that impedances do not reach.</summary>
    private static Complex Reciprocal(Complex z)
    {
        double d = z.Real * z.Real + z.Imaginary * z.Imaginary;
        if (!(d > 1e-300) || !double.IsFinite(d)) return Complex.Reciprocal(z);
        double inv = 1 / d;
        return new Complex(z.Real * inv, -z.Imaginary * inv);
    }

    /// <summary>dZ_element/dp times <paramref name="factor"/> into <paramref name="dz"/> at the element's parameters.</summary>
    private static void ElementDerivatives(CircuitElement e, ReadOnlySpan<double> p, double omega, double lnOmega, Complex z, Complex factor, Span<Complex> dz)
    {
        int o = e.Offset;
        switch (e.Kind)
        {
            case CircuitElementKind.R: dz[o] = factor; break;
            case CircuitElementKind.C: dz[o] = -factor * z / p[o]; break;
            case CircuitElementKind.L: dz[o] = factor * new Complex(0, omega); break;
            case CircuitElementKind.CPE:
                dz[o] = -factor * z / p[o];
                // Z = Q^-1 (j w)^-alpha: dZ/dalpha = -Z ln(j w) = -Z (ln w + j pi/2).
                dz[o + 1] = -factor * z * new Complex(lnOmega, Math.PI / 2);
                break;
            case CircuitElementKind.W: dz[o] = factor * new Complex(1, -1) / Math.Sqrt(omega); break;
            case CircuitElementKind.Wo or CircuitElementKind.Ws: WarburgDerivatives(e, p, omega, z, factor, dz); break;
            case CircuitElementKind.K:
            {
                // Z = R/(1 + j w tau): dZ/dR = 1/(1 + j w tau), dZ/dtau = -Z j w/(1 + j w tau).
                var d = new Complex(1, omega * p[o + 1]);
                dz[o] = factor / d;
                dz[o + 1] = -factor * z * new Complex(0, omega) / d;
                break;
            }
            case CircuitElementKind.Zarc:
            {
                // Z = R/(1 + s), s = (j w tau)^alpha: dZ/dtau = -R s alpha/(tau (1 + s)^2), dZ/dalpha = -R s ln(j w tau)/(1 + s)^2.
                double r = p[o], tau = p[o + 1], alpha = p[o + 2];
                Complex s = CircuitElement.Power(omega * tau, alpha);
                Complex g = 1 / ((1 + s) * (1 + s));
                dz[o] = factor / (1 + s);
                dz[o + 1] = -factor * r * s * alpha / tau * g;
                dz[o + 2] = -factor * r * s * new Complex(Math.Log(omega * tau), Math.PI / 2) * g;
                break;
            }
            case CircuitElementKind.G:
            {
                // Z = R (1 + j w tau)^-1/2: dZ/dtau = -Z j w/(2 (1 + j w tau)).
                var d = new Complex(1, omega * p[o + 1]);
                dz[o] = factor / Complex.Sqrt(d);
                dz[o + 1] = -factor * z * new Complex(0, omega) / (2 * d);
                break;
            }
            case CircuitElementKind.La:
                // Z = L (j w)^alpha: dZ/dL = (j w)^alpha, dZ/dalpha = Z (ln w + j pi/2).
                dz[o] = factor * CircuitElement.Power(omega, p[o + 1]);
                dz[o + 1] = factor * z * new Complex(lnOmega, Math.PI / 2);
                break;
            default:
                CentralDifferences(e, p, omega, factor, dz);
                break;
        }
    }

    /// <summary>Wo and Ws: Z = R g(x)/x with x = sqrt(j w tau), g = coth (Wo) or tanh (Ws).</summary>
    private static void WarburgDerivatives(CircuitElement e, ReadOnlySpan<double> p, double omega, Complex z, Complex factor, Span<Complex> dz)
    {
        // dx/dtau = x/(2 tau) and d(g/x)/dx = (1 - g^2)/x - g/x^2, so dZ/dtau = R/(2 tau) (1 - g^2 - g/x).
        int o = e.Offset;
        double r = p[o], tau = p[o + 1];
        dz[o] = r != 0 ? factor * z / r : factor * CircuitElement.Evaluate(e.Kind, [1, tau], omega);
        double h = Math.Sqrt(omega * tau / 2);
        var x = new Complex(h, h);
        Complex dtau;
        if (x.Magnitude < 1e-4)
        {
            // The series of Evaluate in x^2 = j w tau: d/dtau = d/d(x^2) x^2/tau.
            Complex x2 = x * x;
            Complex df = e.Kind == CircuitElementKind.Ws ? -1.0 / 3 + 4 * x2 / 15 : -1 / (x2 * x2) - 1.0 / 45;
            dtau = r * df * x2 / tau;
        }
        else
        {
            Complex g = r != 0 ? z / r * x : CircuitElement.Evaluate(e.Kind, [1, tau], omega) * x;
            dtau = r / (2 * tau) * (1 - g * g - g / x);
        }
        dz[o + 1] = factor * dtau;
    }

    /// <summary>Central differences for the elements without a closed-form derivative here (Gs, TLMQ, T).</summary>
    private static void CentralDifferences(CircuitElement e, ReadOnlySpan<double> p, double omega, Complex factor, Span<Complex> dz)
    {
        int o = e.Offset, n = e.ParameterCount;
        Span<double> q = stackalloc double[n];
        p.Slice(o, n).CopyTo(q);
        for (int k = 0; k < n; k++)
        {
            double v = q[k], step = 1e-6 * Math.Max(Math.Abs(v), 1e-300);
            q[k] = v + step;
            Complex up = CircuitElement.Evaluate(e.Kind, q, omega);
            q[k] = v - step;
            Complex down = CircuitElement.Evaluate(e.Kind, q, omega);
            q[k] = v;
            dz[o + k] = factor * (up - down) / (2 * step);
        }
    }
}
