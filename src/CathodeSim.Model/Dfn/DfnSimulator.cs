using System.Diagnostics;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using CathodeSim.Numerics.Integration;

namespace CathodeSim.Model.Dfn;

/// <summary>
/// Runs a protocol on a liquid-electrolyte (DFN) cell: variable-step BDF (implicit Euler for the first two steps after
/// every protocol step change, then BDF2) with a Milne-device local error estimate (the difference to the extrapolation
/// through the last accepted states, on c_e and the particle stoichiometries), the project's PI step controller, and
/// cut-off voltages located by the Illinois method on the step length. Galvanostatic steps, rests and voltage holds: a hold
/// solves each time step for the state and the applied current together (<see cref="DfnSystem.StepAtVoltage"/>) and ends
/// when |I| falls to its current limit, located like a cut-off, or when its duration has passed.
/// </summary>
public sealed class DfnSimulator
{
    private const double MinimumStep = 1e-9;

    /// <summary>Runs <paramref name="setup"/> (whose <see cref="SimulationSetup.Liquid"/> must be set).</summary>
    public SimulationResult Run(SimulationSetup setup, IProgress<SimulationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var liquid = setup.Liquid ?? throw new ArgumentException("not a liquid-electrolyte setup", nameof(setup));
        return Run(setup.Name, liquid.Cell, liquid.Grid, setup.Temperature, setup.Protocol, setup.Numerics, cancellation);
    }

    /// <summary>Runs <paramref name="protocol"/> on <paramref name="cell"/>.</summary>
    public SimulationResult Run(string name, LiquidCell cell, DfnGrid grid, double temperature, IReadOnlyList<ProtocolStep> protocol, NumericsOptions numerics,
        CancellationToken cancellation = default) => RunToState(name, cell, grid, temperature, protocol, numerics, cancellation).Result;

    /// <summary>
    /// Runs <paramref name="setup"/> (whose <see cref="SimulationSetup.Liquid"/> must be set) and returns, with the result,
    /// the discretisation and its final state vector (as the solid-state <see cref="Simulator.RunToState"/>), e.g. to
    /// linearise the cell there (<see cref="DfnImpedance"/>).
    /// </summary>
    public (SimulationResult Result, DfnSystem System, double[] FinalState) RunToState(SimulationSetup setup, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var liquid = setup.Liquid ?? throw new ArgumentException("not a liquid-electrolyte setup", nameof(setup));
        return RunToState(setup.Name, liquid.Cell, liquid.Grid, setup.Temperature, setup.Protocol, setup.Numerics, cancellation);
    }

    private static (SimulationResult Result, DfnSystem System, double[] FinalState) RunToState(string name, LiquidCell cell, DfnGrid grid, double temperature,
        IReadOnlyList<ProtocolStep> protocol, NumericsOptions numerics, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var system = new DfnSystem(cell, grid, temperature);
        var run = new RunState(system, numerics, cell, cancellation);
        run.Execute(Flatten(protocol));
        var diagnostics = new SolverDiagnostics(run.Accepted, run.Rejected, system.NewtonIterations, clock.Elapsed.TotalSeconds, run.Failure is null, run.Failure);
        var result = new SimulationResult(name, cell.ActiveMass, run.Series, run.Steps, run.Profiles, diagnostics) { Warnings = run.Warnings };
        return (result, system, (double[])run.FinalState.Clone());
    }

    private static List<(ProtocolStep Step, int Cycle)> Flatten(IReadOnlyList<ProtocolStep> protocol)
    {
        var list = new List<(ProtocolStep, int)>();
        int cycle = 1;
        bool discharged = false;
        void Add(IReadOnlyList<ProtocolStep> steps)
        {
            foreach (var step in steps)
            {
                if (step is RepeatStep repeat) { for (int i = 0; i < repeat.Count; i++) Add(repeat.Steps); continue; }
                // As on a cycler (and in the solid-state mode), a charge or a hold after a discharge opens a new cycle.
                bool charge = step is CurrentStep { Direction: CurrentDirection.Charge } or VoltageHoldStep;
                if (charge && discharged) { cycle++; discharged = false; }
                if (step is CurrentStep { Direction: CurrentDirection.Discharge }) discharged = true;
                list.Add((step, cycle));
            }
        }
        Add(protocol);
        return list;
    }

    private sealed class RunState(DfnSystem system, NumericsOptions numerics, LiquidCell cell, CancellationToken cancellation)
    {
        public List<TimePoint> Series { get; } = [];
        public List<StepSummary> Steps { get; } = [];
        public List<ProfileSnapshot> Profiles { get; } = [];
        public List<RunWarning> Warnings { get; } = [];
        public int Accepted { get; private set; }
        public int Rejected { get; private set; }
        public string? Failure { get; private set; }

