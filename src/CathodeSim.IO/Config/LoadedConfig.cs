using CathodeSim.Model.Simulation;

namespace CathodeSim.IO.Config;

/// <summary>A fully validated configuration.</summary>
/// <param name="Setup">The simulation request, in SI units.</param>
/// <param name="ResolvedYaml">
/// The whole configuration after merging the built-in material library, the <c>extends</c> chain, the file and the
/// overrides, as YAML text with the sources kept (for provenance in output files). Loading it again gives the same setup.
/// </param>
/// <param name="SourcePath">Full path of the loaded file.</param>
/// <param name="OutputDirectory">The <c>output.directory</c> value as written (null if absent); relative paths are left for the caller to resolve.</param>
public sealed record LoadedConfig(SimulationSetup Setup, string ResolvedYaml, string SourcePath, string? OutputDirectory);
