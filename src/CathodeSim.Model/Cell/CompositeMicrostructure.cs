using CathodeSim.Model.Microstructure;

namespace CathodeSim.Model.Cell;

/// <summary>
/// The composite cathode and separator geometry derived from the recipe (spec section 2). SI units.
/// </summary>
/// <param name="ActiveVolumeFraction">eps_am.</param>
/// <param name="ElectrolyteVolumeFraction">eps_se.</param>
/// <param name="CathodeThickness">L_cat, m.</param>
/// <param name="SeparatorThickness">L_sep, m.</param>
/// <param name="Bins">Particle radius bins.</param>
/// <param name="SpecificContactArea">a_k = 3 eps_am v_k theta / R_k per bin, m^2 of contacted surface per m^3 of electrode.</param>
/// <param name="IonicFactor">sigma_se,eff / sigma_se.</param>
/// <param name="ElectronicFactor">sigma_am,eff / sigma_am.</param>
/// <param name="ElectronicallyConnectedShare">Share of the NCM in the NCM cluster that spans the electrode (electronic path to the current collector).</param>
/// <param name="IonicallyReachedShare">Share of the NCM touching the electrolyte cluster that spans the electrode (ionic path to the separator).</param>
public sealed record CompositeMicrostructure(
    double ActiveVolumeFraction,
    double ElectrolyteVolumeFraction,
    double CathodeThickness,
    double SeparatorThickness,
    SizeBins Bins,
    double[] SpecificContactArea,
    double IonicFactor,
    double ElectronicFactor,
    double ElectronicallyConnectedShare = 1.0,
    double IonicallyReachedShare = 1.0)
{
    /// <summary>
    /// The accessible share kept below a percolation onset, as the conductivity laws keep a floor: without any reacting
    /// surface the solid potential would float (the node system is singular, and not even a rest could be solved). At
    /// 1e-9 of the NCM the cell holds its open-circuit voltage at rest and cannot carry a current, which it then reports.
    /// </summary>
    public const double MinimumAccessibleFraction = 1e-9;

    /// <summary>
    /// Share of the NCM volume that can react in the bulk of the electrode: <see cref="ElectronicallyConnectedShare"/> times
    /// <see cref="IonicallyReachedShare"/>, taken as independent, floored at <see cref="MinimumAccessibleFraction"/>. The
    /// particle layers at the current collector and at the separator add to it (<see cref="CellModel"/>).
    /// </summary>
    public double AccessibleActiveFraction => Math.Max(MinimumAccessibleFraction, ElectronicallyConnectedShare * IonicallyReachedShare);

    /// <summary>Derives the microstructure of <paramref name="design"/> with <paramref name="binCount"/> size bins.</summary>
    public static CompositeMicrostructure From(CellDesign design, int binCount)
    {
        var recipe = design.Cathode;
        double w = recipe.ActiveMassFraction;
        double activeSpecificVolume = w / design.Active.Density;
        double electrolyteSpecificVolume = (1 - w) / design.CathodeElectrolyte.Density;
        double solid = 1 - recipe.VoidFraction;
        double epsAm = solid * activeSpecificVolume / (activeSpecificVolume + electrolyteSpecificVolume);
        double epsSe = solid - epsAm;
        double thickness = recipe.CathodeMass * (activeSpecificVolume + electrolyteSpecificVolume) / (solid * design.Area);
        double separatorThickness = design.Separator.Mass / (design.SeparatorElectrolyte.Density * design.Separator.RelativeDensity * design.Area);
        var bins = recipe.ParticleSizes.Discretise(binCount);
        var area = new double[bins.Count];
        for (int k = 0; k < bins.Count; k++)
            area[k] = 3 * epsAm * bins.VolumeShares[k] * recipe.ContactCoverage / bins.Radii[k];
        double electronic = recipe.ElectronicTransport.PercolatingShare(epsAm);
        double ionic = IonicallyReached(recipe, epsAm, epsSe);
        return new CompositeMicrostructure(epsAm, epsSe, thickness, separatorThickness, bins, area,
            recipe.IonicTransport.Factor(epsSe), recipe.ElectronicTransport.Factor(epsAm), electronic, ionic);
    }

    /// <summary>
    /// The NCM share touching the spanning electrolyte cluster: from the contact statistics where the recipe has
    /// them, with the composite's NCM taken as monodisperse at its Sauter (surface-volume) diameter, the diameter that also
    /// sets the NCM network's threshold (<see cref="ActiveNetworkThreshold"/>); else the electrolyte's spanning share.
    /// </summary>
    private static double IonicallyReached(CathodeRecipe recipe, double epsAm, double epsSe)
    {
        double spanning = recipe.IonicTransport.PercolatingShare(epsSe);
        if (recipe.ElectrolyteContacts is not { } contacts) return spanning;
        var sauter = recipe.ParticleSizes.Discretise(1);
        return contacts.ReachedProbability(contacts.ElectrolyteContactShare(sauter.Radii[0], sauter, epsAm, epsSe), spanning);
    }

    /// <summary>
    /// Share of the interval [<paramref name="from"/>, <paramref name="to"/>] (a control volume) that lies within
    /// <paramref name="depth"/> of the boundary at <paramref name="boundary"/> (0: separator, the thickness: current collector).
    /// </summary>
    public static double BoundaryLayerShare(double from, double to, double boundary, double depth)
    {
        double lo = Math.Max(from, boundary - depth), hi = Math.Min(to, boundary + depth);
        return hi > lo ? (hi - lo) / (to - from) : 0.0;
    }
}
