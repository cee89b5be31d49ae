using CathodeSim.Model.Microstructure;

namespace CathodeSim.Analysis.Microstructure;

/// <summary>
/// <c>law: microstructure</c> as read from a config: what to compute, not yet a law. The config layer must not compute
/// structures (I/O does no physics), so it leaves this marker in the recipe and <see cref="MicrostructureLawResolver"/>
/// replaces it with a <see cref="TabulatedTransportLaw"/> before the cell is built. Using it unresolved is a programming
/// error of the command, reported as such.
/// </summary>
/// <param name="Settings">How to compute the table.</param>
/// <param name="Phase">Which network.</param>
public sealed record UnresolvedMicrostructureLaw(MicrostructureTransportSettings Settings, TransportPhase Phase) : IEffectiveTransportLaw
{
    /// <inheritdoc />
    public double Factor(double volumeFraction) => throw Unresolved();

    /// <inheritdoc />
    public double PercolatingShare(double volumeFraction) => throw Unresolved();

    private InvalidOperationException Unresolved() => new(
        $"the {Phase.ToString().ToLowerInvariant()} transport law 'microstructure' was not resolved into a table before the cell was built; " +
        "this command does not support law: microstructure (run, sweep and optimize-ratio do)");
}
