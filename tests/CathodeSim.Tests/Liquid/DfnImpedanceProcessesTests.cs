using System.Text.Json;
using CathodeSim.Analysis.Impedance;
using CathodeSim.IO.Config;
using CathodeSim.Model.Dfn;
using CathodeSim.Tests.Cli;
using Xunit;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Liquid;

/// <summary>
/// The characteristic times of the DFN cell's small-signal processes (<see cref="DfnImpedanceProcesses"/>), against hand
/// values from the config, and the DRT of a simulated liquid-cell spectrum read with them.
/// </summary>
public sealed class DfnImpedanceProcessesTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-dfn-drt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Coin => RepositoryPaths.File("configs", "liquid", "s-ncm-coin.yaml");

    [Fact]
    public void Analytical_TimeConstantsAtRest_FollowFromTheConfigsExchangeCurrentsDoubleLayersAndDiffusivities()
    {
        // At rest at x = 0.5 and 1 M (25 degC, the reference temperature of every Arrhenius law, so no factor): the lithium
        // metal's R_ct = RT / (F i0_Li), i0_Li = 2.6 mA/cm^2; the cathode's R_ct = RT / (F i0), i0 = 3.4 A/m^2 x 2 sqrt(0.25);
        // C_dl 0.2 F/m^2 each (the defaults); solid diffusion R^2 / D(0.5); the separator L^2 / (D_e eps^(b - 1)).
        var setup = ConfigLoader.LoadAnyMode(Coin, ["numerics.size_bins=1", "numerics.cathode_nodes=6", "numerics.radial_shells=6"]).Setup;
        var cell = setup.Liquid!.Cell with { InitialStoichiometry = 0.5 };
        var system = new DfnSystem(cell, setup.Liquid.Grid, setup.Temperature);
        var y = system.RestState();
        Assert.True(system.Step(y, (double[])y.Clone(), double.PositiveInfinity, 0));
        var processes = DfnImpedanceProcesses.Characteristic(system, y, new DfnDoubleLayers());
        foreach (var p in processes) output.WriteLine($"{p.Name}: tau {p.TimeConstant:G6} s ({p.Definition})");
        double rtf = 8.314462618 * 298.15 / 96485.33212;
        double Tau(string name) => processes.Single(p => p.Name == name).TimeConstant;
        Assert.Equal(rtf / 26.0 * 0.2, Tau("lithium metal"), 1e-9 * Tau("lithium metal"));
        Assert.Equal(rtf / 3.4 * 0.2, Tau("cathode charge transfer"), 1e-9 * Tau("cathode charge transfer"));
        double radius = cell.Particles.Radii[0];
        double d = cell.Active.Diffusivity.At(0.5) * cell.Active.DiffusivityTemperature.At(setup.Temperature);
        Assert.Equal(radius * radius / d, Tau("cathode solid diffusion"), 1e-6 * Tau("cathode solid diffusion"));
        double de = cell.Electrolyte.Diffusivity(1000, setup.Temperature) * Math.Pow(cell.SeparatorPorosity, cell.SeparatorBruggeman - 1);
        Assert.Equal(cell.SeparatorThickness * cell.SeparatorThickness / de, Tau("salt diffusion (separator)"), 1e-9 * Tau("salt diffusion (separator)"));
    }

    [Fact]
    public void Eis_Drt_OfTheLiquidCoinCell_AssignsItsPeaksToTheLithiumMetalAndTheCathodeChargeTransfer()
    {
        var outcome = CliHarness.Run("eis", Coin, "--at", "charge to 3.9 V", "--drt", "--output", _dir, "--json",
            "--set", "numerics.cathode_nodes=10", "--set", "numerics.radial_shells=10");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var peaks = JsonDocument.Parse(outcome.Out).RootElement.GetProperty("drt").GetProperty("peaks").EnumerateArray().ToArray();
        foreach (var p in peaks)
            output.WriteLine(FormattableString.Invariant($"tau {p.GetProperty("tau_s").GetDouble():G4} s, R {p.GetProperty("resistance_ohm").GetDouble():G4} ohm -> {p.GetProperty("process")}"));
        var assigned = peaks.Where(p => p.GetProperty("process").ValueKind == JsonValueKind.String).ToArray();
        // The lithium metal (R_ct C_dl about 0.2 ms) and the NCM's charge transfer (about 1.5 ms at 3.9 V) are distinct peaks.
        Assert.Contains(assigned, p => p.GetProperty("process").GetString() == "lithium metal");
        Assert.Contains(assigned, p => p.GetProperty("process").GetString()!.StartsWith("cathode charge transfer", StringComparison.Ordinal));
        foreach (var p in assigned)
        {
            double ratio = p.GetProperty("tau_s").GetDouble() / p.GetProperty("process_tau_s").GetDouble();
            Assert.InRange(ratio, 1 / DrtAssignment.DefaultFactor, DrtAssignment.DefaultFactor);
        }
    }
}