        /// <summary>The newest accepted state.</summary>
        public double[] FinalState => _y;

        // _y is the newest accepted state and shared with the history (its newest buffer); _trial receives the step being
        // solved and _spare the second trial of the event location. Accepting a step hands _trial to the history and takes
        // back the buffer that drops out of it, so nothing is allocated per step.
        private double[] _y = system.RestState();
        private double[] _trial = new double[system.Size], _spare = new double[system.Size];
        private readonly double[] _combination = new double[system.Size], _predictor = new double[system.Size];
        private readonly double[] _jumped = new double[system.Size];
        private bool _useJumped;
        private readonly double[] _errorScale = ErrorScales(system, cell);
        private readonly bool[] _salt = SaltUnknowns(system);
        private BdfHistory? _history;
        private double _time, _charge;
        private double _lastCurrent; // applied current density of the newest accepted point, A/m^2
        private readonly StepSizeController _controller = new();

        public void Execute(List<(ProtocolStep Step, int Cycle)> steps)
        {
            // Consistent potentials at rest.
            var rest = (double[])_y.Clone();
            if (!system.Step(_y, rest, double.PositiveInfinity, 0)) { Failure = "no consistent initial state"; return; }
            Series.Add(new TimePoint(0, system.Voltage(_y, 0), 0, 0, system.Temperature, 0));
            _history = new BdfHistory(_y);
            for (int index = 0; index < steps.Count && Failure is null; index++)
            {
                cancellation.ThrowIfCancellationRequested();
                ExecuteStep(index, steps[index].Step, steps[index].Cycle);
            }
        }

