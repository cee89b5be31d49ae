namespace CathodeSim.Model.Dfn;

/// <summary>
/// The discretised DFN cell linearised around a state (<see cref="DfnSystem.Linearise"/>): M dy/dt + J dy + b dI = 0,
/// with the cell voltage dV = dy[VoltageIndex] + VoltagePerCurrent dI.
/// </summary>
/// <param name="ColumnRows">Structural rows of each column of J.</param>
/// <param name="ColumnValues">Entries of J = dF/dy in the order of <paramref name="ColumnRows"/>.</param>
/// <param name="Storage">Diagonal of M (eps dx for c_e, shell volume shares for stoichiometries, 0 for algebraic unknowns).</param>
/// <param name="CollectorCurrentResponse">The part of b = dF/dI from the positive current collector.</param>
/// <param name="LithiumCurrentResponse">The part of b from the lithium-metal boundary rows (all zero in a full cell).</param>
/// <param name="LithiumChargeTransfer">Charge-transfer resistance of the lithium metal, d(interface overpotential)/dI, ohm m^2 (0 in a full cell).</param>
/// <param name="VoltageIndex">Index of the unknown the voltage reads (phi_s of the last cathode volume).</param>
/// <param name="VoltagePerCurrent">dV/dI at fixed state (the collector half-volume), ohm m^2.</param>
/// <param name="Bandwidth">Half bandwidth of J and M.</param>
public sealed record DfnLinearisation(int[][] ColumnRows, double[][] ColumnValues, double[] Storage, double[] CollectorCurrentResponse,
    double[] LithiumCurrentResponse, double LithiumChargeTransfer, int VoltageIndex, double VoltagePerCurrent, int Bandwidth);
