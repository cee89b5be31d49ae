using CathodeSim.Numerics.Diffusion;
using CathodeSim.Numerics.Integration;
using CathodeSim.Numerics.LinearAlgebra;

namespace CathodeSim.Model.Cell;

/// <summary>
/// Solves one implicit (BDF) time step of the cell by Newton's method with static condensation:
/// every particle's implicit diffusion step is a tridiagonal solve (assembled, solved and updated for all particles at
/// once by an <see cref="IParticleDiffusionStepper"/>, possibly on a device) that makes its surface stoichiometry a linear function of its interfacial
/// current; the Butler-Volmer condition then makes that current a linear function of the local potential difference;
/// what remains is a 2x2 block-tridiagonal system in (phi_s, phi_e) along x, plus one bordering row when the voltage
/// is imposed. All work arrays are allocated once.
/// </summary>
/// <remarks>
/// Kinetics: symmetric Butler-Volmer (alpha_a = alpha_c = 1/2), written in its exactly inverted form
/// phi_s - phi_e - U(x_s) - i R_film - (2RT/F) asinh(i / (2 i0(x_s))) = 0, which stays well scaled as i0 -> 0.
/// The NCM electronic conductivity depends on lithiation; it is evaluated at the predicted mean stoichiometry of the
/// step (passed in by the caller) rather than iterated, an O(h^3) difference for the BDF2 predictor.
/// The double-layer charging is omitted in time-domain runs: its time constant C_dl R_ct is below 0.1 s for
/// C_dl ~ 0.1-0.5 F/m^2, against hour-long galvanostatic steps and minute-long GITT pulses.
/// </remarks>
public sealed class CellStepSolver
{
    private const double SurfaceMargin = 1e-14;
    private CellModel _model;
    private readonly IParticleDiffusionStepper _particles;
    private readonly BlockTridiagonal2Solver _nodes;
    private readonly double[] _gain;      // Gd: d(BV residual)/di after condensing the particle
    private readonly double[] _surface;   // raw x_s per particle at the iterate
    private double _withheld;   // reaction current the last iteration's shortened updates left out, A/m^2 of electrode (LimitTowardsBounds)
    private readonly double[] _offset;    // e: BV residual terms independent of the potential update
    private readonly double[] _currentUpdate;  // di per particle, handed to the particle stepper
    private readonly double[] _nodeRhs, _border;
    private readonly double[] _faceSolid;  // solid conductances, faces 0..Nx (index j: between j-1 and j)
    private readonly double[] _reaction;  // q_j
    private readonly double[] _extrapolation;

    /// <summary>
    /// Creates the solver for <paramref name="model"/> with the particles assembled on the host and solved by
    /// <paramref name="diffusion"/> (<see cref="HostAssembledParticleDiffusionStepper"/>).
    /// </summary>
    public CellStepSolver(CellModel model, IBatchedTridiagonalSolver diffusion)
        : this(model, new HostAssembledParticleDiffusionStepper(ParticleLayout(model), diffusion))
    {
    }

    /// <summary>Creates the solver for <paramref name="model"/> with <paramref name="particles"/> doing the particle half of each Newton iteration.</summary>
    /// <param name="model">The discretised cell.</param>
    /// <param name="particles">A stepper built on <see cref="ParticleLayout"/> of <paramref name="model"/>.</param>
    public CellStepSolver(CellModel model, IParticleDiffusionStepper particles)
    {
        ArgumentNullException.ThrowIfNull(particles);
        _model = model;
        _particles = particles;
        int p = model.Particles, n = model.Nodes;
        if (particles.Layout.Particles != p || particles.Layout.Shells != model.Shells.Count)
            throw new ArgumentException($"the particle stepper is laid out for {particles.Layout.Particles} x {particles.Layout.Shells}, the model has {p} x {model.Shells.Count}", nameof(particles));
        _nodes = new BlockTridiagonal2Solver(n);
        _gain = new double[p];
        _offset = new double[p];
        _surface = new double[p];
        _currentUpdate = new double[p];
        _nodeRhs = new double[2 * n];
        _border = new double[2 * n];
        _faceSolid = new double[n + 1];
        _reaction = new double[n];
        _extrapolation = new double[p];
        double dr = model.Shells.Spacing;
        for (int i = 0; i < p; i++)
        {
            double r = model.ParticleRadius[i];
            // Half a shell from the outermost shell's centre to the surface: int_{x_s}^{x_last} D dx = gamma i.
            _extrapolation[i] = model.Coverage * dr * r / (2 * PhysicalConstants.Faraday * model.MaxConcentration);
        }
    }

