namespace CathodeSim.Model.Dfn;

/// <summary>
/// Double-layer capacitances of the liquid-electrolyte (DFN) cell, which only its small-signal response
/// (<see cref="DfnImpedance"/>) uses; the time-domain DFN neglects them. F/m^2; 0 switches a double layer off.
/// Defaults 0.2 F/m^2 (20 uF/cm^2): the order of the double-layer capacitance of a metal or oxide electrode in a
/// concentrated electrolyte, 10-40 uF/cm^2 (Bard and Faulkner, Electrochemical Methods, 2nd ed. 2001, chapter 13), the
/// value the solid-state mode assumes for its cathode (<see cref="Impedance.ImpedanceParameters"/>); not fitted to the
/// seed paper's liquid cells, which report no EIS. Config: cell.impedance.{cathode,counter,anode}_double_layer.
/// </summary>
/// <param name="Cathode">Per area of cathode particle surface (the interfacial area a of each bin).</param>
/// <param name="Counter">Of the lithium-metal counter electrode, per geometric area, in parallel with its charge-transfer resistance.</param>
/// <param name="Anode">Per area of anode particle surface (full cells).</param>
public sealed record DfnDoubleLayers(double Cathode = 0.2, double Counter = 0.2, double Anode = 0.2)
{
    /// <summary>No double layers: the small-signal response of exactly the time-domain equations.</summary>
    public static DfnDoubleLayers None { get; } = new(0, 0, 0);
}
