using System.Numerics;

namespace CathodeSim.Analysis.Impedance;

/// <summary>
/// The impedance of a circuit and its derivatives with respect to every parameter at one angular frequency, in closed form.
/// A forward-difference Jacobian costs one circuit evaluation per parameter; the multi-start fit evaluates thousands of
/// Jacobians, so this one walks the tree twice instead: bottom-up for the node impedances, top-down for the chain-rule
/// factor of each node (1 through a series chain, (Z_parallel / Z_branch)^2 into a parallel branch), times the element's own
/// derivative.
/// </summary>
internal sealed class CircuitDerivatives
{
    // Nodes in post-order (children before their parent; the root last).
    private readonly CircuitNode[] _nodes;
    private readonly int[][] _children;
    private readonly Complex[] _z;
    private readonly Complex[] _factor;

    public CircuitDerivatives(Circuit circuit)
    {
        var nodes = new List<CircuitNode>();
        var children = new List<int[]>();
        Add(circuit.Root, nodes, children);
        _nodes = [.. nodes];
        _children = [.. children];
        _z = new Complex[_nodes.Length];
        _factor = new Complex[_nodes.Length];
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

    /// <summary>Z at <paramref name="omega"/>; <paramref name="dz"/>[k] receives dZ/dp_k for every parameter. Not thread-safe (one instance per thread).</summary>
    public Complex Evaluate(ReadOnlySpan<double> p, double omega, Span<Complex> dz)
    {
        int root = _nodes.Length - 1;
        for (int i = 0; i <= root; i++)
        {
            switch (_nodes[i])
            {
                case CircuitElement e:
                    _z[i] = CircuitElement.Evaluate(e.Kind, p.Slice(e.Offset, e.ParameterCount), omega);
                    break;
                case SeriesNode:
                    Complex sum = Complex.Zero;
                    foreach (int c in _children[i]) sum += _z[c];
                    _z[i] = sum;
                    break;
                default:
                    Complex y = Complex.Zero;
                    foreach (int c in _children[i]) y += 1 / _z[c];
                    _z[i] = 1 / y;
                    break;
            }
        }
        _factor[root] = Complex.One;
        for (int i = root; i >= 0; i--)
        {
            switch (_nodes[i])
            {
                case CircuitElement e:
                    ElementDerivatives(e, p, omega, _z[i], _factor[i], dz);
                    break;
                case SeriesNode:
                    foreach (int c in _children[i]) _factor[c] = _factor[i];
                    break;
                default:
                    foreach (int c in _children[i])
                    {
                        Complex ratio = _z[i] / _z[c];
                        _factor[c] = _factor[i] * ratio * ratio;
                    }
                    break;
            }
        }
        return _z[root];
    }

    /// <summary>dZ_element/dp times <paramref name="factor"/> into <paramref name="dz"/> at the element's parameters.</summary>
    private static void ElementDerivatives(CircuitElement e, ReadOnlySpan<double> p, double omega, Complex z, Complex factor, Span<Complex> dz)
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
                dz[o + 1] = -factor * z * new Complex(Math.Log(omega), Math.PI / 2);
                break;
            case CircuitElementKind.W: dz[o] = factor * new Complex(1, -1) / Math.Sqrt(omega); break;
            default:
            {
                // Z = R g(x)/x with x = sqrt(j w tau), g = tanh (Ws) or coth (Wo); dx/dtau = x/(2 tau), and
                // d(g/x)/dx = (1 - g^2)/x - g/x^2, so dZ/dtau = R/(2 tau) (1 - g^2 - g/x).
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
                    Complex g = z / r * x;
                    if (r == 0) g = CircuitElement.Evaluate(e.Kind, [1, tau], omega) * x;
                    dtau = r / (2 * tau) * (1 - g * g - g / x);
                }
                dz[o + 1] = factor * dtau;
                break;
            }
        }
    }
}
