namespace CathodeSim.Model.Microstructure;

/// <summary>Maps a bulk conductivity and the volume fraction of the conducting phase to an effective conductivity of the composite.</summary>
public interface IEffectiveTransportLaw
{
    /// <summary>sigma_eff / sigma_bulk for a phase occupying <paramref name="volumeFraction"/> of the composite.</summary>
    double Factor(double volumeFraction);

    /// <summary>
    /// Share of the phase that belongs to the cluster spanning the electrode (percolation theory's strength of the
    /// infinite cluster): NCM outside it has no electronic path to the current collector, and NCM that touches no
    /// spanning electrolyte has no ionic path to the separator. 1 for laws without a threshold.
    /// </summary>
    double PercolatingShare(double volumeFraction) => 1.0;
}

/// <summary>Bruggeman: sigma_eff = sigma * eps^b.</summary>
/// <param name="Exponent">Bruggeman exponent b (1.5 for spheres).</param>
public sealed record BruggemanLaw(double Exponent) : IEffectiveTransportLaw
{
    /// <inheritdoc />
    public double Factor(double volumeFraction) => Math.Pow(volumeFraction, Exponent);
}

/// <summary>
/// Percolation theory for a phase of a random composite (Stauffer and Aharony 1994, Introduction to Percolation Theory):
/// conductivity sigma_eff = sigma ((eps - eps_c)/(1 - eps_c))^t above the threshold eps_c (t = 2.0 in 3D), a floor below
/// it; and the share of the phase in the spanning cluster, S = ((eps - eps_0)/W)^beta capped at 1 (beta = 0.41 in 3D),
/// with eps_0 = eps_c - 0.107 W so that S(eps_c) = 0.4, the connected share at which Bielefeld, Weber and Janek 2019
/// (J. Phys. Chem. C 123, 1626) define their threshold. W is the width over which the phase becomes fully connected:
/// in their packings of carbon-free NCM composites the connected NCM share rises from about 5 % to about 94 % between 45
/// and 55 vol% of the solids (their fitted exponent 0.41), i.e. W = 0.11 of the solids.
/// </summary>
/// <param name="Threshold">Percolation threshold eps_c as a fraction of the whole composite volume.</param>
/// <param name="Exponent">Conductivity exponent t (2.0 in 3D).</param>
/// <param name="Floor">Conductivity factor kept below the threshold (isolated clusters still tunnel a little); it keeps the
/// node system regular, while the material there carries no current because its connected share is 0.</param>
/// <param name="ClusterExponent">beta of the connected share; 0 makes the whole phase connected above the threshold.</param>
/// <param name="ConnectedWidth">W as a fraction of the whole composite volume.</param>
public sealed record PercolationLaw(double Threshold, double Exponent, double Floor, double ClusterExponent = 0.0, double ConnectedWidth = 0.11) : IEffectiveTransportLaw
{
    /// <summary>Share of the connected phase at the threshold (Bielefeld et al. 2019's definition of the threshold).</summary>
    public const double ShareAtThreshold = 0.4;

    /// <summary>
    /// Where a spanning cluster first appears: the threshold itself for the classic law, eps_0 (below the threshold defined
    /// at 40 % connected share) when the connected share is modelled. Conductivity starts there too, so that the two agree.
    /// </summary>
    public double Onset => ClusterExponent <= 0 ? Threshold : Threshold - Math.Pow(ShareAtThreshold, 1 / ClusterExponent) * ConnectedWidth;

    /// <inheritdoc />
    public double Factor(double volumeFraction)
    {
        double onset = Onset;
        double p = (volumeFraction - onset) / (1.0 - onset);
        double connected = p > 0 ? Math.Pow(p, Exponent) : 0.0;
        return Math.Max(connected, Floor);
    }

    /// <inheritdoc />
    public double PercolatingShare(double volumeFraction)
    {
        if (ClusterExponent <= 0) return volumeFraction > Threshold ? 1.0 : 0.0;
        double reduced = (volumeFraction - Onset) / ConnectedWidth;
        return reduced <= 0 ? 0.0 : Math.Min(1.0, Math.Pow(reduced, ClusterExponent));
    }
}

/// <summary>
/// The percolation threshold of carbon-free NCM in an NCM | solid-electrolyte composite from the particle sizes:
/// Bielefeld, Weber and Janek 2019 (J. Phys. Chem. C 123, 1626) found p_c = 7.83 ln(d_NCM / um) + 36.67 vol% of the
/// solids for 3 um electrolyte particles. A random packing has no length scale of its own, so the threshold can depend on
/// the sizes only through their ratio: p_c = 7.83 ln(3 d_NCM / d_SE) + 36.67 vol%, which is their law at d_SE = 3 um.
/// </summary>
public static class ActiveNetworkThreshold
{
    /// <summary>p_c as a fraction of the solid volume for NCM of diameter <paramref name="activeDiameter"/> and electrolyte of <paramref name="electrolyteDiameter"/>, m.</summary>
    public static double OfSolids(double activeDiameter, double electrolyteDiameter)
    {
        if (!(activeDiameter > 0) || !(electrolyteDiameter > 0)) throw new ArgumentOutOfRangeException(nameof(activeDiameter), "particle sizes must be > 0");
        double percent = 7.83 * Math.Log(3 * activeDiameter / electrolyteDiameter) + 36.67;
        return Math.Clamp(percent / 100, 0.05, 0.95);
    }
}

/// <summary>Tortuosity factor: sigma_eff = sigma * eps / tau.</summary>
/// <param name="TortuosityFactor">tau (>= 1).</param>
public sealed record TortuosityFactorLaw(double TortuosityFactor) : IEffectiveTransportLaw
{
    /// <inheritdoc />
    public double Factor(double volumeFraction) => volumeFraction / TortuosityFactor;
}