        private void ExecuteStep(int index, ProtocolStep step, int cycle)
        {
            double area = cell.Area, current, duration, chargeLimit = double.PositiveInfinity;
            double? cutoff = null, holdVoltage = null, currentLimit = null;
            string kind;
            switch (step)
            {
                case CurrentStep cc:
                    bool up = cc.Direction == CurrentDirection.Charge;
                    current = cc.Current.Amperes(cell.OneCCurrent, area) / area * (up ? 1 : -1);
                    duration = cc.Duration ?? 1.5 * cell.TheoreticalCharge / Math.Abs(current);
                    cutoff = cc.CutoffVoltage;
                    if (cc.ChargeLimit is { } q) chargeLimit = q / area;
                    if (cc.SpecificChargeLimit is { } sq) chargeLimit = Math.Min(chargeLimit, sq * cell.ActiveMass / area);
                    kind = up ? "charge" : "discharge";
                    break;
                case VoltageHoldStep hold:
                    // The hold starts from the previous step's current: after a charge to the hold voltage that is the
                    // current the cell carries there, so the first steps of the bordered Newton start next to the solution.
                    current = _lastCurrent;
                    holdVoltage = hold.Voltage;
                    if (hold.CurrentLimit is { } setpoint) currentLimit = setpoint.Amperes(cell.OneCCurrent, area) / area;
                    duration = hold.Duration ?? double.PositiveInfinity;
                    if (currentLimit is null && !double.IsFinite(duration))
                        throw new NotSupportedException($"the hold '{step.Description}' has neither a current limit nor a duration");
                    kind = "hold";
                    break;
                case RestStep r:
                    current = 0; duration = r.Duration; kind = "rest";
                    break;
                default:
                    throw new NotSupportedException($"the liquid-electrolyte (DFN) mode runs constant-current steps and rests only, not '{step.Description}'");
            }
            double start = _time, startCharge = _charge, startVoltage = system.Voltage(_y, current), energy = 0;
            double end = start + duration;
            // The current jumps here: the solution's time derivatives do too, so the history restarts at first order.
            var history = _history!;
            history.Restart(_y, _charge, _time);
            _controller.Reset();
            // The algebraic unknowns (potentials, reaction currents) jump with the current. Newton's first guess takes them
            // from the quasi-static solve at the new current (differential unknowns pinned), which may pass through large
            // updates; a time step's Newton, which gives up on growing updates, may not reach them from the old state (a
            // full cell at 3C from rest, where the LiCoO2 reaction current is ten times its exchange current).
            Array.Copy(_y, _jumped, _y.Length);
            if (holdVoltage is { } vJump)
            {
                // A hold at another voltage than the previous step ended at jumps the current as well: the quasi-static
                // solve at the hold voltage gives both; where it fails the steps start from the previous state and current.
                double jumpCurrent = current;
                _useJumped = system.StepAtVoltage(_jumped, _y, double.PositiveInfinity, vJump, ref jumpCurrent);
                if (_useJumped) current = jumpCurrent;
            }
            else _useJumped = current != 0 && system.Step(_jumped, _y, double.PositiveInfinity, current);
            double h = numerics.InitialStep;
            StepEnd? ended = null;
            bool rising = current > 0, newtonFailed = false;
            while (ended is null)
            {
                cancellation.ThrowIfCancellationRequested();
                double limit = Math.Min(numerics.MaxStep, end - _time);
                if (double.IsFinite(chargeLimit) && current != 0) limit = Math.Min(limit, (chargeLimit - Math.Abs(_charge - startCharge)) / Math.Abs(current));
                double trial = Math.Min(h, limit);
                var bdf = Prepare(history, trial, _trial);
                var y = _trial;
                double trialCurrent = current;
                bool solved = holdVoltage is { } vHold
                    ? system.StepAtVoltage(y, _combination, bdf.HBeta, vHold, ref trialCurrent)
                    : system.Step(y, _combination, bdf.HBeta, current);
                if (!solved)
                {
                    Rejected++;
                    h = trial / 4;
                    newtonFailed = true;
                    if (h < MinimumStep && holdVoltage is not null)
                    {
                        Failure = $"step '{step.Description}': Newton found no solution of the hold at t = {_time:F1} s";
                        ended = StepEnd.SolverFailure;
                    }
                    else if (h < MinimumStep)
                    {
                        ended = StepEnd.CurrentNotCarried;
                        Warnings.Add(new RunWarning(index, step.Description, "CurrentNotCarried", $"Newton found no solution at t = {_time:F1} s; the step ends there"));
                    }
                    continue;
                }
                double error = Error(y, bdf);
                if (error > 1)
                {
                    Rejected++;
                    h = _controller.Rejected(trial, error, bdf.Order);
                    if (h < MinimumStep) { Failure = $"step '{step.Description}': step size underflow at t = {_time:F3} s"; ended = StepEnd.SolverFailure; }
                    continue;
                }
                if (holdVoltage is { } vHeld)
                {
                    if (currentLimit is { } iLimit && Math.Abs(trialCurrent) <= iLimit)
                    {
                        trial = LocateCurrentLimit(history, trial, vHeld, iLimit, current, ref trialCurrent);
                        ended = StepEnd.Current;
                    }
                    // Energy as for the other steps, the charge of the step times its mean voltage, with the charge that
                    // the BDF formula passed (so that a hold's mean voltage is its voltage).
                    double vNew = system.Voltage(_trial, trialCurrent), vStart = system.Voltage(_y, current), chargeBefore = _charge;
                    AcceptHold(history, trial, trialCurrent, index);
                    energy += area * (_charge - chargeBefore) * 0.5 * (vStart + vNew);
                    current = trialCurrent;
                    _useJumped = false;
                    if (ended is null && _time >= end - 1e-9 * Math.Max(1, end)) ended = StepEnd.Time;
                    h = trial >= limit ? Math.Max(h, _controller.Accepted(trial, error, bdf.Order)) : _controller.Accepted(trial, error, bdf.Order);
                    if (newtonFailed) { h = Math.Min(h, trial); newtonFailed = false; }
                    continue;
                }
                double v = system.Voltage(y, current);
                if (cutoff is { } vc && (rising ? v >= vc : v <= vc))
                {
                    trial = Locate(history, trial, current, vc, rising);
                    y = _trial;
                    v = system.Voltage(y, current);
                    ended = StepEnd.Voltage;
                }
                double vOld = system.Voltage(_y, current);
                energy += current * area * trial * 0.5 * (v + vOld);
                Accept(history, trial, current, index);
                _useJumped = false;
                if (ended is null && _time >= end - 1e-9 * Math.Max(1, end)) ended = StepEnd.Time;
                if (ended is null && Math.Abs(_charge - startCharge) >= chargeLimit * (1 - 1e-12)) ended = StepEnd.Charge;
                h = trial >= limit ? Math.Max(h, _controller.Accepted(trial, error, bdf.Order)) : _controller.Accepted(trial, error, bdf.Order);
                // A step that Newton could not solve is not retried right away at the length the error alone would allow.
                if (newtonFailed) { h = Math.Min(h, trial); newtonFailed = false; }
            }
            Snapshot(index, current);
            Steps.Add(new StepSummary(index, step.Description, kind, cycle, start, _time, (_charge - startCharge) * area, energy, startVoltage,
                system.Voltage(_y, current), ended.Value) { Temperature = system.Temperature, FilmResistance = DfnInterphaseAgeing.CellResistance(system) });
        }

