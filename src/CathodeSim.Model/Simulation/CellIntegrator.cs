using CathodeSim.Model.Cell;
using CathodeSim.Numerics.Diffusion;

namespace CathodeSim.Model.Simulation;

/// <summary>
/// Advances the cell by implicit variable-step BDF (order 1 after every discontinuity, then 2) with a Milne-device
/// local error estimate on the particle stoichiometries. Holds the accepted state and a trial state; a trial can be
/// attempted any number of times with different step sizes from the same accepted history (used to locate events).
/// </summary>
public sealed class CellIntegrator
{
    private CellModel _model;
    private readonly CellStepSolver _solver;
    private readonly BdfHistory _history;
    private readonly double[] _combination, _predictor, _nodeConductivity;
    private double _trialError;
    private readonly Degradation.AgeingStep _ageing;

    /// <summary>Creates the integrator with the given particle back end; the state starts at rest at the initial stoichiometry.</summary>
    public CellIntegrator(CellModel model, IBatchedTridiagonalSolver diffusion)
        : this(model, new HostAssembledParticleDiffusionStepper(CellStepSolver.ParticleLayout(model), diffusion))
    {
    }

    /// <summary>Creates the integrator with the given particle stepper (built on <see cref="CellStepSolver.ParticleLayout"/> of <paramref name="model"/>).</summary>
    public CellIntegrator(CellModel model, IParticleDiffusionStepper particles)
    {
        _model = model;
        _solver = new CellStepSolver(model, particles);
        int size = model.Shells.Count * model.Particles;
        _history = new BdfHistory(size);
        _combination = new double[size];
        _predictor = new double[size];
        _nodeConductivity = new double[model.Nodes];
        _ageing = new Degradation.AgeingStep(model);
        Accepted = new CellState(model);
        Trial = new CellState(model);
        Array.Fill(Accepted.Stoichiometry, model.Design.InitialStoichiometry);
        double ocv = model.OpenCircuitVoltage(model.Design.InitialStoichiometry);
        Array.Fill(Accepted.SolidPotential, ocv);
        Accepted.Voltage = ocv;
        Restart();
    }

    /// <summary>The discretised cell (at the current temperature).</summary>
    public CellModel Model => _model;

    /// <summary>Changes the thermostat temperature for the following steps (Arrhenius factors only; the state is kept).</summary>
    public void SetTemperature(double temperature)
    {
        _model = _model.WithTemperature(temperature);
        _solver.Model = _model;
    }

    /// <summary>The newest accepted state.</summary>
    public CellState Accepted { get; }

    /// <summary>The last attempted step's state.</summary>
    public CellState Trial { get; }

    /// <summary>Order of the next step.</summary>
    public int Order => _history.Count >= 3 ? 2 : 1;

    /// <summary>Normalised local error of the last successful trial (0 when no estimate was possible).</summary>
    public double TrialError => _trialError;

    /// <summary>Newton iterations spent so far.</summary>
    public int NewtonIterations { get; private set; }

    /// <summary>The step solver (for diagnostics such as surface stoichiometry).</summary>
    public CellStepSolver Solver => _solver;

    /// <summary>Drops the BDF history: the next step is a first-order start from the accepted state.</summary>
    public void Restart() => _history.Restart(Accepted.Stoichiometry, Accepted.Charge, Accepted.Time);

    /// <summary>Attempts a step of <paramref name="h"/> seconds from the accepted state into <see cref="Trial"/>.</summary>
    /// <returns>False when Newton failed.</returns>
    public bool TryStep(double h, StepControl control)
    {
        var numerics = _model.Numerics;
        var bdf = _history.Coefficients(h);
        double chargeHistory = _history.Prepare(bdf, h, _combination, _predictor);
        Trial.CopyFrom(Accepted);
        _predictor.CopyTo(Trial.Stoichiometry, 0);
        Trial.Time = Accepted.Time + h;
        if (_history.Count == 1 && !control.VoltageControlled) _solver.GuessUniformReaction(Trial, control.Value);
        for (int j = 0; j < _model.Nodes; j++)
            _nodeConductivity[j] = _model.ElectronicConductivity(Math.Clamp(_model.NodeMeanStoichiometry(_predictor, j), 0, 1));
        bool converged = _solver.Solve(Trial, _combination, chargeHistory, bdf.HBeta, control, _nodeConductivity,
            numerics.RelativeTolerance, numerics.AbsoluteTolerance, out int iterations);
        NewtonIterations += iterations;
        if (!converged) return false;
        _trialError = double.IsNaN(bdf.ErrorFactor) ? 0 : Math.Abs(bdf.ErrorFactor) * ErrorNorm(Trial.Stoichiometry, _predictor);
        return true;
    }

    /// <summary>Makes the trial the accepted state, then advances the ageing laws over the step (if the cell has any).</summary>
    public void AcceptTrial()
    {
        if (_model.Design.Degradation is { } ageing) _ageing.Advance(ageing, _model, Accepted, Trial);
        Accepted.CopyFrom(Trial);
        _history.Push(Accepted.Stoichiometry, Accepted.Charge, Accepted.Time);
    }

    private double ErrorNorm(ReadOnlySpan<double> solution, ReadOnlySpan<double> predictor)
    {
        double rtol = _model.Numerics.RelativeTolerance, atol = _model.Numerics.AbsoluteTolerance;
        double sum = 0;
        for (int i = 0; i < solution.Length; i++)
        {
            double e = (solution[i] - predictor[i]) / (rtol * Math.Abs(solution[i]) + atol);
            sum += e * e;
        }
        return Math.Sqrt(sum / solution.Length);
    }
}
