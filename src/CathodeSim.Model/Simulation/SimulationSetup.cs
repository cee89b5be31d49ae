using CathodeSim.Model.Cell;
using CathodeSim.Model.Protocol;

namespace CathodeSim.Model.Simulation;

/// <summary>A complete, validated simulation request: the cell, how it is operated, and how it is solved.</summary>
/// <param name="Name">Run name (used for output file names).</param>
/// <param name="Design">The cell.</param>
/// <param name="Temperature">Thermostat temperature, K.</param>
/// <param name="Protocol">Operating protocol, in order.</param>
/// <param name="Numerics">Solver settings.</param>
/// <param name="ProfileTimes">Times (s from the start) at which x-profiles are recorded; profiles are also recorded at the end of every step.</param>
public sealed record SimulationSetup(
    string Name,
    CellDesign Design,
    double Temperature,
    IReadOnlyList<ProtocolStep> Protocol,
    NumericsOptions Numerics,
    IReadOnlyList<double> ProfileTimes)
{
    /// <summary>
    /// Set for the liquid-electrolyte (DFN) mode (config <c>mode: dfn</c>): the coin cell and its grid. <see cref="Design"/> then
    /// carries only what the protocol and the outputs read (area, active mass, 1C, active material).
    /// </summary>
    public Dfn.LiquidSetup? Liquid { get; init; }
}
