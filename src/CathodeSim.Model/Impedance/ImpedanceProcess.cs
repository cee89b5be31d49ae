namespace CathodeSim.Model.Impedance;

/// <summary>A process of the cell model with its characteristic time constant, for reading a DRT of a simulated spectrum.</summary>
/// <param name="Name">Short name, e.g. "separator" or "charge transfer (bin 1, r = 2.5 um)".</param>
/// <param name="TimeConstant">Characteristic tau, s.</param>
/// <param name="Definition">How tau follows from the model, e.g. "R_sep C_geo".</param>
public sealed record ImpedanceProcess(string Name, double TimeConstant, string Definition);
