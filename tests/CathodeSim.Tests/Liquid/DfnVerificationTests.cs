using CathodeSim.IO.Config;
using CathodeSim.Model;
using CathodeSim.Model.Dfn;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using CathodeSim.Numerics.Integration;
using Xunit;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Liquid;

/// <summary>Verification of the liquid-electrolyte (DFN) mode: conservation, an analytical electrolyte profile, time-step convergence.</summary>
public sealed class DfnVerificationTests(ITestOutputHelper output)
{
    private static LiquidCell Coin(ILiquidElectrolyte? electrolyte = null)
    {
        var setup = ConfigLoader.LoadAnyMode(RepositoryPaths.File("configs", "liquid", "s-ncm-coin.yaml"), ["numerics.size_bins=2"]).Setup;
        var cell = setup.Liquid!.Cell with { InitialStoichiometry = 0.5 };
        return electrolyte is null ? cell : cell with { Electrolyte = electrolyte };
    }

    private static (DfnSystem System, double[] Y, double[] Start) Discharge(LiquidCell cell, DfnGrid grid, double current, double h, int steps)
    {
        var system = new DfnSystem(cell, grid, 298.15);
        var y = system.RestState();
        var rest = (double[])y.Clone();
        Assert.True(system.Step(y, rest, double.PositiveInfinity, 0));
        var start = (double[])y.Clone();
        for (int n = 0; n < steps; n++)
        {
            var next = (double[])y.Clone();
            Assert.True(system.Step(next, y, h, current), $"Newton failed at step {n}");
            y = next;
        }
        return (system, y, start);
    }

    /// <summary>
    /// Steps of the given lengths from the consistent rest state: implicit Euler for the first (no history yet), then
    /// variable-step BDF2 as the simulator takes it (history combination a0 y_n + a1 y_{n-1}, effective step hBeta).
    /// </summary>
    internal static (DfnSystem System, double[] Y, double[] Start) DischargeBdf2(LiquidCell cell, DfnGrid grid, double current, IReadOnlyList<double> steps)
    {
        var system = new DfnSystem(cell, grid, 298.15);
        var y = system.RestState();
        var rest = (double[])y.Clone();
        Assert.True(system.Step(y, rest, double.PositiveInfinity, 0));
        return (system, Bdf2Steps(system, y, current, steps), y);
    }

    /// <summary>Steps of the given lengths from <paramref name="y"/> (not modified), the first by implicit Euler, then BDF2.</summary>
    private static double[] Bdf2Steps(DfnSystem system, double[] y, double current, IReadOnlyList<double> steps)
    {
        var previous = y;
        var combination = new double[system.Size];
        double previousStep = 0;
        for (int n = 0; n < steps.Count; n++)
        {
            double h = steps[n];
            var bdf = n == 0 ? BdfCoefficients.For(1, h, 0, 0) : BdfCoefficients.For(2, h, previousStep, 0);
            for (int q = 0; q < combination.Length; q++) combination[q] = bdf.A0 * y[q] + bdf.A1 * previous[q];
            var next = (double[])y.Clone();
            Assert.True(system.Step(next, combination, bdf.HBeta, current), $"Newton failed at step {n}");
            previous = y;
            y = next;
            previousStep = h;
        }
        return y;
    }

    [Fact]
    public void Salt_in_the_electrolyte_is_conserved_and_charge_passed_equals_lithium_inserted_under_a_1C_discharge()
    {
        var cell = Coin();
        double current = -cell.OneCCurrent / cell.Area;
        var (system, y, start) = Discharge(cell, new DfnGrid(10, 10, 10), current, 10.0, 60);
        double salt0 = system.Salt(start), salt = system.Salt(y);
        double passed = -current * 600 / PhysicalConstants.Faraday; // mol/m^2 into the particles
        double inserted = system.SolidLithium(y) - system.SolidLithium(start);
        // The profile is not flat (the check is not trivial): c_e differs across the cell by more than 1 %.
        double cmin = double.MaxValue, cmax = 0;
        for (int i = 0; i < system.Nodes; i++) { cmin = Math.Min(cmin, y[system.Concentration(i)]); cmax = Math.Max(cmax, y[system.Concentration(i)]); }
        output.WriteLine($"salt relative change {Math.Abs(salt - salt0) / salt0:E2}, lithium balance relative error {Math.Abs(inserted - passed) / passed:E2}, c_e {cmin:F1}-{cmax:F1}");
        Assert.True((cmax - cmin) / cmax > 0.01);
        Assert.True(Math.Abs(salt - salt0) / salt0 < 1e-9, $"salt changed by {Math.Abs(salt - salt0) / salt0:E2}");
        Assert.True(Math.Abs(inserted - passed) / passed < 1e-8, $"lithium balance off by {Math.Abs(inserted - passed) / passed:E2}");
    }

