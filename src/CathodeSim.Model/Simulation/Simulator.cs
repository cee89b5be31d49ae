using System.Diagnostics;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Results;
using CathodeSim.Numerics.Diffusion;
using CathodeSim.Numerics.Integration;

namespace CathodeSim.Model.Simulation;

/// <summary>
/// Runs a protocol on one cell: adaptive implicit time stepping per step, exact location of cut-off events
/// (the crossing step is re-solved with a shorter step until the limit is met within the tolerance), and recording of
/// the time series, step summaries and x-profiles.
/// </summary>
public sealed class Simulator
{
    private const double MinimumStep = 1e-9;
    private readonly Func<ParticleDiffusionLayout, IParticleDiffusionStepper> _particles;

    /// <summary>
    /// Creates a simulator whose particle systems are assembled on the host and solved by <paramref name="diffusion"/>
    /// (default: the CPU reference).
    /// </summary>
    public Simulator(IBatchedTridiagonalSolver? diffusion = null)
    {
        var solver = diffusion ?? new CpuBatchedTridiagonalSolver();
        _particles = layout => new HostAssembledParticleDiffusionStepper(layout, solver);
    }

    /// <summary>
    /// Creates a simulator that makes one particle stepper per run with <paramref name="particles"/> (a device-resident
    /// one, say); a stepper that is <see cref="IDisposable"/> is disposed when its run ends.
    /// </summary>
    public Simulator(Func<ParticleDiffusionLayout, IParticleDiffusionStepper> particles) =>
        _particles = particles ?? throw new ArgumentNullException(nameof(particles));

    /// <summary>
    /// What a cancelled run does: false (default) throws <see cref="OperationCanceledException"/>, which suits callers
    /// that discard an unfinished run (sweep cases, fits); true ends the run at its last accepted time step and returns
    /// that partial result (<see cref="SolverDiagnostics.Interrupted"/>, last step ended by <see cref="StepEnd.Interrupted"/>),
    /// so that `cathodesim run` can write what a long run has done when the user stops it. The physics is the same either way.
    /// </summary>
    public bool KeepPartialOnCancellation { get; init; }

    /// <summary>Runs <paramref name="setup"/> to the end of its protocol (or the first solver failure).</summary>
    public SimulationResult Run(SimulationSetup setup, IProgress<SimulationProgress>? progress = null, CancellationToken cancellation = default) =>
        setup.Liquid is not null
            ? new Dfn.DfnSimulator().Run(setup, progress, cancellation)
            : RunToState(setup, progress, cancellation).Result;

    /// <summary>
    /// As <see cref="Run"/>, also returning the cell model (at the final temperature) and the final state, for analyses
    /// that continue from where the protocol ended (impedance at that state, say).
    /// </summary>
    public (SimulationResult Result, CellModel Model, CellState FinalState) RunToState(SimulationSetup setup, IProgress<SimulationProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var model = new CellModel(setup.Design, setup.Numerics, setup.Temperature);
        var particles = _particles(CellStepSolver.ParticleLayout(model));
        RunContext run;
        try
        {
            run = new RunContext(model, particles, setup, progress, cancellation, KeepPartialOnCancellation);
            run.Execute();
            run.Integrator.SynchronizeAccepted(); // the final state goes to the caller whole, while the stepper still lives
        }
        finally
        {
            (particles as IDisposable)?.Dispose();
        }
        var diagnostics = new SolverDiagnostics(run.AcceptedSteps, run.RejectedSteps, run.Integrator.NewtonIterations,
            clock.Elapsed.TotalSeconds, run.Failure is null && run.Interruption is null, run.Failure) { Interruption = run.Interruption };
        var result = new SimulationResult(setup.Name, setup.Design.ActiveMass, run.Series, run.Steps, run.Profiles, diagnostics) { Warnings = run.Warnings };
        return (result, run.Integrator.Model, run.Integrator.Accepted);
    }

