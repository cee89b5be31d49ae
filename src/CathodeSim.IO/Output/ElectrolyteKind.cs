namespace CathodeSim.IO.Output;

/// <summary>Which electrolyte carries the lithium ions between the electrodes of a simulated cell.</summary>
public enum ElectrolyteKind
{
    /// <summary>A solid electrolyte in the composite cathode (the all-solid-state model, e.g. Li3InCl6).</summary>
    Solid,

    /// <summary>A liquid electrolyte in a porous cathode and separator (the DFN mode, <c>mode: dfn</c>).</summary>
    Liquid,
}
