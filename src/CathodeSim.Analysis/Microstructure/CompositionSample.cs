namespace CathodeSim.Analysis.Microstructure;

/// <summary>The structures computed at one composition of the grid, one per seed.</summary>
/// <param name="ActiveShareOfSolids">NCM share of the solids.</param>
/// <param name="ActiveVolumeFraction">Nominal NCM volume fraction of the composite (the abscissa of the electronic table).</param>
/// <param name="ElectrolyteVolumeFraction">Nominal electrolyte volume fraction (the abscissa of the ionic table).</param>
/// <param name="BySeed">Properties per seed (unit bulk conductivities, so conductivities are factors).</param>
public sealed record CompositionSample(double ActiveShareOfSolids, double ActiveVolumeFraction, double ElectrolyteVolumeFraction, IReadOnlyList<MicrostructureProperties> BySeed)
{
    /// <summary>
    /// The share of the collector-connected NCM that also touches separator-connected electrolyte: the ionic law's
    /// percolating share in the cell model, which multiplies it by the electronic share to get the accessible fraction
    /// (CompositeMicrostructure). Where no NCM reaches the collector the ratio is undefined and the electrolyte's own
    /// connected share stands in (the product is 0 there anyway).
    /// </summary>
    public static double IonicallyReachedShare(MicrostructureProperties p) =>
        p.ActivePercolatingFraction > 1e-9 ? Math.Clamp(p.AccessibleActiveFraction / p.ActivePercolatingFraction, 0, 1) : p.ElectrolytePercolatingFraction;

    /// <summary>Mean and sample standard deviation over seeds of <paramref name="value"/> (0 spread for one seed).</summary>
    public (double Mean, double Spread) Statistic(Func<MicrostructureProperties, double> value)
    {
        var v = BySeed.Select(value).ToArray();
        double mean = v.Average();
        double spread = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0.0;
        return (mean, spread);
    }
}
