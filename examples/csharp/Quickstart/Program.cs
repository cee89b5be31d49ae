// CathodeSim as a C# library: the runnable example of docs/api.md.
//
//   dotnet run --project examples/csharp/Quickstart -c Release -- [REPOSITORY_ROOT] [OUTPUT_DIRECTORY]
//
// REPOSITORY_ROOT (default: the current directory) is where configs/ and examples/ are; OUTPUT_DIRECTORY (default:
// out/quickstart) receives the HDF5, CSV and PNG files of the run. Every line it prints is checked by
// tests/CathodeSim.Tests/Cli/QuickstartExampleTests.cs.
using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using CathodeSim.Analysis.Cycling;
using CathodeSim.Analysis.Impedance;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.IO.Config;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Output;
using CathodeSim.IO.Sweeps;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using CathodeSim.Studies;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string root = args.Length > 0 ? args[0] : ".";
string output = args.Length > 1 ? args[1] : Path.Combine("out", "quickstart");

// 1. Load a config: the file, its `extends` chain and the built-in material library, with overrides written as
//    `--set` takes them (units allowed). Problems are ConfigExceptions naming the file, line and key.
string configPath = Path.Combine(root, "configs", "b-ncm-65.yaml");
LoadedConfig config = ConfigLoader.Load(configPath, ["temperature=25 degC"]);
SimulationSetup setup = config.Setup;   // SI units throughout

// 2. Run it. `new Simulator()` solves the particles on the CPU; Run blocks until the protocol ends (or the solver fails).
SimulationResult result = new Simulator().Run(setup);
Console.WriteLine($"run: {result.Name} completed={result.Diagnostics.Completed} points={result.Series.Count} " +
                  $"steps={result.Steps.Count} warnings={result.Warnings.Count}");

// 3. Read the results: the time series (SI: s, V, A, C, K), one summary per executed step, and the warnings of steps
//    that ended on a physical limit.
TimePoint last = result.Series[^1];
Console.WriteLine($"last point: t={last.Time / 3600:F2} h V={last.Voltage:F3} V");
foreach (StepSummary step in result.Steps)
    Console.WriteLine($"step {step.Index}: {step.Kind} '{step.Description}' ended on {step.End} at {step.EndVoltage:F3} V " +
                      $"after {Math.Abs(step.ChargePassed) / 3.6 / (result.ActiveMass * 1e3):F1} mAh/g");
foreach (RunWarning warning in result.Warnings)
    Console.WriteLine($"warning: step {warning.StepIndex} {warning.Reason}: {warning.Message}");
foreach (CycleSummary cycle in CycleSummarizer.Summarize(result))
    Console.WriteLine($"cycle {cycle.Cycle}: charge {cycle.ChargeCapacity:F1} mAh/g, discharge {cycle.DischargeCapacity:F1} mAh/g, " +
                      $"efficiency {100 * cycle.CoulombicEfficiency:F1} %");

// 4. The scalar metrics of a case, under the same names as `cathodesim run --json` and the sweep tables.
double[] metrics = CaseMetrics.From(setup, result);
foreach (string name in new[] { "discharge_capacity_mAh_per_g", "coulombic_efficiency_percent", "discharge_energy_Wh_per_kg_composite" })
    Console.WriteLine($"metric {name}={metrics[CaseMetrics.IndexOf(name)]:F3}");

// 5. The workflow of `cathodesim run` as one call: CathodeSim.Studies reads the config, runs it and writes the files
//    the command writes (HDF5, CSV, PNG, with provenance) into the output directory; the outcome names them.
RunOutcome run = new RunStudy().Run(new RunRequest(configPath, ["temperature=25 degC"], output));
Console.WriteLine($"run study: {run.Status}, discharge {run.DischargeCapacity:F1} mAh/g");
foreach (string file in run.Files)
    Console.WriteLine($"wrote {file}");

// 6. A sweep in-process: SweepLoader expands and validates a sweep file (the format of `cathodesim sweep`); SweepRunner
//    runs the cases in parallel and hands each finished one to the sink (from worker threads).
SweepPlan plan = SweepLoader.Load(Path.Combine(root, "examples", "csharp", "Quickstart", "data", "tiny-sweep.yaml"), []);
var outcomes = new ConcurrentBag<CaseOutcome>();
new SweepRunner(maxParallelism: Environment.ProcessorCount)
    .Run(plan.Cases.Select(c => new SweepWorkItem(c.Index, c.Setups)).ToList(), outcomes.Add, progress: null, CancellationToken.None);
int discharge = CaseMetrics.IndexOf("discharge_capacity_mAh_per_g");
foreach (CaseOutcome outcome in outcomes.OrderBy(o => o.Index))
{
    string values = string.Join(", ", plan.Cases[outcome.Index].Values.Select(v => $"{v.Path}={v.Text}"));
    Console.WriteLine(outcome.Error is null
        ? $"sweep case {outcome.Index} ({values}): discharge_capacity_mAh_per_g={outcome.Metrics![0][discharge]:F3} warnings={outcome.Warnings ?? "none"}"
        : $"sweep case {outcome.Index} ({values}): failed: {outcome.Error}");
}

// 7. Read an instrument file (format from its content: EC-Lab .mpr/.mpt, Gamry .DTA, ZPlot .z, CSV, ...) and fit an
//    equivalent circuit to its spectrum, in impedance.py's string syntax.
MeasuredSpectrum spectrum = MeasurementReader.ReadSpectrum(Path.Combine(root, "examples", "csharp", "Quickstart", "data", "spectrum.z"));
Complex[] impedance = spectrum.Real.Zip(spectrum.Imaginary, (re, im) => new Complex(re, im)).ToArray();
Circuit circuit = Circuit.Parse("R0-p(R1,C1)");
CircuitFitResult fit = CircuitFitter.Fit(circuit, spectrum.Frequency, impedance, new CircuitFitOptions { Seed = 1 });
Console.WriteLine($"spectrum: {spectrum.Frequency.Length} points from {Path.GetFileName(spectrum.Source)}");
foreach (string name in circuit.ParameterNames)
    Console.WriteLine($"fit {name}={fit[name]:G6} +- {fit.ErrorOf(name):G3}");
Console.WriteLine($"fit converged={fit.Converged} relative_rms={fit.RelativeRms:G3}");
