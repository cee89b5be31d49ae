namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>
/// What <see cref="VoxelStructureAnalysis"/> finds in a composite structure: each phase's volume and connectivity, the
/// interface areas, and how much NCM can both get electrons and ions.
/// </summary>
/// <param name="Active">NCM.</param>
/// <param name="Electrolyte">Solid electrolyte.</param>
/// <param name="Void">Pores.</param>
/// <param name="Interfaces">Specific interface areas, m^2/m^3.</param>
/// <param name="AccessibleActiveFraction">
/// Share of the NCM volume that is electronically connected to the collector and touches ionically connected
/// electrolyte, counted over <paramref name="Basis"/>.
/// </param>
/// <param name="Basis">Whether <paramref name="AccessibleActiveFraction"/> was counted per particle or per voxel cluster.</param>
public sealed record StructureStatistics(
    PhaseStatistics Active,
    PhaseStatistics Electrolyte,
    PhaseStatistics Void,
    SpecificInterfaceAreas Interfaces,
    double AccessibleActiveFraction,
    AccessibilityBasis Basis)
{
    /// <summary>
    /// Share of the NCM volume in NCM clusters that touch the current collector (z = 0): the NCM that electrons reach
    /// (<see cref="PhaseStatistics.CollectorConnectedShare"/> of <see cref="Active"/>).
    /// </summary>
    public double ActivePercolatingFraction => Active.CollectorConnectedShare;

    /// <summary>
    /// Share of the electrolyte volume in electrolyte clusters that touch the separator face (z = Nz - 1): the
    /// electrolyte that ions from the separator reach (<see cref="PhaseStatistics.SeparatorConnectedShare"/> of <see cref="Electrolyte"/>).
    /// </summary>
    public double ElectrolytePercolatingFraction => Electrolyte.SeparatorConnectedShare;
}
