using CathodeSim.IO.Config;
using CathodeSim.Model.Dfn;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Liquid;

/// <summary>
/// The degradation hook of the liquid-electrolyte (DFN) mode: a cathode-electrolyte interphase (CEI) film in series with
/// the charge transfer of every cathode particle, given at the start and grown by the solid-state mode's parabolic law.
/// </summary>
public sealed class DfnInterphaseTests(ITestOutputHelper output)
{
    private static string Coin => RepositoryPaths.File("configs", "liquid", "s-ncm-coin.yaml");

    private static readonly string[] Coarse = ["numerics.size_bins=2", "numerics.cathode_nodes=8", "numerics.radial_shells=8"];

    // Onset below the as-made NCM's open-circuit voltage (about 3.6 V vs Li at x = 0.991), so that a rest grows the film.
    private const string GrowthLaw = "cell.degradation={interphase: {onset_potential: 3.0 V, reference_potential: 4.0 V, reference_resistance: 20 ohm cm^2, "
        + "reference_time: 1 h, potential_scale: 0.2 V, activation_energy: 50 kJ/mol}}";

    private static (SimulationSetup Setup, SimulationResult Result, DfnSystem System) Run(string[] protocol, params string[] more)
    {
        var overrides = Coarse.Concat(more).Append($"protocol=[{string.Join(", ", protocol)}]").ToArray();
        var setup = ConfigLoader.LoadAnyMode(Coin, overrides).Setup;
        var result = new DfnSimulator().Run(setup);
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        var liquid = setup.Liquid!;
        return (setup, result, new DfnSystem(liquid.Cell, liquid.Grid, setup.Temperature));
    }

    [Fact]
    public void Analytical_film_after_a_rest_follows_the_exact_parabolic_law_at_the_open_circuit_potential()
    {
        // At rest every particle sits at its open-circuit potential U(x0), constant in time, so R^2 = R0^2 + k(U) t exactly
        // (the step-by-step integration R^2 += k h sums the step lengths to the rest's duration).
        const double r0 = 5e-4; // 5 ohm cm^2
        var setup = ConfigLoader.LoadAnyMode(Coin, [.. Coarse, GrowthLaw, "cell.cathode.film_resistance=5 ohm cm^2", "protocol=[Rest for 10 h]"]).Setup;
        var cell = setup.Liquid!.Cell;
        Assert.Equal(r0, cell.CathodeFilmResistance, 12);
        var law = cell.Interphase!;
        var result = new DfnSimulator().Run(setup);
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        // At rest against lithium metal the cell voltage is the particles' open-circuit potential, the same at every point.
        double u = result.Series[0].Voltage;
        Assert.Equal(u, result.Series[^1].Voltage, 1e-9);
        double expected = Math.Sqrt(r0 * r0 + law.Rate(u, setup.Temperature) * 36000);
        double area = SurfaceArea(new DfnSystem(cell, setup.Liquid.Grid, setup.Temperature), cell.Area);
        double cellResistance = result.Steps[0].FilmResistance;
        output.WriteLine($"U = {u:F4} V, k = {law.Rate(u, setup.Temperature):E4} ohm^2 m^4/s, film {cellResistance * area * 1e4:F6} ohm cm^2 (expected {expected * 1e4:F6})");
        Assert.True(expected > 2 * r0, "the law should have grown the film well beyond its start");
        Assert.Equal(expected / area, cellResistance, expected / area * 1e-10);
    }

