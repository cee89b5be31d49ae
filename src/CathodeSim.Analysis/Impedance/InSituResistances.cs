using CathodeSim.Model.Impedance;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Analysis.Impedance;

/// <summary>The three resistances the seed paper fits to each in-situ spectrum, ohm (NaN where the simulation or fit failed).</summary>
/// <param name="Electrolyte">R_SE: the high-frequency intercept (bulk solid electrolyte).</param>
/// <param name="CathodeInterface">R_cathode/SE: the slower arc.</param>
/// <param name="AnodeInterface">R_anode/SE: the faster arc (the Li-In interface relaxes faster).</param>
/// <param name="Problem">Why the values are missing or doubtful, or null.</param>
public sealed record InSituResistanceSet(double Electrolyte, double CathodeInterface, double AnodeInterface, string? Problem)
{
    /// <summary>The value of a quantity by its table name: R_SE, R_cathode_SE or R_anode_SE.</summary>
    /// <exception cref="ArgumentException">Another name.</exception>
    public double this[string quantity] => quantity switch
    {
        "R_SE" => Electrolyte,
        "R_cathode_SE" => CathodeInterface,
        "R_anode_SE" => AnodeInterface,
        _ => throw new ArgumentException($"unknown resistance '{quantity}'; expected R_SE, R_cathode_SE or R_anode_SE"),
    };

    /// <summary>The quantity names the indexer accepts.</summary>
    public static IReadOnlyList<string> Quantities { get; } = ["R_SE", "R_cathode_SE", "R_anode_SE"];
}

/// <summary>
/// The model's answer to an in-situ EIS measurement: simulate the cell to the state, compute its small-signal spectrum
/// from 1 MHz to 10 mHz (8 points per decade, the range of the seed's measurements) and fit it with the experiment's
/// circuit R_SE - (R||CPE) - (R||CPE) - W, as the seed paper did with its data.
/// </summary>
public static class InSituResistances
{
    /// <summary>The equivalent circuit of the seed paper's fits (Tables S2-S4).</summary>
    public const string FitCircuit = "R0-p(R1,CPE1)-p(R2,CPE2)-W1";

    /// <summary>Spectrum frequencies, Hz: 1 MHz down to 10 mHz, 10 points per decade.</summary>
    public static IReadOnlyList<double> Frequencies { get; } = Enumerable.Range(0, 81).Select(i => 1e6 * Math.Pow(10, -i / 10.0)).ToArray();

    /// <summary>Simulates <paramref name="setup"/> (its own protocol is replaced) to <paramref name="state"/> and fits the spectrum there.</summary>
    public static InSituResistanceSet Simulate(SimulationSetup setup, InSituState state, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(state);
        var (result, model, final) = new Simulator().RunToState(setup with { Protocol = state.Protocol(), ProfileTimes = [] }, null, cancellation);
        if (!result.Diagnostics.Completed) return new(double.NaN, double.NaN, double.NaN, result.Diagnostics.FailureMessage ?? "the simulation did not complete");
        var z = NumericalImpedance.Compute(model, final, model.Design.Impedance ?? new ImpedanceParameters(), Frequencies);
        try
        {
            var fit = CircuitFitter.Fit(Circuit.Parse(FitCircuit), Frequencies, z);
            double Corner(int k) => 1 / (2 * Math.PI * Math.Pow(fit[$"R{k}"] * fit[$"CPE{k}_0"], 1 / fit[$"CPE{k}_1"]));
            bool firstIsAnode = Corner(1) > Corner(2);
            return new(fit["R0"], fit[firstIsAnode ? "R2" : "R1"], fit[firstIsAnode ? "R1" : "R2"], fit.Converged ? null : "circuit fit did not converge");
        }
        catch (Exception e) when (e is ArithmeticException or InvalidOperationException or ArgumentException)
        {
            return new(double.NaN, double.NaN, double.NaN, $"circuit fit failed: {e.Message}");
        }
    }
}
