using CathodeSim.Model.Cell;
using CathodeSim.Numerics.Diffusion;

namespace CathodeSim.Model.Simulation;

/// <summary>
/// Advances the cell by implicit variable-step BDF (order 1 after every discontinuity, then 2) with a Milne-device
/// local error estimate on the particle stoichiometries. Holds the accepted state and a trial state; a trial can be
/// attempted any number of times with different step sizes from the same accepted history (used to locate events).
/// </summary>
/// <remarks>
/// With a particle stepper that is an <see cref="IResidentParticleHistory"/> (a device-resident one) the stoichiometry
/// points, the predictor and the error estimate stay in the stepper: a step moves O(M) across the host link, and the
/// host's <see cref="Accepted"/> and <see cref="Trial"/> stoichiometries hold only their outermost shell (which the step
/// solver and the interface diagnostics read) until <see cref="SynchronizeAccepted"/> downloads the accepted one.
/// With any other stepper (the host path) the history lives here, as it always has.
/// </remarks>
public sealed class CellIntegrator
{
    private CellModel _model;
    private readonly CellStepSolver _solver;
    private readonly BdfHistory _history;
    private readonly double[] _combination, _predictor, _nodeConductivity, _errorPartial;
    private double _trialError;
    private readonly Degradation.AgeingStep _ageing;
    private readonly AlgebraicPredictor _algebraic;
    private readonly IResidentParticleHistory? _resident;
    private readonly double[] _nodeWeights = [], _shellWeights = [], _particleMeanWeight = [3.0], _nodeSums;
    private readonly double _nodeWeightTotal;
    private bool _residentHoldsAccepted, _hostStale, _guessUniform = true;

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
        _resident = particles as IResidentParticleHistory;
        _nodeConductivity = new double[model.Nodes];
        _nodeSums = new double[model.Nodes];
        _errorPartial = new double[model.Particles];
        Accepted = new CellState(model);
        Trial = new CellState(model);
        if (_resident is null)
        {
            // The history's newest buffer is the accepted state's stoichiometry array itself (the two always hold the same
            // point), so that accepting a step hands buffers round instead of copying the field twice (AcceptTrial).
            _history = new BdfHistory(Accepted.Stoichiometry);
            _combination = new double[size];
            _predictor = new double[size];
        }
        else
        {
            _history = BdfHistory.ScalarsOnly();
            _combination = _predictor = [];
            // The factors of CellModel.NodeMeanStoichiometry, so that the resident sums repeat its arithmetic.
            var shares = model.Microstructure.Bins.VolumeShares;
            _nodeWeights = new double[model.Bins];
            for (int k = 0; k < model.Bins; k++)
            {
                _nodeWeights[k] = shares[k] * 3;
                _nodeWeightTotal += shares[k];
            }
            _shellWeights = (double[])model.Shells.Volumes.Clone();
        }
        _ageing = new Degradation.AgeingStep(model);
        _algebraic = new AlgebraicPredictor(model);
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

    /// <summary>The last attempted step's state (after <see cref="AcceptTrial"/> its stoichiometry array is a spare buffer, not the accepted field).</summary>
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
    /// <param name="controlChanged">
    /// True when a new protocol step begins: its first Newton iteration starts from uniform reaction at the new current
    /// (<see cref="CellStepSolver.GuessUniformReaction"/>). False to restart within a step (after a step left the
    /// stoichiometry bounds): the accepted potentials and currents are then the better guess.
    /// </param>
    public void Restart(bool controlChanged = true)
    {
        _guessUniform = controlChanged;
        _algebraic.Restart();
        if (_resident is null)
        {
            _history.Restart(Accepted.Stoichiometry, Accepted.Charge, Accepted.Time);
            return;
        }
        // The resident history already holds the accepted point unless the host state is newer (the initial state).
        if (!_residentHoldsAccepted) _resident.LoadNewest(Accepted.Stoichiometry);
        _residentHoldsAccepted = true;
        _history.Restart(Accepted.Charge, Accepted.Time);
    }

