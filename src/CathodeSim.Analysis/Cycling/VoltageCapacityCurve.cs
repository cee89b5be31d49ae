namespace CathodeSim.Analysis.Cycling;

/// <summary>Whether a voltage-capacity curve charges or discharges the cathode.</summary>
public enum CurveDirection
{
    /// <summary>Delithiation (charge and the voltage hold that ends it).</summary>
    Charge,

    /// <summary>Lithiation.</summary>
    Discharge,
}

/// <summary>
/// One charge or discharge segment as a lab would plot it: capacity counted from zero at the start of the segment.
/// </summary>
/// <param name="Cycle">1-based cycle number.</param>
/// <param name="Direction">Charge or discharge.</param>
/// <param name="Capacity">mAh/g of active material passed since the start of the segment, non-negative.</param>
/// <param name="Voltage">Cell voltage vs the counter electrode, V; same length as <paramref name="Capacity"/>.</param>
public sealed record VoltageCapacityCurve(int Cycle, CurveDirection Direction, double[] Capacity, double[] Voltage)
{
    /// <summary>Legend text, e.g. "cycle 2 discharge".</summary>
    public string Label => $"cycle {Cycle} {(Direction == CurveDirection.Charge ? "charge" : "discharge")}";
}
