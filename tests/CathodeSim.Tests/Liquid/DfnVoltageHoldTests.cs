using System.Text.Json;
using CathodeSim.IO.Config;
using CathodeSim.Model;
using CathodeSim.Model.Dfn;
using CathodeSim.Model.Results;
using CathodeSim.Numerics.Integration;
using CathodeSim.Tests.Cli;
using Xunit;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Liquid;

/// <summary>
/// Constant-voltage holds in the liquid-electrolyte (DFN) mode: the bordered step that solves for the current as well, the
/// hold's end on its current limit, its charge and lithium balances, and the configuration that runs it.
/// </summary>
public sealed class DfnVoltageHoldTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-dfn-hold-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Coin => RepositoryPaths.File("configs", "liquid", "s-ncm-coin.yaml");

    private static readonly string[] Coarse = ["numerics.size_bins=1", "numerics.cathode_nodes=8", "numerics.radial_shells=8"];

    private static SimulationResult RunCoin(params string[] protocol)
    {
        var overrides = Coarse.Append($"protocol=[{string.Join(", ", protocol)}]").ToArray();
        var setup = ConfigLoader.LoadAnyMode(Coin, overrides).Setup;
        var result = new DfnSimulator().Run(setup);
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        return result;
    }

    [Fact]
    public void Hold_after_a_1C_charge_keeps_the_voltage_and_ends_when_the_current_falls_to_C_over_50()
    {
        var result = RunCoin("Charge at 1C until 4.2 V", "Hold at 4.2 V until C/50");
        var setup = ConfigLoader.LoadAnyMode(Coin, Coarse).Setup;
        double limit = setup.Liquid!.Cell.OneCCurrent / 50;
        var hold = result.Steps[1];
        Assert.Equal("hold", hold.Kind);
        Assert.Equal(StepEnd.Current, hold.End);
        var points = result.Series.Where(p => p.StepIndex == 1).ToList();
        var before = result.Series.Last(p => p.StepIndex == 0);
        double deviation = points.Max(p => Math.Abs(p.Voltage - 4.2));
        // Newton converges the bordered step to 1e-9 (V) in its updates: the voltage is the hold's to that.
        Assert.True(deviation < 1e-8, $"voltage left the hold by {deviation:E2} V");
        // The current starts at the charge's 1C and decays; the first steps may rise by a hair, as the charge ended
        // within the cut-off tolerance below 4.2 V: nearly monotone means no rise above 1e-4 of the starting current.
        double start = before.Current, rise = 0;
        for (int k = 1; k < points.Count; k++) rise = Math.Max(rise, points[k].Current - points[k - 1].Current);
        Assert.True(rise <= 1e-4 * start, $"current rose by {rise:E2} A");
        double end = points[^1].Current;
        Assert.True(Math.Abs(end - limit) <= 1e-3 * limit, $"hold ended at {end:E4} A, limit {limit:E4} A");
        // Charge passed: the BDF charge against the trapezoid of the recorded current, to the integrator's accuracy
        // (the series is as coarse as the error control allows: 1 %).
        var all = points.Prepend(before).ToList();
        double trapezoid = 0;
        for (int k = 1; k < all.Count; k++) trapezoid += 0.5 * (all[k].Current + all[k - 1].Current) * (all[k].Time - all[k - 1].Time);
        double passed = points[^1].Charge - before.Charge;
        Assert.Equal(hold.ChargePassed, passed, 12);
        output.WriteLine($"hold {hold.EndTime - hold.StartTime:F1} s, {points.Count} points, end current {end:E4} A (limit {limit:E4}), " +
            $"max |V - 4.2| {deviation:E2} V, charge {passed:E5} C, trapezoid {trapezoid:E5} C ({(trapezoid - passed) / passed:E2})");
        Assert.True(Math.Abs(trapezoid - passed) / passed < 0.01, $"charge {passed:E5} C against trapezoid {trapezoid:E5} C");
        Assert.InRange(hold.Energy / hold.ChargePassed, 4.2 - 1e-5, 4.2 + 1e-5);
    }

    [Fact]
    public void Held_steps_balance_salt_and_lithium_against_the_charge_to_round_off()
    {
        // BDF2 steps of varying length at a held voltage, the charge by the same BDF formula as the stored lithium
        // (Q_new = a0 Q_n + a1 Q_n-1 + hBeta I_new): as in the galvanostatic balance tests, salt and lithium close exactly.
        var setup = ConfigLoader.LoadAnyMode(Coin, Coarse).Setup;
        var cell = setup.Liquid!.Cell with { InitialStoichiometry = 0.5 };
        var system = new DfnSystem(cell, new DfnGrid(8, 8, 8), 298.15);
        var y = system.RestState();
        Assert.True(system.Step(y, (double[])y.Clone(), double.PositiveInfinity, 0));
        var start = (double[])y.Clone();
        double hold = system.Voltage(y, 0) + 0.1, current = 0, charge = 0, previousCharge = 0, previousStep = 0;
        var previous = y;
        var combination = new double[system.Size];
        double[] steps = [2, 5, 10, 5, 20, 40, 10, 80];
        double firstCurrent = double.NaN;
        for (int n = 0; n < steps.Length; n++)
        {
            double h = steps[n];
            var bdf = n == 0 ? BdfCoefficients.For(1, h, 0, 0) : BdfCoefficients.For(2, h, previousStep, 0);
            for (int q = 0; q < combination.Length; q++) combination[q] = bdf.A0 * y[q] + bdf.A1 * previous[q];
            var next = (double[])y.Clone();
            Assert.True(system.StepAtVoltage(next, combination, bdf.HBeta, hold, ref current), $"Newton failed at step {n}");
            Assert.True(Math.Abs(system.Voltage(next, current) - hold) < 1e-9);
            if (n == 0) firstCurrent = current;
            double nextCharge = bdf.A0 * charge + bdf.A1 * previousCharge + bdf.HBeta * current;
            (previousCharge, charge) = (charge, nextCharge);
            previous = y;
            y = next;
            previousStep = h;
        }
        double salt0 = system.Salt(start), salt = system.Salt(y);
        double released = system.SolidLithium(start) - system.SolidLithium(y), passed = charge / PhysicalConstants.Faraday;
        output.WriteLine($"current {firstCurrent:F3} -> {current:F3} A/m^2, salt relative change {Math.Abs(salt - salt0) / salt0:E2}, " +
            $"lithium balance relative error {Math.Abs(released - passed) / passed:E2}");
        Assert.True(firstCurrent > 0 && current > 0 && current < firstCurrent, "a hold above the open-circuit voltage charges, decaying");
        Assert.True(Math.Abs(salt - salt0) / salt0 < 1e-9, $"salt changed by {Math.Abs(salt - salt0) / salt0:E2}");
        Assert.True(Math.Abs(released - passed) / passed < 1e-8, $"lithium balance off by {Math.Abs(released - passed) / passed:E2}");
    }

    [Fact]
    public void Hold_at_the_open_circuit_voltage_of_a_relaxed_cell_carries_no_current()
    {
        var relaxed = RunCoin("Charge at 1C for 10 min", "Rest for 2 h");
        double ocv = relaxed.Series[^1].Voltage;
        var result = RunCoin("Charge at 1C for 10 min", "Rest for 2 h", $"Hold at {ocv:R} V for 30 min");
        var setup = ConfigLoader.LoadAnyMode(Coin, Coarse).Setup;
        double oneC = setup.Liquid!.Cell.OneCCurrent;
        var points = result.Series.Where(p => p.StepIndex == 2).ToList();
        double largest = points.Max(p => Math.Abs(p.Current));
        output.WriteLine($"hold at {ocv:F6} V: largest |I| {largest:E2} A = {largest / oneC:E2} C");
        Assert.Equal(StepEnd.Time, result.Steps[2].End);
        // The rest has relaxed the particles to within what 2 h of diffusion leave: the current is a tiny share of 1C.
        Assert.True(largest < 1e-3 * oneC, $"|I| up to {largest / oneC:E2} C at the open-circuit voltage");
    }

    [Fact]
    public void Run_with_a_hold_in_mode_dfn_writes_its_files_and_ends_the_hold_on_its_current_limit()
    {
        var outcome = CliHarness.Run("run", Coin, "--json", "--output", _dir, "--set", "numerics.size_bins=1", "--set", "numerics.cathode_nodes=8",
            "--set", "numerics.radial_shells=8", "--set", "protocol=[Charge at 1C until 4.2 V, Hold at 4.2 V until C/50]");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        _ = JsonDocument.Parse(outcome.Out);
        foreach (string suffix in new[] { ".h5", "_timeseries.csv", "_steps.csv", "_voltage.png" })
            Assert.Single(Directory.GetFiles(_dir, "*" + suffix));
        var steps = File.ReadAllLines(Assert.Single(Directory.GetFiles(_dir, "*_steps.csv")));
        Assert.Equal(3, steps.Length);
        Assert.Contains(",hold,", steps[2]);
        Assert.EndsWith(",Current", steps[2]);
    }

    [Fact]
    public void Hold_of_the_graphite_LiCoO2_full_cell_keeps_the_voltage_and_ends_on_its_current_limit()
    {
        // The porous graphite anode in place of the lithium metal: the held voltage is between the two current collectors.
        var loaded = ConfigLoader.LoadAnyMode(RepositoryPaths.File("configs", "liquid", "marquis2019-kokam.yaml"),
            ["numerics.cathode_nodes=10", "numerics.radial_shells=10",
             "protocol=[Discharge at 1C until 3.5 V, Charge at 1C until 4.1 V, Hold at 4.1 V until C/50]"]).Setup;
        var result = new DfnSimulator().Run(loaded);
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        var hold = result.Steps[2];
        Assert.Equal("hold", hold.Kind);
        Assert.Equal(StepEnd.Current, hold.End);
        var points = result.Series.Where(p => p.StepIndex == 2).ToList();
        double deviation = points.Max(p => Math.Abs(p.Voltage - 4.1));
        double limit = loaded.Liquid!.Cell.OneCCurrent / 50, end = points[^1].Current;
        output.WriteLine($"full-cell hold {hold.EndTime - hold.StartTime:F1} s, {points.Count} points, max |V - 4.1| {deviation:E2} V, " +
            $"end current {end:E4} A (limit {limit:E4} A), charge {hold.ChargePassed:F2} C");
        Assert.True(deviation < 1e-8, $"voltage left the hold by {deviation:E2} V");
        Assert.True(Math.Abs(end - limit) <= 1e-3 * limit, $"hold ended at {end:E4} A, limit {limit:E4} A");
        Assert.True(hold.ChargePassed > 0, "a hold after a charge to the same voltage goes on charging");
    }
}