    /// <summary>
    /// The particle grid and coefficients of <paramref name="model"/> for an <see cref="IParticleDiffusionStepper"/>
    /// (they do not depend on temperature, so one layout serves the whole run).
    /// </summary>
    public static ParticleDiffusionLayout ParticleLayout(CellModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        int p = model.Particles;
        var invRadiusSquaredSpacing = new double[p];
        var surfaceFluxCoefficient = new double[p];
        double dr = model.Shells.Spacing;
        for (int i = 0; i < p; i++)
        {
            double r = model.ParticleRadius[i];
            invRadiusSquaredSpacing[i] = 1.0 / (r * r * dr);
            // -D dx/dr = theta i / (F c_max): flux per unit normalised volume is theta/(F c_max R) * i.
            surfaceFluxCoefficient[i] = model.Coverage / (PhysicalConstants.Faraday * model.MaxConcentration * r);
        }
        return new ParticleDiffusionLayout(model.Shells.Volumes, model.Shells.FaceAreas, invRadiusSquaredSpacing, surfaceFluxCoefficient);
    }

    /// <summary>The particle stepper in use.</summary>
    public IParticleDiffusionStepper Particles => _particles;

    /// <summary>
    /// The model the next steps use. It may be replaced by the same cell at another temperature
    /// (<see cref="CellModel.WithTemperature"/>): the grids must stay the same.
    /// </summary>
    public CellModel Model
    {
        get => _model;
        set
        {
            if (value.Particles != _model.Particles || value.Shells.Count != _model.Shells.Count || value.Nodes != _model.Nodes || value.Coverage != _model.Coverage)
                throw new ArgumentException("the replacement model must have the same grids", nameof(value));
            _model = value;
        }
    }

    /// <summary>Newton iterations allowed per step before it is declared failed.</summary>
    public int MaxIterations { get; init; } = 12;

    /// <summary>
    /// Solves y = history + hBeta f(y) for the state, starting from the guess in <paramref name="state"/> and leaving the
    /// solution there (stoichiometry, potentials, interfacial currents, current, voltage; Charge is advanced with the same
    /// BDF weights as lithium so the two balance to round-off).
    /// </summary>
    /// <param name="state">Initial guess in, solution out.</param>
    /// <param name="history">The BDF history combination of stoichiometries (a0 x_n + a1 x_{n-1}).</param>
    /// <param name="chargeHistory">The same combination of the charge counter, C/m^2.</param>
    /// <param name="hBeta">Effective step, s.</param>
    /// <param name="control">Imposed current density or voltage.</param>
    /// <param name="nodeConductivity">Effective electronic conductivity per node for this step, S/m.</param>
    /// <param name="relativeTolerance">Relative tolerance of stoichiometry (Newton stops at 1 % of it).</param>
    /// <param name="absoluteTolerance">Absolute tolerance of stoichiometry.</param>
    /// <param name="iterations">Newton iterations used.</param>
    /// <returns>True when Newton converged.</returns>
    public bool Solve(CellState state, double[] history, double chargeHistory, double hBeta, StepControl control,
        ReadOnlySpan<double> nodeConductivity, double relativeTolerance, double absoluteTolerance, out int iterations)
    {
        ArgumentNullException.ThrowIfNull(history);
        return Solve(state, history, null, chargeHistory, hBeta, control, nodeConductivity, relativeTolerance, absoluteTolerance, out iterations);
    }

