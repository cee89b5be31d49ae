using System.Text;
using CathodeSim.IO.Config;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// Loads a sweep file (YAML) into a fully expanded and validated <see cref="SweepPlan"/>.
/// </summary>
/// <remarks>
/// <code>
/// name: ncm-fraction                 # optional, default: the file name
/// base: ../b-ncm-65.yaml             # required, relative to the sweep file
/// set: [numerics.size_bins=3]        # optional overrides for every case (as --set)
/// mode: grid                         # grid (default) | zip | random | lhs
/// samples: 100                       # random/lhs only (required there)
/// seed: 1                            # random/lhs only, default 1
/// parameters:                        # config path -> values, at least one
///   cell.cathode.active_mass_fraction: {from: 0.60, to: 0.80, count: 9}
///   temperature: {values: [25 degC, 0 degC, -20 degC]}       # a plain list is shorthand for {values: [...]}
///   cell.cathode.particle_size.d50: {from: 1 um, to: 10 um, count: 5, scale: log}
///   cell.cathode.void_fraction: {from: 0.05, to: 0.25, step: 0.05}
/// linked:                            # optional: scale * x + offset (or scale / x + offset with inverse: true), in unit
///   cell.cathode.mass: {follows: cell.cathode.active_mass_fraction, scale: 3.575, inverse: true, unit: mg}
/// protocols:                         # optional, default: the base config's protocol, named "protocol"
///   0.1C: [Charge at 0.1C until 3.7 V, Discharge at 0.1C until 2.1 V]
/// max_cases: 100000                  # optional: most cases (default 100,000, at most 1,000,000)
/// case_time_limit: 10 min            # optional: wall time per case before it is cancelled and recorded as failed
/// cluster:                           # optional: Slurm settings of --emit-slurm (SlurmSettings; the command line wins)
///   time: 2:00:00                    # per array task; also mem, partition, account, qos, throttle, max_array_size,
///   sbatch: [--constraint=avx2]      #   cathodesim (the executable the tasks run)
/// </code>
/// Ranges are generated in the unit of <c>from</c> and handed to the config loader as --set texts, so that units and
/// checks stay in one place. Every case is derived from the base configuration (read once) and validated before
/// <see cref="Load"/> returns; errors name the sweep file, the line, the key and the case.
/// </remarks>
public static class SweepLoader
{
    /// <summary>Loads, expands and validates a sweep.</summary>
    /// <param name="path">The sweep file.</param>
    /// <param name="overrides">Extra "path=value" overrides (from --set) applied to every case after the file's <c>set:</c>.</param>
    /// <exception cref="ConfigException">Anything wrong with the sweep file, the base configuration or any case.</exception>
    public static SweepPlan Load(string path, IReadOnlyList<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(overrides);
        var definition = SweepDefinition.Read(path);
        var baseConfig = ConfigLoader.Prepare(definition.BasePath);
        var builder = new SweepCaseBuilder(definition, baseConfig, overrides);

        var combos = SweepSampler.Cases(definition);
        var protocolNames = definition.Protocols?.Select(p => p.Name).ToList() ?? ["protocol"];
        var cases = new SweepCase[combos.Count];
        for (int i = 0; i < combos.Count; i++) cases[i] = builder.Build(i, combos[i], protocolNames);

        IReadOnlyList<SweepProtocol> protocols = definition.Protocols?.Select(p => new SweepProtocol(p.Name, p.Steps)).ToList()
            ?? [new SweepProtocol("protocol", builder.DefaultProtocolSteps)];
        return new SweepPlan(
            definition.Name,
            definition.FullPath,
            definition.BasePath,
            definition.Mode,
            definition.Parameters.Select(p => p.Path).ToList(),
            definition.Linked.Select(l => l.Path).ToList(),
            protocols,
            cases,
            SweepFingerprint.Compute(baseConfig, definition, protocols, cases),
            ResolvedDefinition(definition, overrides)) { CaseTimeLimit = definition.CaseTimeLimit, Cluster = definition.Cluster };
    }

    /// <summary>A protocol name as used in file and run names: characters other than letters, digits, '.', '-' and '_' become '_'.</summary>
    public static string SanitizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length);
        foreach (char c in name.Trim()) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        return sb.Length == 0 ? "_" : sb.ToString();
    }

    private static string ResolvedDefinition(SweepDefinition d, IReadOnlyList<string> overrides)
    {
        var sb = new StringBuilder();
        sb.Append("# CathodeSim sweep definition (as written)\n");
        sb.Append("# file: ").Append(d.Display).Append('\n');
        sb.Append("# base: ").Append(ConfigLoader.Display(d.BasePath)).Append('\n');
        if (overrides.Count > 0)
        {
            sb.Append("# extra overrides, applied to every case after set:\n");
            foreach (string o in overrides) sb.Append("#   --set ").Append(o.Replace('\n', ' ')).Append('\n');
        }
        sb.Append(d.Text.Replace("\r\n", "\n"));
        if (!d.Text.EndsWith('\n')) sb.Append('\n');
        return sb.ToString();
    }
}
