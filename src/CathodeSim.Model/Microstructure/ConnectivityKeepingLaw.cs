namespace CathodeSim.Model.Microstructure;

/// <summary>
/// A law whose conductivity comes from one law and whose percolating share (the connected, reachable part of the phase)
/// from another: the counterfactual of an ideal network that still leaves the same NCM unreachable, so that the gain
/// of making a network ideal is not mixed up with the gain of making all the NCM accessible (<c>optimize-ratio</c>'s
/// prediction map).
/// </summary>
/// <param name="Conduction">The law whose conductivity factor is used.</param>
/// <param name="Connectivity">The law whose percolating share is kept.</param>
public sealed record ConnectivityKeepingLaw(IEffectiveTransportLaw Conduction, IEffectiveTransportLaw Connectivity) : IEffectiveTransportLaw
{
    /// <summary>
    /// <paramref name="conduction"/>'s conductivity with the whole phase connected: the counterfactual that separates
    /// inaccessible material from conductivity. (Bruggeman's law has no threshold, so all of its phase percolates.)
    /// </summary>
    public static ConnectivityKeepingLaw WholePhaseConnected(IEffectiveTransportLaw conduction) => new(conduction, new BruggemanLaw(1));

    /// <inheritdoc />
    public double Factor(double volumeFraction) => Conduction.Factor(volumeFraction);

    /// <inheritdoc />
    public double PercolatingShare(double volumeFraction) => Connectivity.PercolatingShare(volumeFraction);
}