    /// <summary>
    /// As <see cref="Solve(CellState, double[], double, double, StepControl, ReadOnlySpan{double}, double, double, out int)"/>,
    /// with the guess and the history combination already formed in <paramref name="resident"/> (the particle stepper
    /// itself, by <see cref="IResidentParticleHistory.Prepare"/>): the stoichiometry stays there, and only the outermost
    /// shell of the solution comes back into <paramref name="state"/> (the rest of its stoichiometry is left as it was).
    /// </summary>
    public bool SolvePredicted(CellState state, IResidentParticleHistory resident, double chargeHistory, double hBeta, StepControl control,
        ReadOnlySpan<double> nodeConductivity, double relativeTolerance, double absoluteTolerance, out int iterations)
    {
        ArgumentNullException.ThrowIfNull(resident);
        if (!ReferenceEquals(resident, _particles)) throw new ArgumentException("the resident history must be this solver's particle stepper", nameof(resident));
        return Solve(state, null, resident, chargeHistory, hBeta, control, nodeConductivity, relativeTolerance, absoluteTolerance, out iterations);
    }

    /// <summary>
    /// A Newton update of the potentials larger than this, V, ends the attempt as failed: the voltage window of any cell is
    /// a few volts (the window event stops a step 3 V from the open-circuit voltage), so such an iterate is not near a
    /// solution. Near a collapse of the voltage (particles filling up at the end of a discharge) iterates otherwise wander
    /// through 1e3-1e12 V for all their iterations, or even "converge" on a state at -1e10 V.
    /// </summary>
    public const double DivergedPotentialUpdate = 100.0;

    private bool Solve(CellState state, double[]? history, IResidentParticleHistory? resident, double chargeHistory, double hBeta, StepControl control,
        ReadOnlySpan<double> nodeConductivity, double relativeTolerance, double absoluteTolerance, out int iterations)
    {
        var m = _model;
        int n = m.Nodes;
        double dx = m.NodeWidth;
        // Solid face conductances (harmonic mean); face 0 (separator side) carries no electronic current,
        // face Nx is the current collector, half a cell from the last node.
        _faceSolid[0] = 0;
        for (int j = 1; j < n; j++)
            _faceSolid[j] = 1.0 / (dx / (2 * nodeConductivity[j - 1]) + dx / (2 * nodeConductivity[j]));
        _faceSolid[n] = 2 * nodeConductivity[n - 1] / dx;
        if (control.VoltageControlled == false) state.Current = control.Value;

        _particles.SetDiffusivity(m.Diffusivity.Table, m.Diffusivity.Factor);
        if (resident is null) _particles.BeginStep(state.Stoichiometry, history!, state.ContactRatio, hBeta);
        else resident.BeginPredictedStep(state.ContactRatio, hBeta);
        double previousPotential = 0, previousNorm = 0, previousCurrent = 0;   // the last iteration's update sizes (none yet)
        try
        {
            for (iterations = 1; iterations <= MaxIterations; iterations++)
            {
                _particles.AssembleAndSolve(state.InterfacialCurrent);
                CondenseKinetics(state);
                double stepPotential;
                double currentUpdate;
                try
                {
                    stepPotential = SolveNodes(state, control, out currentUpdate);
                }
                catch (ArithmeticException)
                {
                    return false; // a singular node block: this iterate is hopeless; the caller retries with a shorter step
                }
                UpdateCurrents(state);
                double stoichiometryNorm = _particles.Update(_currentUpdate, relativeTolerance, absoluteTolerance);
                if (!double.IsFinite(stepPotential) || !double.IsFinite(stoichiometryNorm)) return false;
                // An update of the potentials by more than DivergedPotentialUpdate has left every physical state behind
                // (the cell's whole window is a few volts): no solution near this iterate; the caller shortens the step.
                if (stepPotential > DivergedPotentialUpdate) return false;
                if (control.VoltageControlled) state.Current += currentUpdate;
                // Converged when the potentials are within 1 uV of the solution and the stoichiometry within 1 % of its
                // tolerance: either the update just applied was that small, or, from the second iteration on, the error
                // left after it, estimated from the contraction of the updates (rate r = this update / the previous one,
                // error <= update r / (1 - r), Hairer and Wanner, Solving ODEs II, section IV.8), is. Where particles at an
                // empty or full surface make ln(x_s) so steep that the potentials only settle to round-off and nonlinearity
                // noise (tens of uV), when the stoichiometry update is 1e-4 of its tolerance and the potentials within 0.1 mV.
                bool settled = (stepPotential < 1e-6 && stoichiometryNorm < 0.01)
                    || (NewtonContraction.RemainingError(stepPotential, previousPotential) < 1e-6 && NewtonContraction.RemainingError(stoichiometryNorm, previousNorm) < 0.01)
                    || (stepPotential < 1e-4 && stoichiometryNorm < 1e-4);
                double currentTolerance = 1e-9 * (1 + Math.Abs(state.Current));
                bool currentSettled = Math.Abs(currentUpdate) < currentTolerance || NewtonContraction.RemainingError(Math.Abs(currentUpdate), previousCurrent) < currentTolerance;
                previousPotential = stepPotential;
                previousNorm = stoichiometryNorm;
                previousCurrent = Math.Abs(currentUpdate);
                // The solid current balance, and with it the equality of charge passed and lithium moved, holds to round-off
                // only after full Newton updates: an iteration whose shortened updates left out more than 1e-14 of the
                // electrode's lithium capacity over the step is never the last.
                bool balanced = _withheld * hBeta <= 1e-14 * m.TheoreticalCharge;
                if (settled && balanced && currentSettled)
                {
                    state.Voltage = state.SolidPotential[n - 1] + state.Current / _faceSolid[n];
                    state.Charge = chargeHistory + hBeta * state.Current;
                    return true;
                }
            }
            return false;
        }
        finally
        {
            if (resident is null) _particles.EndStep(state.Stoichiometry);
            else resident.EndPredictedStep(state.Stoichiometry.AsSpan((m.Shells.Count - 1) * m.Particles, m.Particles));
        }
    }

