namespace CathodeSim.Model.Dfn;

/// <summary>The liquid-electrolyte (DFN) part of a simulation request: the cell and its grid.</summary>
/// <param name="Cell">The coin cell.</param>
/// <param name="Grid">Its discretisation.</param>
public sealed record LiquidSetup(LiquidCell Cell, DfnGrid Grid)
{
    /// <summary>Double-layer capacitances for the small-signal response (<see cref="DfnImpedance"/>); the time domain ignores them.</summary>
    public DfnDoubleLayers DoubleLayers { get; init; } = new();
}