    [Fact]
    public void Salt_and_lithium_balances_hold_to_round_off_under_variable_step_BDF2()
    {
        // Steps of 5, 10 and 15 s in turn, so that the variable-step weights are exercised: the storage terms use
        // a0 y_n + a1 y_{n-1} with a0 + a1 = 1 and every flux is taken at the new time, so the balances stay exact.
        var cell = Coin();
        double current = -cell.OneCCurrent / cell.Area;
        var steps = Enumerable.Range(0, 60).Select(n => 5.0 * (1 + n % 3)).ToArray();
        var (system, y, start) = DischargeBdf2(cell, new DfnGrid(10, 10, 10), current, steps);
        double salt0 = system.Salt(start), salt = system.Salt(y);
        double passed = -current * steps.Sum() / PhysicalConstants.Faraday;
        double inserted = system.SolidLithium(y) - system.SolidLithium(start);
        output.WriteLine($"salt relative change {Math.Abs(salt - salt0) / salt0:E2}, lithium balance relative error {Math.Abs(inserted - passed) / passed:E2}");
        Assert.True(Math.Abs(salt - salt0) / salt0 < 1e-9, $"salt changed by {Math.Abs(salt - salt0) / salt0:E2}");
        Assert.True(Math.Abs(inserted - passed) / passed < 1e-8, $"lithium balance off by {Math.Abs(inserted - passed) / passed:E2}");
    }

    [Fact]
    public void Separator_salt_gradient_under_constant_current_matches_the_steady_state_solution()
    {
        // Constant properties: at steady state the Li+ flux through the separator is i_e/F, so dc/dx = -(1 - t+) i_e / (F eps^b D).
        var electrolyte = new ConstantLiquidElectrolyte(1.0, 3e-10, 0.38, 1.0);
        var cell = Coin(electrolyte);
        double current = -cell.OneCCurrent / cell.Area; // discharge: i_e = -I > 0 in the separator
        var (system, y, _) = Discharge(cell, new DfnGrid(10, 10, 10), current, 20.0, 30);
        double expected = -(1 - 0.38) * (-current) / (PhysicalConstants.Faraday * Math.Pow(cell.SeparatorPorosity, cell.SeparatorBruggeman) * 3e-10);
        for (int i = 0; i + 1 < system.Grid.SeparatorVolumes; i++)
        {
            double slope = (y[system.Concentration(i + 1)] - y[system.Concentration(i)]) / (system.Position[i + 1] - system.Position[i]);
            output.WriteLine($"face {i}: slope {slope:E4} vs {expected:E4}");
            Assert.True(Math.Abs(slope / expected - 1) < 1e-3, $"face {i}: {slope:E4} vs {expected:E4}");
        }
    }

    [Fact]
    public void Condensed_solve_gives_the_same_steps_as_the_full_pivoted_banded_LU()
    {
        // The particle chains eliminated by Thomas (no pivoting) against Gaussian elimination with partial pivoting of
        // the whole band, over a 1C discharge with three size bins: Newton stops on updates below 1e-9, so the two
        // must agree to about that, far below the 0.1 mV the results are read at.
        var cell = Coin() with { Particles = new(new[] { 1e-6, 2e-6, 4e-6 }, new[] { 0.3, 0.4, 0.3 }) };
        double current = -cell.OneCCurrent / cell.Area;
        double[] Run(bool condense)
        {
            var system = new DfnSystem(cell, new DfnGrid(6, 6, 8), 298.15) { CondenseParticles = condense };
            var y = system.RestState();
            var rest = (double[])y.Clone();
            Assert.True(system.Step(y, rest, double.PositiveInfinity, 0));
            for (int n = 0; n < 30; n++)
            {
                var next = (double[])y.Clone();
                Assert.True(system.Step(next, y, 20.0, current), $"Newton failed at step {n}");
                y = next;
            }
            Assert.Equal(condense ? 0 : system.Factorisations, system.FullFactorisations);
            return y;
        }
        double[] condensed = Run(true), full = Run(false);
        double worst = 0;
        for (int q = 0; q < full.Length; q++) worst = Math.Max(worst, Math.Abs(condensed[q] - full[q]) / Math.Max(1, Math.Abs(full[q])));
        output.WriteLine($"largest difference (relative above 1, absolute below): {worst:E2}");
        Assert.True(worst < 1e-7, $"condensed and full solves differ by {worst:E2}");
    }

    [Fact]
    public void Voltage_converges_at_first_order_in_the_time_step()
    {
        var cell = Coin();
        double current = -cell.OneCCurrent / cell.Area;
        double V(double h) { var (s, y, _) = Discharge(cell, new DfnGrid(6, 6, 6), current, h, (int)Math.Round(40 / h)); return s.Voltage(y, current); }
        double v1 = V(2), v2 = V(1), v3 = V(0.5);
        double order = Math.Log2(Math.Abs(v1 - v2) / Math.Abs(v2 - v3));
        output.WriteLine($"V = {v1:F6}, {v2:F6}, {v3:F6}; observed order {order:F2}");
        Assert.InRange(order, 0.8, 1.2);
    }