    private void CondenseKinetics(CellState state)
    {
        var m = _model;
        int nk = m.Bins;
        double[] i = state.InterfacialCurrent;
        ReadOnlySpan<double> x = _particles.SurfaceShell, u = _particles.SurfaceResponse, w = _particles.SurfaceSensitivity;
        double twoOverF = 2 / m.InverseThermalVoltage;
        double lnReference = Math.Log(2 * m.ExchangeCurrentDensity);
        var ocv = m.OpenCircuitVoltageLookup;
        var diffusivity = m.Diffusivity;
        double[] contact = state.ContactRatio, filmResistance = state.FilmResistance;
        // Node-major loops (particle p = j * K + k) instead of p / K per particle; the potential difference of the node
        // is formed once, as the residual's first subtraction was (same operands, same order, same value).
        for (int j = 0, p = 0; j < m.Nodes; j++)
        {
            double interfacePotential = state.SolidPotential[j] - state.ElectrolytePotential[j];
            for (int k = 0; k < nk; k++, p++)
            {
                double gamma = _extrapolation[p] * contact[p];
                double film = filmResistance[p];
                double current = i[p];
                // Surface value and its sensitivities, then the bound (all derivatives w.r.t. the raw value). The table
                // search starts at the previous iterate's surface (_surface), a few intervals at most from this one's; the
                // interval found, and so the value, does not depend on the start.
                double xl = x[p];
                double raw = SurfaceExtrapolation.Surface(diffusivity, xl, gamma, current, _surface[p], out double drawdx, out double drawdi);
                var surface = SurfaceState.At(raw);
                // i0 = i0_ref * 2 sqrt(xs (1 - xs)), handled in logs: it may be far below the smallest double.
                double lnI0 = lnReference + 0.5 * (surface.LogX + surface.LogVacancy);
                double i0 = Math.Exp(lnI0);
                double magnitude = Math.Abs(current);
                double kinetic, inverseRoot;   // asinh(i / 2i0) and 1 / sqrt(4 i0^2 + i^2)
                if (magnitude < 1e12 * i0)
                {
                    kinetic = Math.Asinh(current / (2 * i0));
                    inverseRoot = 1 / Math.Sqrt(4 * i0 * i0 + current * current);
                }
                else
                {
                    kinetic = Math.CopySign(Math.Log(magnitude) - lnI0, current);
                    inverseRoot = 1 / magnitude;
                }
                double potential = ocv.Evaluate(surface.X, out double du);
                double residual = interfacePotential - potential - current * film - twoOverF * kinetic;
                double dRdraw = -du * surface.Slope + twoOverF * current * inverseRoot * surface.LogI0Slope;
                double dRdi = -film - twoOverF * inverseRoot + dRdraw * drawdi;
                double dRdx = dRdraw * drawdx;
                // delta i = (e - delta(phi_s - phi_e)) / Gd
                _gain[p] = dRdi - dRdx * w[p];
                _offset[p] = -residual - dRdx * u[p];
                _surface[p] = raw;
            }
        }
    }