        /// <summary>
        /// Coefficients of a step of <paramref name="h"/> from the accepted history; writes the history combination and
        /// the predictor, which is also Newton's initial guess in <paramref name="guess"/>.
        /// </summary>
        private BdfCoefficients Prepare(BdfHistory history, double h, double[] guess)
        {
            var bdf = history.Coefficients(h);
            history.Prepare(bdf, h, _combination, _predictor);
            // Near a knee the quadratic extrapolation can overshoot a stoichiometry past 1 (or below 0) or c_e below 0,
            // where Newton's bound-keeping damping no longer works; the guess keeps at most half the way to the bound.
            for (int q = 0; q < guess.Length; q++)
            {
                double p = _predictor[q], now = _y[q];
                if (_errorScale[q] == 0) { guess[q] = _useJumped ? _jumped[q] : p; continue; }
                p = _salt[q] ? Math.Max(p, 0.5 * now) : Math.Clamp(p, 0.5 * now, now + 0.5 * (1 - now));
                guess[q] = p;
            }
            return bdf;
        }

        /// <summary>Weights of the error norm: 0 for algebraic unknowns, the initial salt concentration for c_e, 1 for stoichiometries.</summary>
        private static double[] ErrorScales(DfnSystem system, LiquidCell cell)
        {
            var scale = new double[system.Size];
            for (int q = 0; q < scale.Length; q++) if (system.IsDifferential(q)) scale[q] = 1.0;
            for (int i = 0; i < system.Nodes; i++) scale[system.Concentration(i)] = cell.InitialConcentration;
            return scale;
        }

        /// <summary>True for the c_e unknowns; the other differential unknowns are stoichiometries.</summary>
        private static bool[] SaltUnknowns(DfnSystem system)
        {
            var salt = new bool[system.Size];
            for (int i = 0; i < system.Nodes; i++) salt[system.Concentration(i)] = true;
            return salt;
        }

        private double Error(double[] y, BdfCoefficients bdf)
        {
            if (double.IsNaN(bdf.ErrorFactor)) return 0.5; // first step after a change: no history, accept and build one
            double e = 0;
            for (int q = 0; q < y.Length; q++)
            {
                double scale = _errorScale[q];
                if (scale == 0) continue;
                double tol = numerics.AbsoluteTolerance + numerics.RelativeTolerance * Math.Abs(y[q] / scale);
                e = Math.Max(e, Math.Abs(y[q] - _predictor[q]) / scale / tol);
            }
            return Math.Abs(bdf.ErrorFactor) * e;
        }

        /// <summary>
        /// Step length, from the same accepted history, at which the voltage meets <paramref name="cutoff"/>; on entry
        /// <see cref="_trial"/> holds the solved step of <paramref name="h"/> that crossed it, on return the located step.
        /// </summary>
        private double Locate(BdfHistory history, double h, double current, double cutoff, bool rising)
        {
            double a = 0, fa = system.Voltage(_y, current) - cutoff, b = h;
            double fb = system.Voltage(_trial, current) - cutoff;
            int side = 0;
            for (int it = 0; it < 60; it++)
            {
                if (Math.Abs(fb) <= numerics.VoltageEventTolerance) return b;
                double c = (a * fb - b * fa) / (fb - fa);
                if (!(c > a && c < b)) c = 0.5 * (a + b);
                // The trial at c goes to _spare so that _trial keeps the bracket's end b until c replaces it.
                var bdf = Prepare(history, c, _spare);
                bool solved = system.Step(_spare, _combination, bdf.HBeta, current);
                if (!solved) { b = c; fb = rising ? 1 : -1; continue; }
                double fc = system.Voltage(_spare, current) - cutoff;
                if (Math.Abs(fc) <= numerics.VoltageEventTolerance) { (_trial, _spare) = (_spare, _trial); return c; }
                if (Math.Sign(fc) == Math.Sign(fb)) { b = c; fb = fc; (_trial, _spare) = (_spare, _trial); if (side == -1) fa *= 0.5; side = -1; }
                else { a = c; fa = fc; if (side == 1) fb *= 0.5; side = 1; }
            }
            return b;
        }

