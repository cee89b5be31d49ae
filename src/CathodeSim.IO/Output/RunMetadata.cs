namespace CathodeSim.IO.Output;

/// <summary>Provenance stored with every result file, so a result can be traced back to its inputs.</summary>
/// <param name="ProgramVersion">Version of the simulator that produced the result.</param>
/// <param name="ResolvedConfigYaml">The configuration after defaults and includes were resolved, as YAML.</param>
/// <param name="ConfigPath">Path of the configuration file as given by the user.</param>
/// <param name="CreatedUtc">When the run was made.</param>
/// <param name="Temperature">Cell temperature, K.</param>
public sealed record RunMetadata(
    string ProgramVersion,
    string ResolvedConfigYaml,
    string ConfigPath,
    DateTimeOffset CreatedUtc,
    double Temperature)
{
    /// <summary>The counter (reference) electrode the cell voltage is measured against, e.g. "Li-In" or "Li": axis labels.</summary>
    public string CounterElectrode { get; init; } = "Li-In";

    /// <summary>The cathode's active material, whose mass the specific capacities are per (e.g. "NCM90"): axis labels.</summary>
    public string ActiveMaterial { get; init; } = "NCM";
}