    [Fact]
    public void Voltage_converges_at_second_order_in_the_time_step_with_BDF2()
    {
        // The runs continue from one common state 40 s into the discharge: right after the current is switched on, c_e and
        // the particle surfaces move like sqrt(t), whose unbounded derivatives would hide the method's order.
        var cell = Coin();
        double current = -cell.OneCCurrent / cell.Area;
        var (system, start, _) = DischargeBdf2(cell, new DfnGrid(6, 6, 6), current, Enumerable.Repeat(0.25, 160).ToArray());
        double V(double h)
        {
            var y = Bdf2Steps(system, start, current, Enumerable.Repeat(h, (int)Math.Round(BdfOrderDuration / h)).ToArray());
            return system.Voltage(y, current);
        }
        double v1 = V(BdfOrderStep), v2 = V(BdfOrderStep / 2), v3 = V(BdfOrderStep / 4);
        double order = Math.Log2(Math.Abs(v1 - v2) / Math.Abs(v2 - v3));
        output.WriteLine($"V = {v1:F9}, {v2:F9}, {v3:F9}; observed order {order:F2}");
        Assert.InRange(order, 1.7, 2.3);
    }

    private const double BdfOrderDuration = 80, BdfOrderStep = 10;

    [Fact]
    public void Adaptive_BDF2_discharge_agrees_with_a_tight_tolerance_reference()
    {
        var cell = Coin();
        var grid = new DfnGrid(6, 6, 6);
        ProtocolStep[] protocol = [new CurrentStep("Discharge at 1C until 2.72 V", CurrentDirection.Discharge, new CRateSetpoint(1), 2.72, null)];
        var loose = new NumericsOptions();
        var tight = loose with
        {
            RelativeTolerance = loose.RelativeTolerance / 100,
            AbsoluteTolerance = loose.AbsoluteTolerance / 100,
            VoltageEventTolerance = loose.VoltageEventTolerance / 100,
        };
        var run = new DfnSimulator().Run("default", cell, grid, 298.15, protocol, loose);
        var reference = new DfnSimulator().Run("reference", cell, grid, 298.15, protocol, tight);
        Assert.True(run.Diagnostics.Completed && reference.Diagnostics.Completed);
        double capacityError = Math.Abs(run.Steps[0].ChargePassed / reference.Steps[0].ChargePassed - 1);
        double worst = 0;
        var times = reference.Series.Select(p => p.Time).ToArray();
        foreach (var p in run.Series)
        {
            if (p.Time > 0.95 * times[^1]) break; // the knee before the cut-off turns a time shift into volts
            int k = Array.BinarySearch(times, p.Time);
            if (k < 0) k = ~k;
            k = Math.Clamp(k, 1, times.Length - 1);
            var a = reference.Series[k - 1];
            var b = reference.Series[k];
            double v = a.Voltage + (b.Voltage - a.Voltage) * (p.Time - a.Time) / (b.Time - a.Time);
            worst = Math.Max(worst, Math.Abs(p.Voltage - v));
        }
        output.WriteLine($"steps {run.Diagnostics.AcceptedSteps} (+{run.Diagnostics.RejectedSteps} rejected) vs reference {reference.Diagnostics.AcceptedSteps}; capacity relative error {capacityError:E2}, largest voltage difference {worst * 1e3:F3} mV");
        Assert.True(capacityError < AdaptiveCapacityBound, $"capacity off by {capacityError:E2}");
        Assert.True(worst < AdaptiveVoltageBound, $"voltage off by {worst * 1e3:F3} mV");
    }

    // At the default tolerances (relative 1e-4) the run measured 1.4e-4 in capacity and 0.09 mV; the bounds leave a few times that.
    private const double AdaptiveCapacityBound = 5e-4, AdaptiveVoltageBound = 0.5e-3;

    [Fact]
    public void Voltage_converges_at_second_order_in_the_x_mesh()
    {
        var cell = Coin(new ConstantLiquidElectrolyte(0.2, 3e-10, 0.38, 1.0)) with { Particles = new(new[] { 2e-6 }, new[] { 1.0 }) };
        double current = -3 * cell.OneCCurrent / cell.Area;
        double V(int n) { var (s, y, _) = Discharge(cell, new DfnGrid(n, n, 8), current, 5.0, 20); return s.Voltage(y, current); }
        double v1 = V(4), v2 = V(8), v3 = V(16);
        double order = Math.Log2(Math.Abs(v1 - v2) / Math.Abs(v2 - v3));
        output.WriteLine($"V = {v1:F7}, {v2:F7}, {v3:F7}; observed order {order:F2}");
        Assert.InRange(order, 1.6, 2.4);
    }
}
