using CathodeSim.Model.Simulation;

namespace CathodeSim.IO.Sweeps;

/// <summary>How parameter values combine into cases.</summary>
public enum SweepMode
{
    /// <summary>Cartesian product of every parameter's values.</summary>
    Grid,
    /// <summary>The i-th value of every parameter together (lists of equal length).</summary>
    Zip,
    /// <summary>Independent uniform samples inside each parameter's range (log-uniform for log ranges).</summary>
    Random,
    /// <summary>Latin-hypercube samples inside each parameter's range.</summary>
    LatinHypercube,
}

/// <summary>One parameter's value in one case.</summary>
/// <param name="Path">Config path, e.g. "cell.cathode.active_mass_fraction".</param>
/// <param name="Value">The value in SI units (plain number for dimensionless keys).</param>
/// <param name="Text">The value as passed to the config layer, with its unit (e.g. "-15 degC", "0.65").</param>
/// <param name="Linked">True for a linked parameter computed from another.</param>
public sealed record ParameterValue(string Path, double Value, string Text, bool Linked = false);

/// <summary>A named protocol that every case runs.</summary>
/// <param name="Name">Name used in result columns, e.g. "0.1C".</param>
/// <param name="Steps">Step sentences, e.g. "Discharge at 0.1C until 2.1 V".</param>
public sealed record SweepProtocol(string Name, IReadOnlyList<string> Steps);

/// <summary>One case of a sweep: parameter values and one validated setup per protocol.</summary>
/// <param name="Index">0-based case index, stable for a given sweep file (used for sharding, resume and merging).</param>
/// <param name="Values">Swept and linked parameter values.</param>
/// <param name="Overrides">The --set style overrides that produced the case from the base config.</param>
/// <param name="Setups">Validated setup per protocol, in the order of <see cref="SweepPlan.Protocols"/>.</param>
public sealed record SweepCase(int Index, IReadOnlyList<ParameterValue> Values, IReadOnlyList<string> Overrides, IReadOnlyList<SimulationSetup> Setups);

/// <summary>A fully expanded and validated sweep.</summary>
/// <param name="Name">Sweep name (output file names).</param>
/// <param name="SourcePath">The sweep file.</param>
/// <param name="BaseConfigPath">Base config, absolute.</param>
/// <param name="Mode">How values combine.</param>
/// <param name="ParameterPaths">Swept parameter paths in order (not linked ones).</param>
/// <param name="LinkedPaths">Linked parameter paths.</param>
/// <param name="Protocols">Protocols run for every case.</param>
/// <param name="Cases">Every case.</param>
/// <param name="Fingerprint">Hash of the resolved definition (base config text, overrides, cases): shards and resumed runs must match it.</param>
/// <param name="ResolvedDefinitionYaml">The sweep definition as resolved, for provenance.</param>
public sealed record SweepPlan(
    string Name,
    string SourcePath,
    string BaseConfigPath,
    SweepMode Mode,
    IReadOnlyList<string> ParameterPaths,
    IReadOnlyList<string> LinkedPaths,
    IReadOnlyList<SweepProtocol> Protocols,
    IReadOnlyList<SweepCase> Cases,
    string Fingerprint,
    string ResolvedDefinitionYaml)
{
    /// <summary>
    /// Wall time one case (all its protocols) may take before it is cancelled and recorded as failed
    /// (<c>case_time_limit</c> in the sweep file; default <see cref="Config.ConfigLimits.DefaultCaseTimeLimit"/>).
    /// Not part of the fingerprint: a resumed sweep may give slow cases more time.
    /// </summary>
    public TimeSpan CaseTimeLimit { get; init; } = Config.ConfigLimits.DefaultCaseTimeLimit;

    /// <summary>
    /// The sweep file's <c>cluster:</c> section (scheduler settings of <c>--emit-slurm</c>), or null. Not part of the
    /// fingerprint: where and how long the cases run does not change their results.
    /// </summary>
    public SlurmSettings? Cluster { get; init; }
}
