namespace CathodeSim.Model.Impedance;

/// <summary>
/// The capacitive parameters that only the small-signal (impedance) response needs; the time-domain engine neglects
/// them (time constants below 0.1 s).
/// </summary>
/// <param name="CathodeDoubleLayer">Double-layer capacitance of the contacted NCM/electrolyte interface, F/m^2 (typical 10-50 uF/cm^2 = 0.1-0.5 F/m^2; assumed 0.2). Config: cell.impedance.cathode_double_layer.</param>
/// <param name="CounterDoubleLayer">Double-layer capacitance of the Li-In/electrolyte interface per geometric area, F/m^2 (assumed 0.2).</param>
/// <param name="SeparatorPermittivity">Relative permittivity of the separator pellet for its geometric capacitance (assumed 30 for argyrodites).</param>
public sealed record ImpedanceParameters(double CathodeDoubleLayer = 0.2, double CounterDoubleLayer = 0.2, double SeparatorPermittivity = 30)
{
    /// <summary>Vacuum permittivity, F/m.</summary>
    public const double VacuumPermittivity = 8.8541878128e-12;
}
