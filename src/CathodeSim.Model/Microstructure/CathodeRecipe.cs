namespace CathodeSim.Model.Microstructure;

/// <summary>How the composite cathode was made: masses, fractions and particle sizes (the lab's recipe, in SI).</summary>
/// <param name="CathodeMass">Composite cathode mass, kg.</param>
/// <param name="ActiveMassFraction">NCM mass fraction w in (0, 1).</param>
/// <param name="VoidFraction">Void (pore) volume fraction after pressing, in [0, 1).</param>
/// <param name="ParticleSizes">PSD of the active material.</param>
/// <param name="ContactCoverage">theta: fraction of NCM surface touching electrolyte, in (0, 1].</param>
/// <param name="IonicTransport">Effective-conductivity law of the electrolyte phase.</param>
/// <param name="ElectronicTransport">Effective-conductivity law of the active (electron-conducting) phase.</param>
/// <param name="ElectrolyteContacts">
/// Contact statistics that decide which NCM particles touch the spanning electrolyte; null takes every NCM particle to
/// touch it wherever the electrolyte percolates (the electrolyte's spanning share alone then limits).
/// </param>
public sealed record CathodeRecipe(
    double CathodeMass,
    double ActiveMassFraction,
    double VoidFraction,
    ParticleSizeDistribution ParticleSizes,
    double ContactCoverage,
    IEffectiveTransportLaw IonicTransport,
    IEffectiveTransportLaw ElectronicTransport,
    ElectrolyteContactStatistics? ElectrolyteContacts = null);
