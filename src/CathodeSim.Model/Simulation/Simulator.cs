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

    /// <summary>Runs <paramref name="setup"/> to the end of its protocol (or the first solver failure).</summary>
    public SimulationResult Run(SimulationSetup setup, IProgress<SimulationProgress>? progress = null, CancellationToken cancellation = default) =>
        RunToState(setup, progress, cancellation).Result;

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
            run = new RunContext(model, particles, setup, progress, cancellation);
            run.Execute();
            run.Integrator.SynchronizeAccepted(); // the final state goes to the caller whole, while the stepper still lives
        }
        finally
        {
            (particles as IDisposable)?.Dispose();
        }
        var diagnostics = new SolverDiagnostics(run.AcceptedSteps, run.RejectedSteps, run.Integrator.NewtonIterations,
            clock.Elapsed.TotalSeconds, run.Failure is null, run.Failure);
        return (new SimulationResult(setup.Name, setup.Design.ActiveMass, run.Series, run.Steps, run.Profiles, diagnostics), run.Integrator.Model, run.Integrator.Accepted);
    }

    private sealed class RunContext(CellModel model, IParticleDiffusionStepper diffusion, SimulationSetup setup,
        IProgress<SimulationProgress>? progress, CancellationToken cancellation)
    {
        public CellIntegrator Integrator { get; } = new(model, diffusion);
        public List<TimePoint> Series { get; } = [];
        public List<StepSummary> Steps { get; } = [];
        public List<ProfileSnapshot> Profiles { get; } = [];
        public int AcceptedSteps { get; private set; }
        public int RejectedSteps { get; private set; }
        public string? Failure { get; private set; }
        private readonly Queue<double> _profileTimes = new(setup.ProfileTimes.Order());
        private readonly StepSizeController _controller = new();
        private double _ambient = setup.Temperature;
        private readonly double[] _nodeMeans = new double[model.Nodes];
        private double Area => model.Design.Area;

        public void Execute()
        {
            var plans = StepPlan.Unroll(setup.Protocol, model.Design);
            Record(0);
            var firstDischarge = new Dictionary<int, double>();
            int executed = 0;
            for (int index = 0; index < plans.Count && Failure is null; index++)
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
            Integrator.Restart();
            _controller.Reset();
            double h = model.Numerics.InitialStep;
            StepEnd? end = null;
            bool first = true;
            while (end is null)
            {
                cancellation.ThrowIfCancellationRequested();
                double t = Integrator.Accepted.Time;
                double limit = Math.Min(model.Numerics.MaxStep, endTime - t);
                if (_profileTimes.TryPeek(out double nextProfile) && nextProfile > t) limit = Math.Min(limit, nextProfile - t);
                if (!plan.Control.VoltageControlled && plan.Control.Value != 0 && double.IsFinite(plan.ChargeLimit))
                    limit = Math.Min(limit, (plan.ChargeLimit - Math.Abs(Integrator.Accepted.Charge - startCharge)) / Math.Abs(plan.Control.Value));
                bool clipped = h >= limit;
                double step = Math.Min(h, limit);
                if (!Integrator.TryStep(step, plan.Control))
                {
                    RejectedSteps++;
                    h = step * 0.25;
                    if (h < MinimumStep) { end = StepEnd.SolverFailure; Failure = $"step '{plan.Step.Description}': Newton failed to converge at t = {t:F3} s"; break; }
                    continue;
                }
                double error = Integrator.TrialError;
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
                    if (!first && !LocateEvent(plan, step, crossing)) { end = StepEnd.SolverFailure; Failure = $"step '{plan.Step.Description}': could not locate its end"; break; }
                    end = plan.CutoffVoltage is not null ? StepEnd.Voltage : StepEnd.Current;
                }
                energy += Accept(index, count, plan);
                first = false;
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
            return Math.Abs(final.Charge - startCharge) * Area;
        }

        /// <summary>Non-negative once the step's event has happened: the cut-off voltage passed, or the hold current fallen below its limit.</summary>
        private static double EventFunction(StepPlan plan, CellState state)
        {
            if (plan.CutoffVoltage is { } v) return plan.Rising ? state.Voltage - v : v - state.Voltage;
            if (plan.CurrentLimit is { } limit) return limit - Math.Abs(state.Current);
            return double.NegativeInfinity;
        }

        /// <summary>Illinois (modified regula falsi) on the step size: the trial that lands on the event within tolerance is left in Trial.</summary>
        private bool LocateEvent(StepPlan plan, double step, double crossing)
        {
            double tolerance = plan.CutoffVoltage is not null
                ? model.Numerics.VoltageEventTolerance
                : 1e-3 * (plan.CurrentLimit ?? 0);
            if (crossing <= tolerance) return true;
            double a = 0, ga = EventFunction(plan, Integrator.Accepted), b = step, gb = crossing;
            if (!(ga < 0)) return Integrator.TryStep(step, plan.Control);
            int side = 0;
            for (int iteration = 0; iteration < 60; iteration++)
            {
                // Bisect while the upper end is a step Newton could not solve (no event value there).
                double c = double.IsNaN(gb) ? 0.5 * (a + b) : b - gb * (b - a) / (gb - ga);
                if (!(c > a && c < b)) c = 0.5 * (a + b);
                if (!Integrator.TryStep(c, plan.Control))
                {
                    b = c;
                    gb = double.NaN;
                    continue;
                }
                double gc = EventFunction(plan, Integrator.Trial);
                if (gc >= 0 && gc <= tolerance) return true;
                if (gc > 0) { b = c; gb = gc; if (side == 1) ga *= 0.5; side = 1; }
                else { a = c; ga = gc; if (side == -1 && !double.IsNaN(gb)) gb *= 0.5; side = -1; }
                if (b - a < 1e-9 * Math.Max(1, step)) break;
            }
            return Integrator.TryStep(b, plan.Control);
        }

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
                mean[j] = model.NodeMeanStoichiometry(s.Stoichiometry, j);
            }
            Profiles.Add(new ProfileSnapshot(s.Time, index, (double[])model.Positions.Clone(), (double[])s.SolidPotential.Clone(),
                (double[])s.ElectrolytePotential.Clone(), q, surface, mean, k));
        }
    }
}
