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

/// <summary>
/// A law with the same conductivity as <paramref name="Inner"/> whose whole phase is connected: the counterfactual that
/// separates inaccessible material from conductivity (<c>optimize-ratio</c>'s limitation analysis).
/// </summary>
/// <param name="Inner">The law whose conductivity is kept.</param>
public sealed record FullyConnectedLaw(IEffectiveTransportLaw Inner) : IEffectiveTransportLaw
{
    /// <inheritdoc />
    public double Factor(double volumeFraction) => Inner.Factor(volumeFraction);
}

/// <summary>Bruggeman: sigma_eff = sigma * eps^b.</summary>
/// <param name="Exponent">Bruggeman exponent b (1.5 for spheres).</param>
public sealed record BruggemanLaw(double Exponent) : IEffectiveTransportLaw
{
    /// <inheritdoc />
    public double Factor(double volumeFraction) => Math.Pow(volumeFraction, Exponent);
}

/// <summary>
/// Percolation: sigma_eff = sigma * ((eps - eps_c)/(1 - eps_c))^t above the threshold eps_c, and a floor below it,
/// blended smoothly over a small width so that Newton sees a continuous derivative.
/// </summary>
/// <param name="Threshold">Percolation threshold eps_c (volume fraction).</param>
/// <param name="Exponent">Critical exponent t (about 2 in 3D).</param>
/// <param name="Floor">Factor used below the threshold (isolated clusters still tunnel a little).</param>
public sealed record PercolationLaw(double Threshold, double Exponent, double Floor) : IEffectiveTransportLaw
{
    /// <inheritdoc />
    public double Factor(double volumeFraction)
    {
        double p = (volumeFraction - Threshold) / (1.0 - Threshold);
        double connected = p > 0 ? Math.Pow(p, Exponent) : 0.0;
        return Math.Max(connected, Floor);
    }
}

/// <summary>Tortuosity factor: sigma_eff = sigma * eps / tau.</summary>
/// <param name="TortuosityFactor">tau (>= 1).</param>
public sealed record TortuosityFactorLaw(double TortuosityFactor) : IEffectiveTransportLaw
{
    /// <inheritdoc />
    public double Factor(double volumeFraction) => volumeFraction / TortuosityFactor;
}