    /// <summary>
    /// The surface stoichiometry kept inside (0, 1) smoothly: the extrapolated value is used as it is within
    /// [m, 1 - m] and approaches the bounds exponentially beyond (value and slope continuous). A hard clamp would zero the
    /// Jacobian and stall Newton when a particle is driven past full (de)lithiation; with the soft bound i0 vanishes
    /// exponentially, the overpotential grows without limit, and the step ends on its cut-off voltage as it should.
    /// Logs of x and 1 - x are kept analytically so that i0 can be far below the smallest double.
    /// </summary>
    internal readonly record struct SurfaceState(double X, double Slope, double LogX, double LogVacancy, double LogI0Slope)
    {
        public static SurfaceState At(double raw)
        {
            const double m = SurfaceMargin;
            if (raw > 1 - m)
            {
                double excess = (raw - (1 - m)) / m;
                double e = Math.Exp(-excess);
                double x = 1 - m * e;
                // d ln i0 / d raw = 0.5 (1/x - 1/(1-x)) * slope, with (1 - x) = m e and slope = e.
                return new SurfaceState(x, e, Math.Log(x), Math.Log(m) - excess, 0.5 * (e / x - 1 / m));
            }
            if (raw < m)
            {
                double deficit = (m - raw) / m;
                double e = Math.Exp(-deficit);
                double x = m * e;
                return new SurfaceState(x, e, Math.Log(m) - deficit, Math.Log(1 - x), 0.5 * (1 / m - e / (1 - x)));
            }
            return new SurfaceState(raw, 1, Math.Log(raw), Math.Log(1 - raw), 0.5 * (1 / raw - 1 / (1 - raw)));
        }
    }

