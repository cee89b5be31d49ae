using System.Diagnostics;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using CathodeSim.Numerics.Integration;

namespace CathodeSim.Model.Dfn;

/// <summary>
/// Runs a protocol on a liquid-electrolyte (DFN) cell: implicit Euler steps with a local error estimate (the difference
/// to the linear predictor, on c_e and the particle stoichiometries), the project's PI step controller, and cut-off
/// voltages located by the Illinois method on the step length. Galvanostatic steps and rests; voltage holds are not
/// supported in this mode (the configuration refuses them).
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
        CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var system = new DfnSystem(cell, grid, temperature);
        var run = new RunState(system, numerics, cell, cancellation);
        run.Execute(Flatten(protocol));
        var diagnostics = new SolverDiagnostics(run.Accepted, run.Rejected, system.NewtonIterations, clock.Elapsed.TotalSeconds, run.Failure is null, run.Failure);
        return new SimulationResult(name, cell.ActiveMass, run.Series, run.Steps, run.Profiles, diagnostics) { Warnings = run.Warnings };
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
                bool charge = step is CurrentStep { Direction: CurrentDirection.Charge };
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

        private double[] _y = system.RestState();
        private double[] _previous = [];
        private double _previousStep;
        private double _time, _charge;
        private readonly StepSizeController _controller = new();

        public void Execute(List<(ProtocolStep Step, int Cycle)> steps)
        {
            // Consistent potentials at rest.
            var rest = (double[])_y.Clone();
            if (!system.Step(_y, rest, double.PositiveInfinity, 0)) { Failure = "no consistent initial state"; return; }
            Series.Add(new TimePoint(0, system.Voltage(_y, 0), 0, 0, system.Temperature, 0));
            for (int index = 0; index < steps.Count && Failure is null; index++)
            {
                cancellation.ThrowIfCancellationRequested();
                ExecuteStep(index, steps[index].Step, steps[index].Cycle);
            }
        }

        private void ExecuteStep(int index, ProtocolStep step, int cycle)
        {
            double area = cell.Area, current, duration, chargeLimit = double.PositiveInfinity;
            double? cutoff = null;
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
                case RestStep r:
                    current = 0; duration = r.Duration; kind = "rest";
                    break;
                default:
                    throw new NotSupportedException($"the liquid-electrolyte (DFN) mode runs constant-current steps and rests only, not '{step.Description}'");
            }
            double start = _time, startCharge = _charge, startVoltage = system.Voltage(_y, current), energy = 0;
            double end = start + duration;
            _previous = [];
            _controller.Reset();
            double h = numerics.InitialStep;
            StepEnd? ended = null;
            bool rising = current > 0;
            while (ended is null)
            {
                cancellation.ThrowIfCancellationRequested();
                double limit = Math.Min(numerics.MaxStep, end - _time);
                if (double.IsFinite(chargeLimit) && current != 0) limit = Math.Min(limit, (chargeLimit - Math.Abs(_charge - startCharge)) / Math.Abs(current));
                double trial = Math.Min(h, limit);
                var y = Predict(trial);
                if (!system.Step(y, _y, trial, current))
                {
                    Rejected++;
                    h = trial / 4;
                    if (h < MinimumStep)
                    {
                        ended = StepEnd.CurrentNotCarried;
                        Warnings.Add(new RunWarning(index, step.Description, "CurrentNotCarried", $"Newton found no solution at t = {_time:F1} s; the step ends there"));
                    }
                    continue;
                }
                double error = Error(y, trial);
                if (error > 1)
                {
                    Rejected++;
                    h = _controller.Rejected(trial, error, 1);
                    if (h < MinimumStep) { Failure = $"step '{step.Description}': step size underflow at t = {_time:F3} s"; ended = StepEnd.SolverFailure; }
                    continue;
                }
                double v = system.Voltage(y, current);
                if (cutoff is { } vc && (rising ? v >= vc : v <= vc))
                {
                    (y, trial) = Locate(trial, current, vc, rising);
                    v = system.Voltage(y, current);
                    ended = StepEnd.Voltage;
                }
                double vOld = system.Voltage(_y, current);
                energy += current * area * trial * 0.5 * (v + vOld);
                Accept(y, trial, current, index);
                if (ended is null && _time >= end - 1e-9 * Math.Max(1, end)) ended = StepEnd.Time;
                if (ended is null && Math.Abs(_charge - startCharge) >= chargeLimit * (1 - 1e-12)) ended = StepEnd.Charge;
                h = trial >= limit ? Math.Max(h, _controller.Accepted(trial, error, 1)) : _controller.Accepted(trial, error, 1);
            }
            Snapshot(index, current);
            Steps.Add(new StepSummary(index, step.Description, kind, cycle, start, _time, (_charge - startCharge) * area, energy, startVoltage,
                system.Voltage(_y, current), ended.Value) { Temperature = system.Temperature });
        }

        private double[] Predict(double h)
        {
            var y = (double[])_y.Clone();
            if (_previous.Length == 0) return y;
            double w = h / _previousStep;
            for (int q = 0; q < y.Length; q++) y[q] += w * (_y[q] - _previous[q]);
            return y;
        }

        private double Error(double[] y, double h)
        {
            if (_previous.Length == 0) return 0.5; // first step after a change: no history, accept and build one
            double w = h / _previousStep, e = 0;
            for (int q = 0; q < y.Length; q++)
            {
                if (!system.IsDifferential(q)) continue;
                double predicted = _y[q] + w * (_y[q] - _previous[q]);
                bool salt = q == system.Concentration(NodeOf(q));
                double scale = salt ? cell.InitialConcentration : 1.0;
                double tol = numerics.AbsoluteTolerance + numerics.RelativeTolerance * Math.Abs(y[q] / scale);
                e = Math.Max(e, Math.Abs(y[q] - predicted) / scale * h / (h + _previousStep) / tol);
            }
            return e;
        }

        private int NodeOf(int q)
        {
            for (int i = system.Nodes - 1; i >= 0; i--) if (q >= system.Concentration(i)) return i;
            return 0;
        }

        private (double[] Y, double H) Locate(double h, double current, double cutoff, bool rising)
        {
            double a = 0, fa = system.Voltage(_y, current) - cutoff, b = h, y0 = 0;
            var yb = Predict(h);
            system.Step(yb, _y, h, current);
            double fb = system.Voltage(yb, current) - cutoff;
            int side = 0;
            for (int it = 0; it < 60; it++)
            {
                if (Math.Abs(fb) <= numerics.VoltageEventTolerance) return (yb, b);
                double c = (a * fb - b * fa) / (fb - fa);
                if (!(c > a && c < b)) c = 0.5 * (a + b);
                var yc = Predict(c);
                if (!system.Step(yc, _y, c, current)) { b = c; fb = rising ? 1 : -1; continue; }
                double fc = system.Voltage(yc, current) - cutoff;
                if (Math.Abs(fc) <= numerics.VoltageEventTolerance) return (yc, c);
                if (Math.Sign(fc) == Math.Sign(fb)) { b = c; fb = fc; yb = yc; if (side == -1) fa *= 0.5; side = -1; }
                else { a = c; fa = fc; if (side == 1) fb *= 0.5; side = 1; }
                y0 = c;
            }
            _ = y0;
            return (yb, b);
        }

        private void Accept(double[] y, double h, double current, int index)
        {
            _previous = _y;
            _previousStep = h;
            _y = y;
            _time += h;
            _charge += current * h;
            Accepted++;
            Series.Add(new TimePoint(_time, system.Voltage(_y, current), current * cell.Area, _charge * cell.Area, system.Temperature, index));
        }

        private void Snapshot(int index, double current)
        {
            int first = system.Grid.SeparatorVolumes, n = system.Nodes - first, bins = system.Bins;
            var position = new double[n];
            var phiS = new double[n];
            var phiE = new double[n];
            var reaction = new double[n];
            var surface = new double[n * bins];
            var mean = new double[n * bins];
            for (int m = 0; m < n; m++)
            {
                int i = first + m;
                position[m] = system.Position[i] - cell.SeparatorThickness;
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
