using System.Globalization;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Analysis.Optimization;

/// <summary>One condition of the prediction map: a C-rate and a thermostat temperature.</summary>
/// <param name="Rate">C-rate of every galvanostatic step; null runs the protocol as written.</param>
/// <param name="Temperature">Thermostat temperature, K; null keeps the config's. Steps with a temperature of their own keep it.</param>
public sealed record OperatingCondition(double? Rate, double? Temperature)
{
    /// <summary><paramref name="setup"/> run under this condition.</summary>
    public SimulationSetup Apply(SimulationSetup setup) => setup with
    {
        Protocol = Rate is { } rate ? ProtocolAtRate.Apply(setup.Protocol, rate) : setup.Protocol,
        Temperature = Temperature ?? setup.Temperature,
    };

    /// <summary>"0.1C" (or "as written") for tables and legends.</summary>
    public string RateLabel => Rate is { } rate ? rate.ToString("G4", CultureInfo.InvariantCulture) + "C" : "as written";
}