    private double SolveNodes(CellState state, StepControl control, out double currentUpdate)
    {
        var m = _model;
        int n = m.Nodes, nk = m.Bins;
        double dx = m.NodeWidth;
        double ge = m.EffectiveIonicConductivity / dx, geBoundary = 2 * m.EffectiveIonicConductivity / dx;
        double[] phiS = state.SolidPotential, phiE = state.ElectrolytePotential, i = state.InterfacialCurrent;
        double boundary = m.SeparatorBoundaryPotential(state.Current, out double dBoundary);
        _nodes.Clear();
        double[] lower = _nodes.Lower, diag = _nodes.Diagonal, upper = _nodes.Upper;
        Array.Clear(_border);
        for (int j = 0; j < n; j++)
        {
            double q = 0, qe = 0, s = 0;
            for (int k = 0; k < nk; k++)
            {
                int p = j * nk + k;
                double area = m.ParticleArea[p] * state.ContactRatio[p] * state.ConnectedFraction[p];
                q += area * i[p];
                qe += area * _offset[p] / _gain[p];
                s += area / _gain[p];
            }
            _reaction[j] = q;
            double gsLeft = _faceSolid[j], gsRight = j < n - 1 ? _faceSolid[j + 1] : 0;
            double geLeft = j == 0 ? geBoundary : ge, geRight = j < n - 1 ? ge : 0;
            // Face currents (positive towards the current collector).
            double isLeft = j == 0 ? 0 : -gsLeft * (phiS[j] - phiS[j - 1]);
            double isRight = j < n - 1 ? -gsRight * (phiS[j + 1] - phiS[j]) : -state.Current;
            double ieLeft = j == 0 ? -geBoundary * (phiE[0] - boundary) : -ge * (phiE[j] - phiE[j - 1]);
            double ieRight = j < n - 1 ? -ge * (phiE[j + 1] - phiE[j]) : 0;
            double solidResidual = isRight - isLeft + q * dx;
            double electrolyteResidual = ieRight - ieLeft - q * dx;
            int o = 4 * j;
            diag[o] = gsLeft + gsRight - dx * s;
            diag[o + 1] = dx * s;
            diag[o + 2] = dx * s;
            diag[o + 3] = geLeft + geRight - dx * s;
            if (j > 0) { lower[o] = -gsLeft; lower[o + 3] = -geLeft; }
            if (j < n - 1) { upper[o] = -gsRight; upper[o + 3] = -geRight; }
            _nodeRhs[2 * j] = -solidResidual - dx * qe;
            _nodeRhs[2 * j + 1] = -electrolyteResidual + dx * qe;
        }
        currentUpdate = 0;
        if (control.VoltageControlled)
        {
            // Bordered solve: the current density is an unknown and V = phi_s,last + I / g_cc is imposed.
            _border[2 * (n - 1)] = -1;
            _border[1] = -geBoundary * dBoundary;
            _nodes.FactorAndSolve(_nodeRhs);
            _nodes.SolveFactored(_border);
            double voltageResidual = phiS[n - 1] + state.Current / _faceSolid[n] - control.Value;
            currentUpdate = (-voltageResidual - _nodeRhs[2 * (n - 1)]) / (1 / _faceSolid[n] - _border[2 * (n - 1)]);
            for (int r = 0; r < 2 * n; r++) _nodeRhs[r] -= _border[r] * currentUpdate;
        }
        else
        {
            _nodes.FactorAndSolve(_nodeRhs);
        }
        double largest = 0;
        for (int j = 0; j < n; j++)
        {
            double ds = _nodeRhs[2 * j], de = _nodeRhs[2 * j + 1];
            phiS[j] += ds;
            phiE[j] += de;
            largest = Math.Max(largest, Math.Max(Math.Abs(ds), Math.Abs(de)));
        }
        return largest;
    }

    /// <summary>The current update of every particle from the node potential updates, applied to the state and kept for the particle stepper.</summary>
    private void UpdateCurrents(CellState state)
    {
        _withheld = 0;
        int np = _model.Particles, nk = _model.Bins;
        double[] i = state.InterfacialCurrent;
        ReadOnlySpan<double> x = _particles.SurfaceShell, u = _particles.SurfaceResponse, w = _particles.SurfaceSensitivity;
        for (int p = 0; p < np; p++)
        {
            int j = p / nk;
            double dPhi = _nodeRhs[2 * j] - _nodeRhs[2 * j + 1];
            double full = (_offset[p] - dPhi) / _gain[p];
            double di = LimitTowardsBounds(p, i[p], full, x[p] + u[p], w[p], _extrapolation[p] * state.ContactRatio[p]);
            if (di != full)
                _withheld += Math.Abs(full - di) * _model.ParticleArea[p] * state.ContactRatio[p] * state.ConnectedFraction[p] * _model.NodeWidth;
            _currentUpdate[p] = di;
            i[p] += di;
        }
    }

