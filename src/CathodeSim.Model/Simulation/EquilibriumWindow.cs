using CathodeSim.Model.Cell;

namespace CathodeSim.Model.Simulation;

/// <summary>
/// The voltage window of a galvanostatic step: the open-circuit voltage of the electrode's mean stoichiometry, followed
/// through the step by counting charge, plus or minus the overpotential limit. A cell whose voltage leaves it cannot carry
/// the requested current (or has no lithium left to give or room to take it), and no real cell sits there.
/// </summary>
/// <remarks>
/// The mean stoichiometry is counted over all of the NCM (x_mean - Q / Q_theoretical), also over particles that do not
/// cycle, so it moves more slowly than that of the cycling ones; for a bound of a few volts that is immaterial, and
/// counting charge costs nothing per trial and is the same on every particle back end.
/// </remarks>
internal readonly struct EquilibriumWindow
{
    private readonly OcpLookup? _ocv;
    private readonly double _startMean, _startCharge, _theoreticalCharge, _limit, _direction;

    private EquilibriumWindow(OcpLookup ocv, double startMean, double startCharge, double theoreticalCharge, double limit, double direction)
    {
        _ocv = ocv;
        _startMean = startMean;
        _startCharge = startCharge;
        _theoreticalCharge = theoreticalCharge;
        _limit = limit;
        _direction = direction;
    }

    /// <summary>No window (voltage holds and rests).</summary>
    public static EquilibriumWindow None => default;

    /// <summary>The window of <paramref name="plan"/> starting from the integrator's accepted state.</summary>
    public static EquilibriumWindow For(StepPlan plan, CellIntegrator integrator, CellModel model)
    {
        if (plan.Control.VoltageControlled || plan.Control.Value == 0) return None;
        Span<double> means = stackalloc double[model.Nodes];
        integrator.AcceptedNodeMeans(means);
        double mean = 0;
        foreach (double m in means) mean += m;
        mean /= model.Nodes;
        return new EquilibriumWindow(model.OpenCircuitVoltageLookup, mean, integrator.Accepted.Charge, model.TheoreticalCharge,
            model.Numerics.OverpotentialLimit, Math.Sign(plan.Control.Value));
    }

    /// <summary>Volts beyond the limit in the direction of the current; negative inside the window, -infinity without one.</summary>
    public double Excess(CellState state)
    {
        if (_ocv is null) return double.NegativeInfinity;
        double mean = Math.Clamp(_startMean - (state.Charge - _startCharge) / _theoreticalCharge, 0, 1);
        double equilibrium = _ocv.Evaluate(mean, out _);
        return _direction * (state.Voltage - equilibrium) - _limit;
    }
}
