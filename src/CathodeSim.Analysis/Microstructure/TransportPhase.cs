namespace CathodeSim.Analysis.Microstructure;

/// <summary>Which network a microstructure-derived law describes.</summary>
public enum TransportPhase
{
    /// <summary>Ions through the electrolyte; the law takes the electrolyte's volume fraction.</summary>
    Ionic,
    /// <summary>Electrons through the NCM; the law takes the NCM's volume fraction.</summary>
    Electronic,
}