        /// <summary>
        /// Step length, from the same accepted history, at which the held step's current magnitude falls to
        /// <paramref name="limit"/> (Illinois on the event function |I| - limit, within 1e-3 of the limit as the solid-state
        /// mode locates it); on entry <see cref="_trial"/> holds the solved step of <paramref name="h"/> whose current
        /// <paramref name="trialCurrent"/> is at or below the limit, on return the located step and its current.
        /// </summary>
        private double LocateCurrentLimit(BdfHistory history, double h, double voltage, double limit, double startCurrent, ref double trialCurrent)
        {
            double tolerance = 1e-3 * limit;
            double a = 0, fa = Math.Abs(startCurrent) - limit, b = h, fb = Math.Abs(trialCurrent) - limit;
            if (!(fa > 0)) return b; // already at the limit when the step began: end with the first step
            int side = 0;
            for (int it = 0; it < 60; it++)
            {
                if (Math.Abs(fb) <= tolerance) return b;
                double c = (a * fb - b * fa) / (fb - fa);
                if (!(c > a && c < b)) c = 0.5 * (a + b);
                Prepare(history, c, _spare);
                var bdf = history.Coefficients(c);
                double currentAtC = startCurrent;
                if (!system.StepAtVoltage(_spare, _combination, bdf.HBeta, voltage, ref currentAtC)) { a = c; continue; }
                double fc = Math.Abs(currentAtC) - limit;
                if (Math.Abs(fc) <= tolerance) { (_trial, _spare) = (_spare, _trial); trialCurrent = currentAtC; return c; }
                if (fc < 0) { b = c; fb = fc; trialCurrent = currentAtC; (_trial, _spare) = (_spare, _trial); if (side == -1) fa *= 0.5; side = -1; }
                else { a = c; fa = fc; if (side == 1) fb *= 0.5; side = 1; }
                if (b - a < 1e-9 * Math.Max(1, h)) break;
            }
            return b;
        }

        /// <summary>
        /// Accepts a held step: its charge follows the same BDF formula as the stored lithium (Q_new = a0 Q_n + a1 Q_n-1
        /// + hBeta I_new), so that salt and solid lithium balance the charge passed to round-off while the current varies.
        /// </summary>
        private void AcceptHold(BdfHistory history, double h, double current, int index)
        {
            var bdf = history.Coefficients(h);
            double chargeCombination = history.Weights(bdf, h, out _);
            _time += h;
            _charge = chargeCombination + bdf.HBeta * current;
            _lastCurrent = current;
            _y = _trial;
            _trial = history.PushOwned(_y, _charge, _time);
            Accepted++;
            Series.Add(new TimePoint(_time, system.Voltage(_y, current), current * cell.Area, _charge * cell.Area, system.Temperature, index));
            Age(h);
        }

        private void Accept(BdfHistory history, double h, double current, int index)
        {
            _lastCurrent = current;
            _time += h;
            _charge += current * h;
            _y = _trial;
            _trial = history.PushOwned(_y, _charge, _time);
            Accepted++;
            Series.Add(new TimePoint(_time, system.Voltage(_y, current), current * cell.Area, _charge * cell.Area, system.Temperature, index));
            Age(h);
        }

        /// <summary>The film grows over the step just accepted; the next step's kinetics see it (operator splitting).</summary>
        private void Age(double h)
        {
            if (cell.Interphase is { } law) DfnInterphaseAgeing.Advance(system, law, _y, h);
        }

        private void Snapshot(int index, double current)
        {
            int first = system.FirstCathodeNode, n = system.Nodes - first, bins = system.Bins;
            var position = new double[n];
            var phiS = new double[n];
            var phiE = new double[n];
            var reaction = new double[n];
            var surface = new double[n * bins];
            var mean = new double[n * bins];
            for (int m = 0; m < n; m++)
            {
                int i = first + m;
                position[m] = system.Position[i] - system.CathodeStart;
                phiS[m] = _y[system.SolidPotential(i)];
                phiE[m] = _y[system.ElectrolytePotential(i)];
                double q = 0;
                for (int k = 0; k < bins; k++)
                {
                    q += system.AreaPerVolume(k) * _y[system.ReactionCurrent(i, k)];
                    surface[m * bins + k] = system.Surface(_y, i, k);
                    mean[m * bins + k] = system.Mean(_y, i, k);
                }
                reaction[m] = q;
            }
            var ce = new double[system.Nodes];
            for (int i = 0; i < system.Nodes; i++) ce[i] = _y[system.Concentration(i)];
            Profiles.Add(new ProfileSnapshot(_time, index, position, phiS, phiE, reaction, surface, mean, bins)
            {
                ElectrolyteConcentration = ce,
                ElectrolytePosition = (double[])system.Position.Clone(),
            });
            _ = current;
        }
    }
}