    /// <summary>
    /// The particle's current update, shortened where it would take the surface stoichiometry more than three decades closer
    /// to 0 or 1 in one iteration (fraction to the boundary). Near the bounds the kinetics go as ln x_s and ln(1 - x_s), and
    /// with D falling steeply towards full lithiation the surface moves far more than its linearisation says; a full step
    /// can land a particle deep in the continuation beyond the bound, from which Newton climbs back only a decade per
    /// iteration. The surface the update leads to is evaluated exactly (the outermost shell moves linearly, u - w di; the
    /// surface follows by the Kirchhoff transform), and the update is shortened by bisection until it stays within bounds.
    /// The converged solution is unchanged: there the update is vanishingly small.
    /// </summary>
    /// <param name="p">Particle.</param>
    /// <param name="current">Its current at the iterate, A/m^2.</param>
    /// <param name="di">The full Newton update of that current.</param>
    /// <param name="outermost">The outermost shell after the update's current-independent part, x_last + u.</param>
    /// <param name="shellSensitivity">w: the outermost shell moves by -w di.</param>
    /// <param name="gamma">The particle's half-shell drop per unit current (<see cref="SurfaceExtrapolation"/>).</param>
    private double LimitTowardsBounds(int p, double current, double di, double outermost, double shellSensitivity, double gamma)
    {
        double raw = _surface[p];
        if (!(raw > SurfaceMargin && raw < 1 - SurfaceMargin)) return di;   // in the continuation the law is linear
        // At most three decades closer to a bound per iteration: steps in ln x_s that the next linearisation corrects,
        // never a jump from the middle of the window deep into the continuation beyond the bound.
        double lower = 1e-3 * raw, upper = 1 - 1e-3 * (1 - raw);
        var diffusivity = _model.Diffusivity;
        // The surface an update of f di leads to stays within [lower, upper] when its half-shell drop lies between the
        // integrals of D from the moved outermost shell to those limits (constant time; Below is monotone in the drop).
        bool Allowed(double f)
        {
            double shell = outermost - shellSensitivity * f * di, drop = gamma * (current + f * di);
            return drop <= diffusivity.Drop(shell, lower) && drop >= diffusivity.Drop(shell, upper);
        }
        if (Allowed(1)) return di;
        double accepted = 0, rejected = 1;
        for (int k = 0; k < 30; k++)
        {
            double trial = 0.5 * (accepted + rejected);
            if (Allowed(trial)) accepted = trial; else rejected = trial;
        }
        return accepted * di;
    }

    /// <summary>
    /// Overwrites the potentials and interfacial currents of <paramref name="state"/> with the guess of uniform reaction
    /// at current density <paramref name="current"/>: what the cell does right after the control changes. Newton started
    /// from the previous step's currents (of the other sign, say) can fail where this guess converges at once.
    /// </summary>
    public void GuessUniformReaction(CellState state, double current)
    {
        var m = _model;
        double totalArea = 0;
        for (int p = 0; p < m.Particles; p++) totalArea += m.ParticleArea[p] * state.ContactRatio[p] * state.ConnectedFraction[p] * m.NodeWidth;
        double boundary = m.SeparatorBoundaryPotential(current, out _);
        int last = (m.Shells.Count - 1) * m.Particles;
        for (int j = 0; j < m.Nodes; j++)
        {
            double sum = 0;
            for (int k = 0; k < m.Bins; k++)
            {
                int p = j * m.Bins + k;
                double i = current / totalArea;
                state.InterfacialCurrent[p] = i;
                double xs = SurfaceState.At(state.Stoichiometry[last + p]).X;
                double i0 = Math.Max(m.ExchangeCurrentDensity * 2 * Math.Sqrt(xs * (1 - xs)), 1e-300);
                sum += m.OpenCircuitVoltageLookup.Evaluate(xs, out _) + i * state.FilmResistance[p] + 2 / m.InverseThermalVoltage * Math.Asinh(i / (2 * i0));
            }
            state.ElectrolytePotential[j] = boundary;
            state.SolidPotential[j] = boundary + sum / m.Bins;
        }
        state.Current = current;
    }

    /// <summary>Volumetric reaction current q per node from the last Newton iteration, A/m^3.</summary>
    public ReadOnlySpan<double> ReactionCurrent => _reaction;

    /// <summary>Surface stoichiometry of particle class <paramref name="particle"/> in <paramref name="state"/>.</summary>
    public double SurfaceStoichiometry(CellState state, int particle)
    {
        int last = (_model.Shells.Count - 1) * _model.Particles;
        double raw = SurfaceExtrapolation.Surface(_model.Diffusivity, state.Stoichiometry[last + particle],
            _extrapolation[particle] * state.ContactRatio[particle], state.InterfacialCurrent[particle], out _, out _);
        return SurfaceState.At(raw).X;
    }
}
