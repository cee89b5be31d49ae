namespace CathodeSim.Model.Thermal;

/// <summary>
/// A lumped (single-temperature) thermal model of the cell in its fixture, for fast rates:
/// C dT/dt = Q - H (T - T_ambient), with Q = I (V - U_eq) the irreversible heat (ohmic, kinetic and concentration
/// losses; the entropic heat is neglected as the OCP has no temperature coefficient here) and T_ambient the thermostat
/// temperature. Over a time step Q is taken as constant and the equation integrated exactly.
/// </summary>
/// <param name="HeatCapacity">C, J/K (cell plus the part of the die that follows it).</param>
/// <param name="HeatTransfer">H, W/K, to the thermostat (0: adiabatic).</param>
public sealed record LumpedThermalModel(double HeatCapacity, double HeatTransfer)
{
    /// <summary>Temperature after <paramref name="h"/> seconds from <paramref name="temperature"/> with heat <paramref name="heat"/> W.</summary>
    public double Advance(double temperature, double ambient, double heat, double h)
    {
        if (HeatTransfer <= 0) return temperature + heat * h / HeatCapacity;
        double steady = ambient + heat / HeatTransfer;
        return steady + (temperature - steady) * Math.Exp(-HeatTransfer * h / HeatCapacity);
    }
}
