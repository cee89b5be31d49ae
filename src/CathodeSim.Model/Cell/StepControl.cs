namespace CathodeSim.Model.Cell;

/// <summary>What the external circuit imposes during a step: the current density or the cell voltage.</summary>
/// <param name="VoltageControlled">True: <paramref name="Value"/> is the cell voltage, V; false: the current density, A/m^2 (positive on charge).</param>
/// <param name="Value">The imposed value.</param>
public readonly record struct StepControl(bool VoltageControlled, double Value)
{
    /// <summary>Galvanostatic control at current density <paramref name="currentDensity"/>.</summary>
    public static StepControl Current(double currentDensity) => new(false, currentDensity);

    /// <summary>Potentiostatic control at <paramref name="voltage"/>.</summary>
    public static StepControl Voltage(double voltage) => new(true, voltage);
}