    /// <summary>
    /// Makes <see cref="Accepted"/>'s whole stoichiometry current on the host (a download of M x Nr doubles when the
    /// points are resident in the particle stepper and have moved since the last call; nothing otherwise). Callers that
    /// read more than the outermost shell (profiles, the final state) call this first.
    /// </summary>
    public void SynchronizeAccepted()
    {
        if (_resident is null || !_hostStale) return;
        _resident.DownloadNewest(Accepted.Stoichiometry);
        _hostStale = false;
    }

    /// <summary>Volume-averaged stoichiometry of each node in the accepted state (<see cref="CellModel.NodeMeanStoichiometry"/>), into <paramref name="means"/>.</summary>
    public void AcceptedNodeMeans(Span<double> means)
    {
        if (_resident is null || !_hostStale)
        {
            for (int j = 0; j < _model.Nodes; j++) means[j] = _model.NodeMeanStoichiometry(Accepted.Stoichiometry, j);
            return;
        }
        ResidentNodeMeans(ParticleField.Newest, means);
    }

    private void ResidentNodeMeans(ParticleField field, Span<double> means)
    {
        _resident!.WeightedSums(field, _nodeWeights, _shellWeights, _nodeSums);
        for (int j = 0; j < _model.Nodes; j++) means[j] = _nodeSums[j] / _nodeWeightTotal;
    }

    /// <summary>Attempts a step of <paramref name="h"/> seconds from the accepted state into <see cref="Trial"/>.</summary>
    /// <returns>False when Newton failed.</returns>
    public bool TryStep(double h, StepControl control)
    {
        if (_resident is not null) return TryResidentStep(h, control, _resident);
        var numerics = _model.Numerics;
        var bdf = _history.Coefficients(h);
        double chargeHistory = _history.Prepare(bdf, h, _combination, _predictor);
        Trial.CopyFrom(Accepted, _predictor);
        Trial.Time = Accepted.Time + h;
        _algebraic.Extrapolate(Accepted, Trial, h);
        if (_history.Count == 1 && _guessUniform && !control.VoltageControlled) _solver.GuessUniformReaction(Trial, control.Value);
        for (int j = 0; j < _model.Nodes; j++)
            _nodeConductivity[j] = _model.ElectronicConductivity(j, Math.Clamp(_model.NodeMeanStoichiometry(_predictor, j), 0, 1));
        bool converged = _solver.Solve(Trial, _combination, chargeHistory, bdf.HBeta, control, _nodeConductivity,
            numerics.RelativeTolerance, numerics.AbsoluteTolerance, out int iterations);
        NewtonIterations += iterations;
        if (!converged) return false;
        _trialError = TrialErrorOf(bdf.ErrorFactor, ErrorNorm(Trial.Stoichiometry, _predictor));
        return true;
    }

    private bool TryResidentStep(double h, StepControl control, IResidentParticleHistory resident)
    {
        var numerics = _model.Numerics;
        var bdf = _history.Coefficients(h);
        double chargeHistory = _history.Weights(bdf, h, out var weights);
        resident.Prepare(weights);
        // Only the outermost shell of the host copies is kept current (that of x_n here, which is the predictor's when
        // the predictor is x_n: the only case in which GuessUniformReaction reads it).
        Trial.CopyFromSurfaceOnly(Accepted, _model.Particles);
        Trial.Time = Accepted.Time + h;
        _algebraic.Extrapolate(Accepted, Trial, h);
        if (_history.Count == 1 && _guessUniform && !control.VoltageControlled) _solver.GuessUniformReaction(Trial, control.Value);
        ResidentNodeMeans(ParticleField.Predictor, _nodeConductivity);
        for (int j = 0; j < _model.Nodes; j++)
            _nodeConductivity[j] = _model.ElectronicConductivity(j, Math.Clamp(_nodeConductivity[j], 0, 1));
        bool converged = _solver.SolvePredicted(Trial, resident, chargeHistory, bdf.HBeta, control, _nodeConductivity,
            numerics.RelativeTolerance, numerics.AbsoluteTolerance, out int iterations);
        NewtonIterations += iterations;
        if (!converged) return false;
        _trialError = TrialErrorOf(bdf.ErrorFactor, resident.ErrorNorm(numerics.RelativeTolerance, numerics.AbsoluteTolerance));
        return true;
    }

