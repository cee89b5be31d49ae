using CathodeSim.Model.Cell;

namespace CathodeSim.Model.Simulation;

/// <summary>
/// The Newton starting guess of a step's algebraic unknowns (the two potentials per node, the interfacial currents and
/// the applied current): the line through the last two accepted points of the same protocol step, evaluated at the new
/// time. The stoichiometry has its BDF predictor; without this one the potentials started where the last step ended, and
/// the first Newton iteration of a smooth 0.1C discharge moved them by 1-1.5 mV, which cost a third iteration per step.
/// The converged step does not depend on the guess (only on the Newton tolerance), so this changes results by round-off
/// and Newton noise, far below the 1 uV the potentials settle to.
/// </summary>
internal sealed class AlgebraicPredictor
{
    private readonly double[] _solid, _electrolyte, _interfacial;
    private double _current, _time;
    private bool _valid;

    public AlgebraicPredictor(CellModel model)
    {
        _solid = new double[model.Nodes];
        _electrolyte = new double[model.Nodes];
        _interfacial = new double[model.Particles];
    }

    /// <summary>Forgets the previous point: after a change of control the line through it says nothing about the new step.</summary>
    public void Restart() => _valid = false;

    /// <summary>Keeps <paramref name="accepted"/>'s algebraic unknowns as the older point; call before it is overwritten by the next accepted step.</summary>
    public void Remember(CellState accepted)
    {
        accepted.SolidPotential.CopyTo(_solid, 0);
        accepted.ElectrolytePotential.CopyTo(_electrolyte, 0);
        accepted.InterfacialCurrent.CopyTo(_interfacial, 0);
        _current = accepted.Current;
        _time = accepted.Time;
        _valid = true;
    }

    /// <summary>
    /// Moves <paramref name="trial"/>'s algebraic unknowns (a copy of <paramref name="accepted"/>'s) along the line to
    /// <paramref name="accepted"/>'s time plus <paramref name="h"/>; leaves them as they are when there is no older point.
    /// </summary>
    public void Extrapolate(CellState accepted, CellState trial, double h)
    {
        double span = accepted.Time - _time;
        if (!_valid || !(span > 0)) return;
        double w = h / span;
        Extend(accepted.SolidPotential, _solid, trial.SolidPotential, w);
        Extend(accepted.ElectrolytePotential, _electrolyte, trial.ElectrolytePotential, w);
        Extend(accepted.InterfacialCurrent, _interfacial, trial.InterfacialCurrent, w);
        trial.Current = accepted.Current + w * (accepted.Current - _current);
    }

    private static void Extend(ReadOnlySpan<double> newest, ReadOnlySpan<double> older, Span<double> target, double w)
    {
        for (int i = 0; i < target.Length; i++) target[i] = newest[i] + w * (newest[i] - older[i]);
    }
}
