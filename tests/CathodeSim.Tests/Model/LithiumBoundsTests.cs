using CathodeSim.Model;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using CathodeSim.Numerics.Diffusion;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Model;

/// <summary>
/// Lithium stays in [0, 1] in every shell at every accepted step, for any OCP, and a step driven past full or empty stops
/// there with its reason: limits and conservation, checked on the library's MSMR OCP, the plain Chen 2020 fit and a user
/// table without any edge term.
/// </summary>
public sealed class LithiumBoundsTests(ITestOutputHelper output)
{
    private const double Bound = 1e-9;

    public static TheoryData<string> Ocps => ["msmr", "chen2020", "table"];

    private static IOpenCircuitPotential Ocp(string name) => name switch
    {
        "msmr" => TestCells.Msmr,
        "chen2020" => new ChenNmc811Ocp(),
        // The plain Chen fit sampled as a user would tabulate it: flat beyond its ends, no edge term.
        _ => new TabulatedOcp(Enumerable.Range(0, 21).Select(i => i / 20.0).ToArray(),
            Enumerable.Range(0, 21).Select(i => new ChenNmc811Ocp().Potential(i / 20.0)).ToArray()),
    };

    [Theory]
    [MemberData(nameof(Ocps))]
    public void Limit_ChargingThirtyHoursAtTenthC_StopsAtTheInventory_EveryShellInBounds(string ocp)
    {
        var design = TestCells.B65(TestCells.Ncm90(ocp: Ocp(ocp)));
        var (result, model, final) = Run(design, new CurrentStep("Charge at 0.1C for 30 h", CurrentDirection.Charge, new CRateSetpoint(0.1), null, 30 * 3600.0));
        var step = Assert.Single(result.Steps);
        double inventory = design.InitialStoichiometry * model.TheoreticalCharge * design.Area;   // C the accessible NCM holds
        output.WriteLine($"{ocp}: {step.End} after {step.ChargePassed:F4} C of an inventory of {inventory:F4} C ({100 * step.ChargePassed / inventory:F2} %)");
        Assert.Equal(StepEnd.ActiveMaterialEmpty, step.End);
        Assert.Contains(result.Warnings, w => w.Reason == "active_material_empty");
        Assert.True(step.ChargePassed <= inventory * (1 + 1e-9), "more charge than lithium");
        Assert.True(step.ChargePassed >= 0.95 * inventory, "stopped well short of the inventory");
        AssertConserved(design, model, final, result);
    }

    [Theory]
    [MemberData(nameof(Ocps))]
    public void Limit_DischargingToMinusFiveVolts_EndsWithTheMaterialFull_EveryShellInBounds(string ocp)
    {
        var design = TestCells.B65(TestCells.Ncm90(ocp: Ocp(ocp)));
        var (result, model, final) = Run(design, TestCells.Charge(0.1), TestCells.Discharge(0.1, cutoff: -5));
        Assert.Equal(2, result.Steps.Count);
        output.WriteLine($"{ocp}: charge {result.Steps[0].ChargePassed:F4} C, discharge {result.Steps[1].ChargePassed:F4} C, {result.Steps[1].End} at {result.Steps[1].EndVoltage:F3} V");
        Assert.Equal(StepEnd.ActiveMaterialFull, result.Steps[1].End);
        Assert.True(result.Steps[1].EndVoltage > -5, "the cut-off beyond the physically possible window was reached");
        // Coulombic efficiency cannot exceed what the starting lithium allows: back at most to the initial stoichiometry's complement.
        double room = (1 - design.InitialStoichiometry) * model.TheoreticalCharge * design.Area;
        Assert.True(-result.Steps[1].ChargePassed <= result.Steps[0].ChargePassed + room * (1 + 1e-9));
        AssertConserved(design, model, final, result);
    }

    /// <summary>Runs the protocol, checking after every accepted step that every shell of the state is within [0, 1].</summary>
    private (SimulationResult Result, CellModel Model, CellState Final) Run(CellDesign design, params ProtocolStep[] protocol)
    {
        var watch = new BoundsWatch();
        var simulator = new Simulator(layout => watch.Wrap(new HostAssembledParticleDiffusionStepper(layout, new CpuBatchedTridiagonalSolver())));
        var run = simulator.RunToState(TestCells.Setup(design, new NumericsOptions(10, 10, 3), TestCells.RoomTemperature, protocol), watch);
        Assert.True(run.Result.Diagnostics.Completed, run.Result.Diagnostics.FailureMessage);
        output.WriteLine($"{watch.Checked} accepted steps checked; largest excursion beyond [0, 1]: {watch.Worst:E2}");
        Assert.True(watch.Checked > 10);
        Assert.True(watch.Worst <= Bound, $"a shell left [0, 1] by {watch.Worst:E2}");
        return run;
    }

    /// <summary>Charge passed equals lithium moved, to round-off, between the initial and the final state.</summary>
    private static void AssertConserved(CellDesign design, CellModel model, CellState final, SimulationResult result)
    {
        var initial = new double[final.Stoichiometry.Length];
        Array.Fill(initial, design.InitialStoichiometry);
        double moved = (model.Lithium(initial) - model.Lithium(final.Stoichiometry)) * PhysicalConstants.Faraday * design.Area;
        double charge = result.Series[^1].Charge;
        double scale = result.Steps.Max(s => Math.Abs(s.ChargePassed));
        Assert.True(Math.Abs(moved - charge) <= 1e-8 * scale, $"lithium moved {moved:E9} C, charge passed {charge:E9} C");
    }

    /// <summary>
    /// Keeps the last converged particle state of every trial step; the simulator reports progress right after accepting
    /// a trial, so each report checks the state just accepted.
    /// </summary>
    private sealed class BoundsWatch : IProgress<SimulationProgress>
    {
        private double[] _last = [];
        public int Checked { get; private set; }
        public double Worst { get; private set; }

        public IParticleDiffusionStepper Wrap(IParticleDiffusionStepper inner) => new Recording(inner, this);

        public void Report(SimulationProgress value)
        {
            Checked++;
            foreach (double x in _last) Worst = Math.Max(Worst, Math.Max(-x, x - 1));
        }

        private sealed class Recording(IParticleDiffusionStepper inner, BoundsWatch watch) : IParticleDiffusionStepper
        {
            public ParticleDiffusionLayout Layout => inner.Layout;
            public string Name => inner.Name;
            public void SetDiffusivity(UniformLinearTable table, double factor) => inner.SetDiffusivity(table, factor);
            public void BeginStep(double[] stoichiometry, double[] history, ReadOnlySpan<double> contactRatio, double hBeta) =>
                inner.BeginStep(stoichiometry, history, contactRatio, hBeta);
            public void AssembleAndSolve(ReadOnlySpan<double> current) => inner.AssembleAndSolve(current);
            public ReadOnlySpan<double> SurfaceShell => inner.SurfaceShell;
            public ReadOnlySpan<double> SurfaceResponse => inner.SurfaceResponse;
            public ReadOnlySpan<double> SurfaceSensitivity => inner.SurfaceSensitivity;
            public double Update(ReadOnlySpan<double> currentUpdate, double relativeTolerance, double absoluteTolerance) =>
                inner.Update(currentUpdate, relativeTolerance, absoluteTolerance);

            public void EndStep(double[] stoichiometry)
            {
                inner.EndStep(stoichiometry);
                watch._last = (double[])stoichiometry.Clone();
            }
        }
    }
}
