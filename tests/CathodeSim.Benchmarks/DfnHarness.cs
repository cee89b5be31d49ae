using System.Diagnostics;
using System.Globalization;
using CathodeSim.IO.Config;
using CathodeSim.Model.Dfn;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Results;

namespace CathodeSim.Benchmarks;

/// <summary>
/// One timed pass of the liquid-electrolyte (DFN) coin cell (configs/liquid/s-ncm-coin.yaml) outside BenchmarkDotNet:
/// a 1C discharge from the charged state (uniform stoichiometry at the 4.32 V OCV) and, with "cycle", the config's
/// 0.1C charge and discharge. Prints wall time, steps, Newton iterations and where the time goes, and with --csv DIR
/// writes t, V of each run, so that two builds can be compared point by point. --set KEY=VALUE passes a configuration
/// override (e.g. numerics.relative_tolerance=1e-6 for a tight-tolerance reference).
/// </summary>
public static class DfnHarness
{
    /// <summary>Entry point: dfn [cycle] [--csv DIR] [--bins K] [--set KEY=VALUE]...</summary>
    public static void Run(string[] args)
    {
        string? csv = null;
        int bins = 3;
        var overrides = new List<string>();
        for (int a = 0; a < args.Length; a++)
        {
            if (args[a] == "--csv") csv = args[++a];
            if (args[a] == "--bins") bins = int.Parse(args[++a], CultureInfo.InvariantCulture);
            if (args[a] == "--set") overrides.Add(args[++a]);
        }
        overrides.Insert(0, $"numerics.size_bins={bins}");
        var loaded = ConfigLoader.LoadAnyMode(RepositoryPaths.Config(Path.Combine("liquid", "s-ncm-coin.yaml")), [.. overrides]).Setup;
        var liquid = loaded.Liquid!;
        var cell = liquid.Cell with { InitialStoichiometry = ChargedStoichiometry(liquid.Cell, 4.32) };
        var discharge = new CurrentStep("Discharge at 1C until 2.72 V", CurrentDirection.Discharge, new CRateSetpoint(1), 2.72, null);
        Time("1C discharge", cell, liquid.Grid, loaded, [discharge], csv);
        Profile(cell, liquid.Grid, loaded.Temperature);
        if (args.Contains("cycle")) Time("0.1C cycle", liquid.Cell, liquid.Grid, loaded, loaded.Protocol, csv);
    }

    /// <summary>Uniform stoichiometry at which the open-circuit potential is <paramref name="voltage"/> (bisection; U falls with x).</summary>
    public static double ChargedStoichiometry(LiquidCell cell, double voltage)
    {
        double lo = 1e-3, hi = 0.999;
        for (int i = 0; i < 60; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (cell.Active.OpenCircuitPotential.Potential(mid) > voltage) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>Where the time of a Newton step goes: 60 fixed implicit Euler steps of 10 s at 1C discharge.</summary>
    private static void Profile(LiquidCell cell, DfnGrid grid, double temperature)
    {
        var system = new DfnSystem(cell, grid, temperature);
        var y = system.RestState();
        var rest = (double[])y.Clone();
        system.Step(y, rest, double.PositiveInfinity, 0);
        double current = -cell.OneCCurrent / cell.Area;
        var clock = Stopwatch.StartNew();
        for (int n = 0; n < 60; n++)
        {
            var next = (double[])y.Clone();
            if (!system.Step(next, y, 10.0, current)) throw new InvalidOperationException($"Newton failed at step {n}");
            y = next;
        }
        Console.WriteLine(FormattableString.Invariant(
            $"profile (60 x 10 s, N = {system.Size}, band {system.Bandwidth}, {system.JacobianGroups} column groups, {system.FullFactorisations} full LU): {clock.Elapsed.TotalSeconds:F3} s; Jacobian assembly {system.AssemblySeconds:F3} s, LU {system.FactorSeconds:F3} s, Newton residual+solve {system.NewtonSeconds:F3} s; {system.Factorisations} factorisations, {system.NewtonIterations} iterations; V = {system.Voltage(y, current):F9}"));
    }

    private static void Time(string label, LiquidCell cell, DfnGrid grid, Model.Simulation.SimulationSetup setup, IReadOnlyList<ProtocolStep> protocol, string? csv)
    {
        var simulator = new DfnSimulator();
        var clock = Stopwatch.StartNew();
        var result = simulator.Run(label, cell, grid, setup.Temperature, protocol, setup.Numerics);
        clock.Stop();
        var d = result.Diagnostics;
        if (result.Steps.Count == 0) { Console.WriteLine($"{label}: failed: {d.FailureMessage}"); return; }
        Console.WriteLine(FormattableString.Invariant(
            $"{label}: {clock.Elapsed.TotalSeconds:F2} s, accepted {d.AcceptedSteps}, rejected {d.RejectedSteps}, Newton {d.NewtonIterations}, completed {d.Completed}"));
        foreach (var s in result.Steps)
            Console.WriteLine(FormattableString.Invariant($"  {s.Description}: {s.ChargePassed / 3.6:F6} mAh, end {s.EndVoltage:F6} V at {s.EndTime:F2} s, {s.End}"));
        if (csv is not null)
        {
            Directory.CreateDirectory(csv);
            using var w = new StreamWriter(Path.Combine(csv, label.Replace(' ', '_') + ".csv"));
            foreach (var p in result.Series) w.WriteLine(FormattableString.Invariant($"{p.Time:R},{p.Voltage:R}"));
        }
    }
}