    [Fact]
    public void Limit_of_small_current_the_film_adds_the_mean_reaction_current_times_its_resistance_to_the_overpotential()
    {
        // C/20 discharge for 20 min from x = 0.5, one particle size, growth off: the reaction spreads almost evenly over the
        // electrode, so a film R_f on every particle lowers the voltage by j_mean R_f, with j_mean = I / (particle surface).
        // The remainder is the redistribution of the reaction along x that the film itself causes (second order). With
        // several sizes the film also shifts current between them (each size's surface has its own stoichiometry), so
        // the limit is taken with one.
        const double rf = 5e-2; // 500 ohm cm^2
        string[] protocol = ["Discharge at C/20 for 20 min"];
        var (setup, bare, system) = Run(protocol, "numerics.size_bins=1", "cell.cathode.initial_stoichiometry=0.5");
        var (_, film, _) = Run(protocol, "numerics.size_bins=1", "cell.cathode.initial_stoichiometry=0.5", "cell.cathode.film_resistance=500 ohm cm^2");
        var cell = setup.Liquid!.Cell;
        double jMean = cell.OneCCurrent / 20 / SurfaceArea(system, cell.Area); // per particle surface, A/m^2
        double drop = bare.Series[^1].Voltage - film.Series[^1].Voltage;
        output.WriteLine($"j_mean {jMean:E4} A/m^2, expected drop {jMean * rf * 1e3:F5} mV, simulated {drop * 1e3:F5} mV");
        Assert.Equal(jMean * rf, drop, jMean * rf * 1e-3);
    }

    [Fact]
    public void Film_grows_only_above_its_onset_and_never_shrinks_over_two_cycles_to_4_3_V()
    {
        // Onset 4.1 V: a charge to 4.3 V spends its last part above the onset, a 1C discharge from there its first minutes;
        // a rest at the discharged state (below the onset) leaves the film exactly as it was. Films never shrink.
        const string law = "cell.degradation={interphase: {onset_potential: 4.1 V, reference_potential: 4.6 V, reference_resistance: 40 ohm cm^2, "
            + "reference_time: 1 h, potential_scale: 0.1 V, activation_energy: 50 kJ/mol}}";
        var (setup, result, system) = Run(["Charge at 1C until 4.3 V", "Discharge at 1C until 3.0 V", "Charge at 1C until 4.3 V", "Discharge at 1C until 3.0 V", "Rest for 1 h"], law,
            "cell.cathode.film_resistance=1 ohm cm^2");
        double initial = 1e-4 / SurfaceArea(system, setup.Liquid!.Cell.Area);
        var films = result.Steps.Select(s => s.FilmResistance).ToArray();
        output.WriteLine($"start {initial:E4} ohm; after each step: " + string.Join(", ", films.Select(f => $"{f:E4} ohm")));
        double firstCharge = films[0] - initial, firstDischarge = films[1] - films[0], secondCharge = films[2] - films[1], secondDischarge = films[3] - films[2];
        Assert.True(firstCharge > 1e-3 * initial, $"the first charge to 4.3 V grows the film ({firstCharge:E3} ohm)");
        Assert.True(secondCharge > 1e-3 * initial, $"the second charge grows it further ({secondCharge:E3} ohm)");
        Assert.InRange(firstDischarge, 0, firstCharge);
        Assert.InRange(secondDischarge, 0, secondCharge);
        Assert.Equal(films[3], films[4]); // the rest below the onset: not a bit of growth
    }

    private static double SurfaceArea(DfnSystem system, double cellArea)
    {
        double area = 0;
        for (int i = system.FirstCathodeNode; i < system.Nodes; i++)
            for (int k = 0; k < system.Bins; k++) area += system.AreaPerVolume(k) * system.Thickness(i) * cellArea;
        return area;
    }

    [Theory]
    [InlineData("cell.degradation={contact: {max_strain: 0.05}}", "cell.degradation.contact")]
    [InlineData("cell.degradation={interphase: {onset_potential: 4.1 V}}", "cell.degradation.interphase")]
    [InlineData("cell.cathode.film_resistance=-1 ohm cm^2", "cell.cathode.film_resistance")]
    public void Bad_degradation_input_is_refused_naming_the_key(string setting, string key)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadAnyMode(Coin, [setting]));
        output.WriteLine(error.Message);
        Assert.Contains(key, error.Message);
    }
}
