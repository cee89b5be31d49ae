using System.Diagnostics.CodeAnalysis;

namespace CathodeSim.Analysis.Microstructure;

/// <summary>
/// Where computed structure properties are kept between runs (the workflow asks before computing, saves after). The
/// on-disk store lives in the I/O layer; tests and one-off runs may use none.
/// </summary>
public interface IMicrostructurePropertyStore
{
    /// <summary>The properties stored under <paramref name="key"/>, if a valid entry exists; a damaged entry counts as missing.</summary>
    bool TryLoad(MicrostructureCacheKey key, [NotNullWhen(true)] out MicrostructureProperties? properties);

    /// <summary>Stores <paramref name="properties"/> under <paramref name="key"/>, replacing any entry.</summary>
    void Save(MicrostructureCacheKey key, MicrostructureProperties properties);
}
