using CathodeSim.Model.Cell;

namespace CathodeSim.Model.Simulation;

/// <summary>
/// Cell-level view of the cathode/electrolyte interface in a state: the film and charge-transfer resistances of all
/// contacted surfaces in parallel (the quantities an impedance fit calls R_cathode/SE), the mean contacted fraction and
/// the share of NCM that has detached.
/// </summary>
internal readonly record struct InterfaceState(double FilmResistance, double ChargeTransferResistance, double ContactCoverage, double LostActiveFraction)
{
    public static InterfaceState Of(CellModel model, CellState state, CellStepSolver solver)
    {
        double filmConductance = 0, transferConductance = 0, coverage = 0, lost = 0, volume = 0;
        double f = model.InverseThermalVoltage;
        for (int p = 0; p < model.Particles; p++)
        {
            double area = model.ParticleArea[p] * state.ContactRatio[p] * state.ConnectedFraction[p] * model.NodeWidth * model.Design.Area; // contacted m^2
            double xs = solver.SurfaceStoichiometry(state, p);
            double i0 = model.ExchangeCurrentDensity * 2 * Math.Sqrt(Math.Max(xs * (1 - xs), 0));
            filmConductance += area / Math.Max(state.FilmResistance[p], 1e-30);
            transferConductance += area * i0 * f;
            double weight = model.ParticleWeight[p];
            coverage += weight * model.Coverage * state.ContactRatio[p] * state.ConnectedFraction[p];
            lost += weight * (1 - state.ConnectedFraction[p]);
            volume += weight;
        }
        return new InterfaceState(1 / filmConductance, 1 / transferConductance, coverage / volume, lost / volume);
    }
}
