namespace CathodeSim.Model.Materials;

/// <summary>One reaction (host-site gallery) of a multi-site, multi-reaction OCP.</summary>
/// <param name="StandardPotential">U0_j, V vs Li/Li+.</param>
/// <param name="SiteFraction">X_j: share of the host's lithium sites in this gallery (the shares sum to 1).</param>
/// <param name="Ideality">omega_j: ideality (Nernst shape) factor, 1 for an ideal lattice gas.</param>
public sealed record MsmrReaction(double StandardPotential, double SiteFraction, double Ideality);

/// <summary>
/// Multi-site, multi-reaction (MSMR) open-circuit potential of an intercalation host (Verbrugge et al. 2017, J.
/// Electrochem. Soc. 164, E3243; Baker and Verbrugge 2018, J. Electrochem. Soc. 165, A3952): every gallery j fills as a
/// lattice gas, x_j = X_j / (1 + exp(f (U - U0_j) / omega_j)) with f = F/(RT), and x = sum_j x_j. U(x) is the inverse,
/// found by safeguarded Newton on ln x (or on ln(1 - x) above x = 1/2, so that the last per cent of lithiation is
/// resolved to the vacancy, not to the round-off of x). U runs to +infinity as x -> 0 and to -infinity as x -> 1, like
/// the Nernst term of any real host: the whole window is thermodynamics, with nothing added at the edges.
/// </summary>
/// <remarks>The OCP is evaluated at <see cref="Temperature"/> (the fit's); its small entropic change with T is neglected.</remarks>
public sealed class MsmrOcp : IOpenCircuitPotential, IEquatable<MsmrOcp>
{
    private readonly MsmrReaction[] _reactions;
    private readonly double _f;
    private readonly double _lower, _upper;

    /// <summary>Creates the OCP; the site fractions are normalised to sum to 1.</summary>
    /// <param name="reactions">At least one reaction; X_j and omega_j positive.</param>
    /// <param name="temperature">Temperature of the fit, K.</param>
    public MsmrOcp(IReadOnlyList<MsmrReaction> reactions, double temperature = 298.15)
    {
        ArgumentNullException.ThrowIfNull(reactions);
        if (reactions.Count == 0) throw new ArgumentException("an MSMR OCP needs at least one reaction", nameof(reactions));
        if (reactions.Any(r => !(r.SiteFraction > 0) || !(r.Ideality > 0) || !double.IsFinite(r.StandardPotential)))
            throw new ArgumentException("every MSMR reaction needs X_j > 0, omega_j > 0 and a finite U0_j", nameof(reactions));
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature));
        double total = reactions.Sum(r => r.SiteFraction);
        _reactions = reactions.Select(r => r with { SiteFraction = r.SiteFraction / total }).ToArray();
        Temperature = temperature;
        _f = PhysicalConstants.Faraday / (PhysicalConstants.Gas * temperature);
        double spread = 120 * _reactions.Max(r => r.Ideality) / _f;
        _lower = _reactions.Min(r => r.StandardPotential) - spread;
        _upper = _reactions.Max(r => r.StandardPotential) + spread;
    }

    /// <summary>The reactions, site fractions normalised.</summary>
    public IReadOnlyList<MsmrReaction> Reactions => _reactions;

    /// <summary>Temperature at which the OCP is evaluated, K.</summary>
    public double Temperature { get; }

    /// <summary>x(U): the equilibrium stoichiometry at potential <paramref name="potential"/> vs Li.</summary>
    public double Stoichiometry(double potential)
    {
        double x = 0;
        foreach (var r in _reactions) x += r.SiteFraction * Filled(_f * (potential - r.StandardPotential) / r.Ideality);
        return x;
    }

    /// <inheritdoc />
    public double Potential(double stoichiometry) =>
        stoichiometry <= 0.5 ? Invert(stoichiometry, vacancies: false) : Invert(1 - stoichiometry, vacancies: true);

    /// <inheritdoc />
    public double Slope(double stoichiometry) => SlopeAt(Potential(stoichiometry));

    /// <inheritdoc />
    public double PotentialNearFull(double vacancy) => Invert(vacancy, vacancies: true);

    /// <inheritdoc />
    public double SlopeNearFull(double vacancy) => SlopeAt(PotentialNearFull(vacancy));

    /// <summary>dU/dx at potential U: 1 / (dx/dU).</summary>
    private double SlopeAt(double potential)
    {
        double dxdu = 0;
        foreach (var r in _reactions)
        {
            double z = _f * (potential - r.StandardPotential) / r.Ideality;
            double filled = Filled(z), empty = Filled(-z);
            dxdu -= r.SiteFraction * filled * empty * _f / r.Ideality;
        }
        return 1 / dxdu;
    }

    /// <summary>Share of a gallery's sites filled at reduced potential z: 1 / (1 + e^z), without overflow.</summary>
    private static double Filled(double z) => z >= 0 ? Math.Exp(-z) / (1 + Math.Exp(-z)) : 1 / (1 + Math.Exp(z));

    /// <summary>U at which the filled (or, with <paramref name="vacancies"/>, the empty) share of all sites is <paramref name="target"/>.</summary>
    private double Invert(double target, bool vacancies)
    {
        if (!(target > 0)) return vacancies ? double.NegativeInfinity : double.PositiveInfinity;
        double lnTarget = Math.Log(target);
        // g(U) = ln(share) - ln(target): decreasing in U for filled sites, increasing for empty ones.
        double lo = _lower, hi = _upper, u = 0.5 * (lo + hi);
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double share = 0, derivative = 0;
            foreach (var r in _reactions)
            {
                double z = _f * (u - r.StandardPotential) / r.Ideality;
                double filled = Filled(z), empty = Filled(-z);
                share += r.SiteFraction * (vacancies ? empty : filled);
                derivative += r.SiteFraction * filled * empty * _f / r.Ideality * (vacancies ? 1 : -1);
            }
            double g = Math.Log(share) - lnTarget;
            if (Math.Abs(g) < 1e-14) return u;
            bool above = vacancies ? g > 0 : g < 0;   // the root lies below u
            if (above) hi = u; else lo = u;
            double next = u - g / (derivative / share);
            u = next > lo && next < hi && double.IsFinite(next) ? next : 0.5 * (lo + hi);
            if (hi - lo < 1e-15) return u;
        }
        return u;
    }

    /// <summary>Equal when the reactions and the temperature are (so that lookups of one law are shared between runs).</summary>
    public bool Equals(MsmrOcp? other) => other is not null && Temperature == other.Temperature && _reactions.SequenceEqual(other._reactions);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MsmrOcp);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Temperature);
        foreach (var r in _reactions) hash.Add(r);
        return hash.ToHashCode();
    }
}