    /// <summary>Makes the trial the accepted state, then advances the ageing laws over the step (if the cell has any).</summary>
    public void AcceptTrial()
    {
        if (_resident is not null)
        {
            AcceptResidentTrial(_resident);
            return;
        }
        if (_model.Design.Degradation is { } ageing) _ageing.Advance(ageing, _model, Accepted, Trial);
        // Buffer rotation instead of two copies of the M x Nr field: the trial's array becomes the history's newest point
        // and the accepted state's array (they alias on the host path), the accepted one moves down the ring, and the
        // array that drops out of the ring becomes the trial's (TryStep overwrites it with the predictor).
        RememberAlgebraic();
        var newest = Trial.Stoichiometry;
        Trial.ExchangeStoichiometry(_history.PushOwned(newest, Trial.Charge, Trial.Time));
        Accepted.ExchangeStoichiometry(newest);
        Accepted.CopyAllButStoichiometry(Trial);
    }

    private void AcceptResidentTrial(IResidentParticleHistory resident)
    {
        if (_model.Design.Degradation is { } ageing)
        {
            bool contact = ageing.Contact is not null;
            if (contact)
            {
                resident.WeightedSums(ParticleField.Newest, _particleMeanWeight, _shellWeights, _ageing.Before);
                resident.WeightedSums(ParticleField.Iterate, _particleMeanWeight, _shellWeights, _ageing.After);
            }
            _ageing.Advance(ageing, _model, Accepted, Trial, meansGiven: contact);
        }
        RememberAlgebraic();
        Accepted.CopyFromSurfaceOnly(Trial, _model.Particles);
        resident.Accept();
        _residentHoldsAccepted = true;
        _hostStale = true;
        _history.Push(Accepted.Charge, Accepted.Time);
    }

    /// <summary>
    /// Keeps the accepted point's potentials and currents for the next steps' guess, unless it is the point the history
    /// restarted from: that one belongs to the previous control (at rest, say, before a current step), and a line through
    /// it and the first solved point would extrapolate the jump.
    /// </summary>
    private void RememberAlgebraic()
    {
        if (_history.Count >= 2) _algebraic.Remember(Accepted);
        else _algebraic.Restart();
    }

    /// <summary>
    /// The step's error estimate: +infinity when a shell left [0, 1] (the norm says so; the step is then rejected and the
    /// caller restarts at first order, whose implicit Euler step keeps the diffusion bounded), 0 where there is no estimate.
    /// </summary>
    private static double TrialErrorOf(double errorFactor, double norm) =>
        double.IsPositiveInfinity(norm) ? double.PositiveInfinity : double.IsNaN(errorFactor) ? 0 : Math.Abs(errorFactor) * norm;

    /// <summary>True when the last trial was rejected for leaving the stoichiometry bounds rather than for its error.</summary>
    public bool TrialOutOfBounds => double.IsPositiveInfinity(_trialError);

    private double ErrorNorm(ReadOnlySpan<double> solution, ReadOnlySpan<double> predictor)
    {
        double rtol = _model.Numerics.RelativeTolerance, atol = _model.Numerics.AbsoluteTolerance;
        // Summed per particle from the innermost shell outwards, then over particles in order: the order in which a
        // device-resident history reduces it (IResidentParticleHistory.ErrorNorm), so both paths take the same steps.
        int np = _errorPartial.Length;
        Array.Clear(_errorPartial);
        bool outside = false;
        for (int row = 0; row < solution.Length; row += np)
        {
            for (int p = 0; p < np; p++)
            {
                double x = solution[row + p];
                double e = (x - predictor[row + p]) / (rtol * Math.Abs(x) + atol);
                _errorPartial[p] += e * e;
                outside |= x < -StoichiometryBounds.Slack || x > 1 + StoichiometryBounds.Slack;
            }
        }
        if (outside) return double.PositiveInfinity;
        double sum = 0;
        for (int p = 0; p < np; p++) sum += _errorPartial[p];
        return Math.Sqrt(sum / solution.Length);
    }
}
