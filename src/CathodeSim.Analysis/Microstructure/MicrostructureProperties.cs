namespace CathodeSim.Analysis.Microstructure;

/// <summary>
/// What a computed structure tells the cell model, in SI units: effective conductivities through the thickness from voxel
/// transport solves, tortuosity factors (eps sigma / sigma_eff, TauFactor's definition; +inf where nothing spans), the shares
/// of each phase connected to where its carriers come from, the NCM reached by both networks, and the NCM | electrolyte
/// contact area.
/// </summary>
/// <param name="ActiveVolumeFraction">NCM share of the box (voxel count).</param>
/// <param name="ElectrolyteVolumeFraction">Electrolyte share of the box.</param>
/// <param name="VoidFraction">Void share of the box.</param>
/// <param name="EffectiveIonicConductivity">Electrolyte network through the thickness, S/m.</param>
/// <param name="EffectiveElectronicConductivity">NCM network through the thickness, S/m.</param>
/// <param name="IonicTortuosityFactor">eps_SE sigma_SE / sigma_eff,ionic; +inf when the electrolyte does not span.</param>
/// <param name="ElectronicTortuosityFactor">eps_NCM sigma_NCM / sigma_eff,electronic; +inf when the NCM does not span.</param>
/// <param name="AccessibleActiveFraction">Share of the NCM volume in particles connected to the collector that touch separator-connected electrolyte.</param>
/// <param name="ActivePercolatingFraction">Share of the NCM volume in clusters that touch the current collector.</param>
/// <param name="ElectrolytePercolatingFraction">Share of the electrolyte volume in clusters that touch the separator.</param>
/// <param name="ContactAreaPerVolume">NCM | electrolyte interface per box volume, 1/m.</param>
/// <param name="Voxels">Voxels in the box.</param>
public sealed record MicrostructureProperties(
    double ActiveVolumeFraction,
    double ElectrolyteVolumeFraction,
    double VoidFraction,
    double EffectiveIonicConductivity,
    double EffectiveElectronicConductivity,
    double IonicTortuosityFactor,
    double ElectronicTortuosityFactor,
    double AccessibleActiveFraction,
    double ActivePercolatingFraction,
    double ElectrolytePercolatingFraction,
    double ContactAreaPerVolume,
    long Voxels);
