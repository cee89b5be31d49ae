namespace CathodeSim.Cli.Commands;

/// <summary>Everything `cathodesim run` was asked to do, bound from the command line.</summary>
/// <param name="ConfigPath">The YAML config.</param>
/// <param name="OutputDirectory">--output, or null for the config's default.</param>
/// <param name="Json">--json.</param>
/// <param name="Overrides">--set KEY=VALUE pairs in order.</param>
/// <param name="Device">--device.</param>
internal sealed record RunOptions(string ConfigPath, string? OutputDirectory, bool Json, IReadOnlyList<string> Overrides, string Device = "cpu");