    private sealed class RunContext(CellModel model, IParticleDiffusionStepper diffusion, SimulationSetup setup,
        IProgress<SimulationProgress>? progress, CancellationToken cancellation, bool keepPartial)
    {
        public CellIntegrator Integrator { get; } = new(model, diffusion);
        public List<TimePoint> Series { get; } = [];
        public List<StepSummary> Steps { get; } = [];
        public List<ProfileSnapshot> Profiles { get; } = [];
        public int AcceptedSteps { get; private set; }
        public int RejectedSteps { get; private set; }
        public string? Failure { get; private set; }
        public string? Interruption { get; private set; }
        private readonly Queue<double> _profileTimes = new(setup.ProfileTimes.Order());
        private readonly StepSizeController _controller = new();
        private double _ambient = setup.Temperature;
        private readonly double[] _nodeMeans = new double[model.Nodes];
        private EquilibriumWindow _window = EquilibriumWindow.None;
        public List<RunWarning> Warnings { get; } = [];

        /// <summary>How closely the voltage-window event is located, V: the window itself is a coarse bound of a few volts.</summary>
        private const double WindowEventTolerance = 0.01;

        private double Area => model.Design.Area;

        public void Execute()
        {
            var plans = StepPlan.Unroll(setup.Protocol, model.Design);
            Record(0);
            var firstDischarge = new Dictionary<int, double>();
            int executed = 0;
            for (int index = 0; index < plans.Count && Failure is null && Interruption is null; index++)
            {
                var plan = plans[index];
                _ambient = plan.Step.Temperature ?? setup.Temperature;
                if (model.Design.Thermal is null || index == 0) Integrator.SetTemperature(_ambient);
                double charge = ExecuteStep(plan, executed++, plans.Count);
                if (plan.Kind != "discharge") continue;
                // A repeat block with a retention limit stops once a discharge falls below that share of its first one.
                foreach (var scope in plan.Scopes)
                {
                    if (scope.RetentionLimit is not { } limit) continue;
                    if (!firstDischarge.TryGetValue(scope.Id, out double first)) { firstDischarge[scope.Id] = charge; continue; }
                    if (charge >= limit * first) continue;
                    while (index + 1 < plans.Count && plans[index + 1].Scopes.Any(s => s.Id == scope.Id)) index++;
                    break;
                }
            }
        }

        /// <summary>Runs one step; returns the magnitude of the charge it passed, C.</summary>
        private double ExecuteStep(StepPlan plan, int index, int count)
        {
            var state = Integrator.Accepted;
            double startTime = state.Time, startCharge = state.Charge, startVoltage = state.Voltage, energy = 0;
            // Without an explicit limit, stop a galvanostatic step after 1.5 theoretical capacities: a safety net, not physics.
            double safety = plan.Control.VoltageControlled || plan.Control.Value == 0
                ? double.PositiveInfinity
                : 1.5 * model.TheoreticalCharge / Math.Abs(plan.Control.Value);
            double endTime = startTime + Math.Min(plan.Duration, safety);
            _window = EquilibriumWindow.For(plan, Integrator, model);
            Integrator.Restart();
            _controller.Reset();
            double h = model.Numerics.InitialStep;
            StepEnd? end = null;
            int acceptedAtStart = AcceptedSteps;
            // The time at which Newton last failed (no solution, as when particles fill up at the end of a discharge and the
            // voltage collapses): steps then go at most halfway to it, closing in on the collapse with one solved step
            // per halving instead of growing back past it and failing again (each failure costs every Newton iteration).
            // Within 1e-3 of the failed step from it, the failure is taken as an accident of that attempt and forgotten.
            double unsolvedAt = double.PositiveInfinity, unsolvedStep = 0;
            while (end is null)
            {
                if (cancellation.IsCancellationRequested)
                {
                    if (!keepPartial) cancellation.ThrowIfCancellationRequested();
                    // Checked only between time steps, so the state here is an accepted one: the step ends where it stands.
                    end = StepEnd.Interrupted;
                    Interruption = $"interrupted during step {index + 1} of {count} ('{plan.Step.Description}') at t = {Integrator.Accepted.Time / 3600:0.###} h";
                    break;
                }
                double t = Integrator.Accepted.Time;
                double limit = Math.Min(model.Numerics.MaxStep, endTime - t);
                if (_profileTimes.TryPeek(out double nextProfile) && nextProfile > t) limit = Math.Min(limit, nextProfile - t);
                if (!plan.Control.VoltageControlled && plan.Control.Value != 0 && double.IsFinite(plan.ChargeLimit))
                    limit = Math.Min(limit, (plan.ChargeLimit - Math.Abs(Integrator.Accepted.Charge - startCharge)) / Math.Abs(plan.Control.Value));
                if (0.5 * (unsolvedAt - t) < 1e-3 * unsolvedStep) unsolvedAt = double.PositiveInfinity;
                if (unsolvedAt > t) limit = Math.Min(limit, 0.5 * (unsolvedAt - t));
                bool clipped = h >= limit;
                double step = Math.Min(h, limit);
                if (!Integrator.TryStep(step, plan.Control))
                {
                    RejectedSteps++;
                    unsolvedAt = t + step;
                    unsolvedStep = step;
                    h = step * 0.25;
                    if (h < MinimumStep && AcceptedSteps == acceptedAtStart && !plan.Control.VoltageControlled && plan.Control.Value != 0)
                    {
                        // Not even a nanosecond of this current has a solution from the state at rest: the current jumps
                        // the cell beyond what it can carry (an instant ohmic or kinetic overpotential). The step ends at once.
                        end = StepEnd.CurrentNotCarried;
                        Record(index);
                        break;
                    }
                    if (h < MinimumStep) { end = StepEnd.SolverFailure; Failure = $"step '{plan.Step.Description}': Newton failed to converge at t = {t:F3} s"; break; }
                    continue;
                }
                double error = Integrator.TrialError;
                if (Integrator.TrialOutOfBounds)
                {
                    // A second-order step overshot [0, 1] (BDF2 is not bound-preserving); implicit Euler from the accepted state is.
                    RejectedSteps++;
                    Integrator.Restart(controlChanged: false);
                    h = step * 0.5;
                    if (h < MinimumStep) { end = StepEnd.SolverFailure; Failure = $"step '{plan.Step.Description}': could not keep the stoichiometry within [0, 1] at t = {t:F3} s"; break; }
                    continue;
                }
                if (error > 1)
                {
                    RejectedSteps++;
                    h = _controller.Rejected(step, error, Integrator.Order);
                    if (h < MinimumStep) { end = StepEnd.SolverFailure; Failure = $"step '{plan.Step.Description}': step size underflow at t = {t:F3} s"; break; }
                    continue;
                }
                double crossing = EventFunction(plan, Integrator.Trial);
                if (crossing >= 0)
                {
                    var (located, kind) = LocateEvent(plan, step, crossing);
                    if (located == Located.Failed) { end = StepEnd.SolverFailure; Failure = $"step '{plan.Step.Description}': could not locate its end"; break; }
                    if (located == Located.AtStart)
                    {
                        // The limit is crossed the instant the current flows (an ohmic jump): the step ends where it began,
                        // and its end is recorded like any other step's.
                        end = kind == EventKind.Cutoff ? (plan.CutoffVoltage is not null ? StepEnd.Voltage : StepEnd.Current) : StepEnd.CurrentNotCarried;
                        Record(index);
                        break;
                    }
                    end = kind switch
                    {
                        EventKind.Window => LimitEnd(plan, Integrator.Trial),
                        EventKind.Saturation => plan.Control.Value > 0 ? StepEnd.ActiveMaterialEmpty : StepEnd.ActiveMaterialFull,
                        _ => plan.CutoffVoltage is not null ? StepEnd.Voltage : StepEnd.Current,
                    };
                }
                energy += Accept(index, count, plan);
                double now = Integrator.Accepted.Time;
                if (end is null && now >= endTime - 1e-9 * Math.Max(1, endTime)) end = StepEnd.Time;
                if (end is null && Math.Abs(Integrator.Accepted.Charge - startCharge) >= plan.ChargeLimit * (1 - 1e-12)) end = StepEnd.Charge;
                while (_profileTimes.TryPeek(out double due) && due <= now + 1e-9) { _profileTimes.Dequeue(); Snapshot(index); }
                h = clipped ? Math.Max(h, _controller.Accepted(step, error, Integrator.Order)) : _controller.Accepted(step, error, Integrator.Order);
            }
            var final = Integrator.Accepted;
            Snapshot(index);
            var interface_ = InterfaceState.Of(Integrator.Model, final, Integrator.Solver);
            Steps.Add(new StepSummary(index, plan.Step.Description, plan.Kind, plan.Cycle, startTime, final.Time,
                (final.Charge - startCharge) * Area, energy, startVoltage, final.Voltage, end.Value)
            {
                Temperature = Integrator.Model.Temperature,
                FilmResistance = interface_.FilmResistance,
                ChargeTransferResistance = interface_.ChargeTransferResistance,
                ContactCoverage = interface_.ContactCoverage,
                LostActiveFraction = interface_.LostActiveFraction,
            });
            bool endedAtOnce = AcceptedSteps - acceptedAtStart <= 1 && plan.Kind is "charge" or "discharge"
                && end.Value is not (StepEnd.Time or StepEnd.Charge or StepEnd.SolverFailure or StepEnd.Interrupted);
            Warn(index, plan, end.Value, endedAtOnce);
            return Math.Abs(final.Charge - startCharge) * Area;
        }

        /// <summary>
        /// Non-negative once the step's event has happened: the cut-off voltage passed, the hold current fallen below its
        /// limit, or (galvanostatic steps) the voltage gone further from the open-circuit voltage than the limit allows.
        /// </summary>
        private double EventFunction(StepPlan plan, CellState state) =>
            Math.Max(CutoffFunction(plan, state), Math.Max(WindowFunction(plan, state), SaturationFunction(plan, state)));

        private enum EventKind { Cutoff, Window, Saturation }

        private EventKind EventKindOf(StepPlan plan, CellState state)
        {
            double cutoff = CutoffFunction(plan, state), window = WindowFunction(plan, state), saturation = SaturationFunction(plan, state);
            // The largest is the one furthest past its limit (all are in volts), i.e. the one that crossed first.
            if (cutoff >= window && cutoff >= saturation) return EventKind.Cutoff;
            return saturation >= window ? EventKind.Saturation : EventKind.Window;
        }

        /// <summary>
        /// Galvanostatic steps: ln(SaturationDistance) - ln(the largest distance of an accessible particle surface from the
        /// bound the current drives it to), non-negative once every accessible surface is full (discharge) or empty (charge).
        /// From there on the voltage runs away within a vanishing amount of charge (i0 ~ sqrt(x_s (1 - x_s)) goes to 0 on
        /// every surface), so the step ends: the active material is full or empty at this rate.
        /// </summary>
        private double SaturationFunction(StepPlan plan, CellState state)
        {
            if (plan.Control.VoltageControlled || plan.Control.Value == 0) return double.NegativeInfinity;
            double largest = FarthestSurface(plan, state);
            // In volts (RT/F per e-fold of the distance, the scale on which the surface overpotential moves), so that it is
            // located with the cut-off's tolerance and compared with the other event functions on one scale.
            return largest > 0 ? (Math.Log(SaturationDistance) - Math.Log(largest)) / Integrator.Model.InverseThermalVoltage : double.PositiveInfinity;
        }

        /// <summary>
        /// How close to 0 or 1 every accessible surface must be for the material to count as empty or full: ten times the
        /// point where the step solver's exact Butler-Volmer kinetics hands over to its log-linear continuation.
        /// </summary>
        private const double SaturationDistance = 1e-13;

        private static double CutoffFunction(StepPlan plan, CellState state)
        {
            if (plan.CutoffVoltage is { } v) return plan.Rising ? state.Voltage - v : v - state.Voltage;
            if (plan.CurrentLimit is { } limit) return limit - Math.Abs(state.Current);
            return double.NegativeInfinity;
        }

        /// <summary>How far beyond the overpotential limit the voltage is, in the direction of the current (negative inside).</summary>
        private double WindowFunction(StepPlan plan, CellState state) => _window.Excess(state);

        /// <summary>
        /// Why a step that left the voltage window ended: every accessible particle surface saturated in the direction of
        /// the current (the material is full or empty at this rate), or not (transport or kinetics could not carry it).
        /// </summary>
        private StepEnd LimitEnd(StepPlan plan, CellState state) =>
            FarthestSurface(plan, state) > SaturatedSurface ? StepEnd.CurrentNotCarried
            : plan.Control.Value > 0 ? StepEnd.ActiveMaterialEmpty : StepEnd.ActiveMaterialFull;

        /// <summary>
        /// The largest distance of an accessible particle surface from the bound the current drives it to: from x = 0 on
        /// charge, from x = 1 on discharge (0 when every accessible surface is there).
        /// </summary>
        private double FarthestSurface(StepPlan plan, CellState state)
        {
            bool charging = plan.Control.Value > 0;
            var solver = Integrator.Solver;
            double largest = 0;
            for (int p = 0; p < model.Particles; p++)
            {
                if (!(model.ParticleArea[p] * state.ContactRatio[p] * state.ConnectedFraction[p] > 0)) continue;
                double surface = solver.SurfaceStoichiometry(state, p);
                largest = Math.Max(largest, charging ? surface : 1 - surface);
            }
            return largest;
        }

        /// <summary>A surface closer than this to x = 0 or 1 counts as saturated when the voltage runs away.</summary>
        private const double SaturatedSurface = 1e-6;

        private void Warn(int index, StepPlan plan, StepEnd end, bool endedAtOnce)
        {
            string step = plan.Step.Description;
            // A discharge (charge) whose surfaces fill (empty) just before its cut-off ends as the kinetics dictate; the voltage
            // would reach the cut-off within a vanishing amount of charge. Only steps without a cut-off, or with one beyond
            // what the cell can reach, are warned about.
            bool ordinaryEnd = plan.CutoffVoltage is { } cutoff && end is StepEnd.ActiveMaterialFull or StepEnd.ActiveMaterialEmpty
                && Math.Abs(Steps[^1].EndVoltage - cutoff) < model.Numerics.OverpotentialLimit;
            string? reason = ordinaryEnd ? null : end switch
            {
                StepEnd.ActiveMaterialFull => "active_material_full",
                StepEnd.ActiveMaterialEmpty => "active_material_empty",
                StepEnd.CurrentNotCarried => "current_not_carried",
                _ => null,
            };
            double limit = model.Numerics.OverpotentialLimit;
            string? message = end switch
            {
                StepEnd.ActiveMaterialFull => $"step '{step}' ended because the active material is full: every accessible particle surface holds all the lithium it can at this rate",
                StepEnd.ActiveMaterialEmpty => $"step '{step}' ended because the active material is empty: every accessible particle surface has given up its lithium at this rate",
                StepEnd.CurrentNotCarried => $"step '{step}' ended because the cell cannot carry the requested current: the voltage went more than {limit:0.##} V from the open-circuit voltage",
                _ => null,
            };
            if (endedAtOnce)
            {
                var last = Steps.Count > 0 ? Steps[^1] : null;
                double duration = last is null ? double.NaN : last.EndTime - last.StartTime;
                string why = message is null ? $"it reached its limit ({end})" : message;
                Warnings.Add(new RunWarning(index, step, "ended_at_once",
                    $"step '{step}' ended within its first time step ({duration * 1e3:0.###} ms) and passed almost no charge: {why}"));
                return;
            }
            if (reason is not null) Warnings.Add(new RunWarning(index, step, reason, message!));
        }

        private enum Located { Done, AtStart, Failed }

        /// <summary>
        /// Illinois (modified regula falsi) on the step size: the trial that lands on the event within tolerance is left in
        /// Trial. Returns the outcome and which event happened: the one that crossed at the step that was located, or,
        /// where the step ends just before an event that no solvable step lies beyond, the one seen past it.
        /// </summary>
        private (Located Outcome, EventKind Kind) LocateEvent(StepPlan plan, double step, double crossing)
        {
            var kind = EventKindOf(plan, Integrator.Trial);
            double tolerance = kind == EventKind.Window ? WindowEventTolerance
                : kind == EventKind.Saturation || plan.CutoffVoltage is not null
                ? model.Numerics.VoltageEventTolerance
                : 1e-3 * (plan.CurrentLimit ?? 0);
            (Located, EventKind) Here() => (Located.Done, EventKindOf(plan, Integrator.Trial));
            if (crossing <= tolerance) return Here();
            double a = 0, ga = EventFunction(plan, Integrator.Accepted), b = step, gb = crossing;
            if (!(ga < 0)) return Integrator.TryStep(step, plan.Control) ? Here() : (Located.Failed, kind);
            int side = 0;
            double? reached = null;   // the shortest step seen that solved and reached the event
            for (int iteration = 0; iteration < 60; iteration++)
            {
                // Bisect while the upper end is a step Newton could not solve (no event value there).
                double c = double.IsNaN(gb) ? 0.5 * (a + b) : b - gb * (b - a) / (gb - ga);
                if (!(c > a && c < b)) c = 0.5 * (a + b);
                if (!Solved(c, plan))
                {
                    b = c;
                    gb = double.NaN;
                    continue;
                }
                double gc = EventFunction(plan, Integrator.Trial);
                if (gc >= 0 && gc <= tolerance) return Here();
                if (gc > 0) { b = c; gb = gc; reached = c; kind = EventKindOf(plan, Integrator.Trial); if (side == 1) ga *= 0.5; side = 1; }
                else { a = c; ga = gc; if (side == -1 && !double.IsNaN(gb)) gb *= 0.5; side = -1; }
                if (b - a < 1e-9 * Math.Max(1, step)) break;
            }
            // Within the time resolution: the last solved step before the event (it lies between that step and one Newton
            // cannot solve, within 1e-6 of the step), else the nearest solved step past it with a possible voltage.
            if (a > 0 && b - a < 1e-6 * Math.Max(1, step) && Solved(a, plan)) return (Located.Done, kind);
            if (Solved(b, plan) && Sane(plan)) return Here();
            if (reached is { } r && Solved(r, plan) && Sane(plan)) return Here();
            return (a == 0 && b < 1e-6 ? Located.AtStart : Located.Failed, kind);
        }

        /// <summary>The trial's voltage is still within (or at) the physically possible window.</summary>
        private bool Sane(StepPlan plan) => !(WindowFunction(plan, Integrator.Trial) > WindowEventTolerance);

        /// <summary>A trial step that converged and kept every shell within [0, 1].</summary>
        private bool Solved(double step, StepPlan plan) => Integrator.TryStep(step, plan.Control) && !Integrator.TrialOutOfBounds;

        private double Accept(int index, int count, StepPlan plan)
        {
            var before = Integrator.Accepted;
            double t0 = before.Time, v0 = before.Voltage, i0 = before.Current;
            Integrator.AcceptTrial();
            if (model.Design.Thermal is { } thermal) Heat(thermal, Integrator.Accepted.Time - t0);
            AcceptedSteps++;
            var after = Integrator.Accepted;
            Record(index);
            progress?.Report(new SimulationProgress(index, count, plan.Step.Description, after.Time, after.Voltage));
            // Electrical energy into the cell over the step (trapezoid), J.
            return 0.5 * (v0 * i0 + after.Voltage * after.Current) * (after.Time - t0) * Area;
        }

        /// <summary>Advances the lumped cell temperature over the step just accepted; the next step uses it.</summary>
        private void Heat(Thermal.LumpedThermalModel thermal, double h)
        {
            var state = Integrator.Accepted;
            var cell = Integrator.Model;
            double mean = 0;
            // Node means through the integrator: with a device-resident history only the Nx means cross the host link.
            Integrator.AcceptedNodeMeans(_nodeMeans);
            for (int j = 0; j < cell.Nodes; j++) mean += _nodeMeans[j];
            double equilibrium = cell.OpenCircuitVoltage(mean / cell.Nodes);
            double heat = state.Current * Area * (state.Voltage - equilibrium);
            Integrator.SetTemperature(thermal.Advance(cell.Temperature, _ambient, heat, h));
        }

        private void Record(int index)
        {
            var s = Integrator.Accepted;
            Series.Add(new TimePoint(s.Time, s.Voltage, s.Current * Area, s.Charge * Area, Integrator.Model.Temperature, index));
        }

        private void Snapshot(int index)
        {
            Integrator.SynchronizeAccepted(); // the profiles read every shell
            var s = Integrator.Accepted;
            int n = model.Nodes, k = model.Bins;
            var q = new double[n];
            var surface = new double[n * k];
            var mean = new double[n];
            for (int j = 0; j < n; j++)
            {
                for (int b = 0; b < k; b++)
                {
                    int p = j * k + b;
                    q[j] += model.ParticleArea[p] * s.ContactRatio[p] * s.ConnectedFraction[p] * s.InterfacialCurrent[p];
                    surface[p] = Integrator.Solver.SurfaceStoichiometry(s, p);
                }
                mean[j] = model.NodeMeanStoichiometryOfAllNcm(s, j);
            }
            Profiles.Add(new ProfileSnapshot(s.Time, index, (double[])model.Positions.Clone(), (double[])s.SolidPotential.Clone(),
                (double[])s.ElectrolytePotential.Clone(), q, surface, mean, k));
        }
    }
}
