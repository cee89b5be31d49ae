using PureHDF;
using System.Text.Json;

using CathodeSim.Tests.Cli;

namespace CathodeSim.Tests.Liquid;

/// <summary>
/// The liquid-electrolyte (mode: dfn) configs go through `cathodesim run`, `sweep` and `eis` end to end; every other workflow,
/// which builds the solid-state cell model, refuses them at load time instead of simulating the liquid setup's placeholder design.
/// </summary>
public sealed class DfnModeBoundaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-dfn-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Coin => RepositoryPaths.File("configs", "liquid", "s-ncm-coin.yaml");

    [Fact]
    public void Run_OfTheLiquidCoinCell_WritesTheRunFiles_AndPassesTheChargeOfItsStep()
    {
        var outcome = CliHarness.Run("run", Coin, "--json", "--output", _dir, "--set", "numerics.size_bins=1",
            "--set", "protocol=[Charge at 1C for 6 min]");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        // The as-made cathode is fully lithiated, so the protocol charges: 6 min at 1C is a tenth of the nominal 200 mAh/g.
        Assert.InRange(root.GetProperty("charge_capacity_mAh_per_g").GetDouble(), 19.9, 20.1);
        foreach (string suffix in new[] { ".h5", "_timeseries.csv", "_steps.csv", "_voltage.png" })
            Assert.Single(Directory.GetFiles(_dir, "*" + suffix));
    }

    [Fact]
    public void Run_OfTheLiquidCoinCell_WritesTheElectrolyteConcentrationProfile_ToTheHdf5File()
    {
        var outcome = CliHarness.Run("run", Coin, "--output", _dir, "--set", "numerics.size_bins=1", "--set", "numerics.cathode_nodes=8",
            "--set", "protocol=[Charge at 1C for 6 min]");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        using var file = H5File.OpenRead(Assert.Single(Directory.GetFiles(_dir, "*.h5")));
        var snapshot = file.Group("profiles/snapshot_000");
        double[] ce = snapshot.Dataset("electrolyte_concentration_mol_per_m3").Read<double[]>();
        double[] x = snapshot.Dataset("electrolyte_position_m").Read<double[]>();
        Assert.Equal(16, ce.Length); // 8 separator + 8 cathode volumes
        Assert.Equal(ce.Length, x.Length);
        Assert.True(x.Zip(x.Skip(1)).All(p => p.Second > p.First));
        // On charge the cathode releases Li+ and the lithium metal takes it up: salt piles up at the collector and
        // thins at the lithium, around the initial 1 M.
        Assert.True(ce[0] < 1000 && ce[^1] > 1000, $"c_e from {ce[0]:F1} to {ce[^1]:F1} mol/m^3");
    }

    [Theory]
    [InlineData("optimize-ratio")]
    public void OtherWorkflows_RefuseADfnConfig_WithExit2NamingTheModeKey(string command)
    {
        var outcome = CliHarness.Run(command, Coin, "--output", Path.Combine(_dir, command));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("mode", outcome.Error);
        Assert.Contains("cathodesim run", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
    }

    [Fact]
    public void Eis_OfTheLiquidCoinCell_WritesTheSpectrumAndItsPlots_WithTheSolidModesJson()
    {
        var outcome = CliHarness.Run("eis", Coin, "--output", _dir, "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Contains("vs Li", root.GetProperty("state").GetString());
        Assert.InRange(root.GetProperty("voltage_V").GetDouble(), 3.3, 3.8);
        var spectrum = root.GetProperty("spectrum");
        Assert.Equal(81, spectrum.GetArrayLength()); // 1 MHz to 10 mHz, 10 per decade
        foreach (var point in spectrum.EnumerateArray())
            Assert.True(point.GetProperty("real_ohm").GetDouble() > 0 && point.GetProperty("imaginary_ohm").GetDouble() < 0, point.ToString());
        // The high-frequency intercept is the cell's ohmic resistance, a few ohm in a 12 mm coin cell.
        Assert.InRange(spectrum[0].GetProperty("real_ohm").GetDouble(), 1, 3);
        foreach (var name in new[] { "s-ncm-coin_eis.h5", "s-ncm-coin_eis.csv", "s-ncm-coin_nyquist.png", "s-ncm-coin_bode.png" })
            Assert.True(File.Exists(Path.Combine(_dir, name)), name);
    }

    [Theory]
    [InlineData("cell.impedance={cathode_double_layer: -1 uF/cm^2}", "cell.impedance.cathode_double_layer")]
    [InlineData("cell.impedance={anode_double_layer: 20 uF/cm^2}", "cell.impedance.anode_double_layer")]
    [InlineData("cell.impedance={counter_double_layer: 20 uF}", "cell.impedance.counter_double_layer")]
    public void Eis_OfTheLiquidCoinCell_WithABadDoubleLayer_ExitCode2_NamingTheKey(string set, string named)
    {
        var outcome = CliHarness.Run("eis", Coin, "--set", set, "--output", _dir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(named, outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Eis_OfTheLiquidCoinCell_WithADoubleLayerOverride_ChangesOnlyTheSpectrum()
    {
        var a = CliHarness.Run("eis", Coin, "--set", "numerics.size_bins=1", "--points-per-decade", "1", "--json", "--output", Path.Combine(_dir, "a"));
        var b = CliHarness.Run("eis", Coin, "--set", "numerics.size_bins=1", "--set", "cell.impedance={cathode_double_layer: 40 uF/cm^2}",
            "--points-per-decade", "1", "--json", "--output", Path.Combine(_dir, "b"));
        Assert.True(a.ExitCode == 0 && b.ExitCode == 0, a.Error + b.Error);
        var za = JsonDocument.Parse(a.Out).RootElement.GetProperty("spectrum");
        var zb = JsonDocument.Parse(b.Out).RootElement.GetProperty("spectrum");
        // The ohmic intercept stays; a doubled cathode double layer halves the charge-transfer arc's frequency, so at
        // 100 Hz (index 4) the spectra differ.
        Assert.Equal(za[0].GetProperty("real_ohm").GetDouble(), zb[0].GetProperty("real_ohm").GetDouble(), 2);
        Assert.NotEqual(za[4].GetProperty("imaginary_ohm").GetDouble(), zb[4].GetProperty("imaginary_ohm").GetDouble(), 3);
    }

    private string CoinSweep()
    {
        string sweep = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(sweep, $$"""
            name: s
            base: {{Coin.Replace('\\', '/')}}
            set: [numerics.size_bins=1, numerics.cathode_nodes=8, numerics.radial_shells=8]
            parameters:
              temperature: {values: [25 degC, 40 degC]}
            protocols:
              pulse: [Charge at 1C for 6 min, Discharge at 2C until 2.72 V]
            """);
        return sweep;
    }

    [Fact]
    public void Sweep_OverADfnBase_RunsEveryCaseThroughTheDfnSolver_AsRunDoes()
    {
        var outcome = CliHarness.Run("sweep", CoinSweep(), "--output", Path.Combine(_dir, "sweep"), "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        string[] table = File.ReadAllLines(Path.Combine(_dir, "sweep", "s_table.csv"));
        Assert.Equal(3, table.Length);   // header + two cases
        string[] header = table[0].Split(',');
        int discharge = Array.FindIndex(header, h => h == "pulse.discharge_capacity_mAh_per_g");
        int perKg = Array.FindIndex(header, h => h == "pulse.discharge_energy_Wh_per_kg_composite");
        Assert.True(discharge >= 0 && perKg >= 0, table[0]);
        string[] temperatures = ["25 degC", "40 degC"];
        for (int i = 0; i < 2; i++)
        {
            var run = CliHarness.Run("run", Coin, "--json", "--output", Path.Combine(_dir, $"run{i}"), "--set", "numerics.size_bins=1",
                "--set", "numerics.cathode_nodes=8", "--set", "numerics.radial_shells=8", "--set", $"temperature={temperatures[i]}",
                "--set", "protocol=[Charge at 1C for 6 min, Discharge at 2C until 2.72 V]");
            Assert.True(run.ExitCode == 0, run.Error);
            double expected = JsonDocument.Parse(run.Out).RootElement.GetProperty("discharge_capacity_mAh_per_g").GetDouble();
            string[] row = table[i + 1].Split(',');
            Assert.Equal(expected, double.Parse(row[discharge], System.Globalization.CultureInfo.InvariantCulture), 1e-9 * expected);
            // Per kg and per litre of NCM + solid-electrolyte composite: not defined for the liquid cell, so empty (NaN).
            Assert.True(row[perKg] is "" or "NaN", row[perKg]);
        }
        // The temperature reaches the DFN solver: the warmer cell (more conductive electrolyte, faster kinetics) charges at
        // a lower and discharges at a higher mean voltage.
        int charging = Array.IndexOf(header, "pulse.mean_charge_voltage_V"), discharging = Array.IndexOf(header, "pulse.mean_discharge_voltage_V");
        double Cell(int row, int column) => double.Parse(table[row].Split(',')[column], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Cell(2, charging) < Cell(1, charging), "mean charge voltage at 40 degC not below 25 degC");
        Assert.True(Cell(2, discharging) > Cell(1, discharging), "mean discharge voltage at 40 degC not above 25 degC");
    }

    [Fact]
    public void Sweep_OverADfnBase_OnADevice_IsRefused_WithExit2NamingTheDevice()
    {
        var outcome = CliHarness.Run("sweep", CoinSweep(), "--output", Path.Combine(_dir, "sweep"), "--device", "ilgpu-cpu");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--device", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
    }
}
