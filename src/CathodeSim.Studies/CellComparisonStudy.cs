using CathodeSim.IO.Config;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Studies;

/// <summary>
/// Cells of the same NCM side by side, e.g. the seed paper's solid-state cells against its liquid-electrolyte coin
/// cells: each config is run as <c>cathodesim run</c> runs it (<see cref="RunStudy"/>, files in a folder per config),
/// then the first cycles are tabulated (<c>comparison.csv</c>) and overlaid (<c>comparison.png</c>).
/// </summary>
/// <param name="log">Notes on the output directories; null for none.</param>
/// <param name="messages">Messages of the 3D structures computed for <c>law: microstructure</c>; null for none.</param>
public sealed class CellComparisonStudy(IStudyLog? log = null, IProgress<string>? messages = null)
{
    /// <summary>The fewest configs a comparison takes.</summary>
    public const int MinimumConfigs = 2;

    /// <summary>
    /// Reads and checks every config with the overrides before anything runs or is written, so that a wrong third
    /// config does not cost the first two runs.
    /// </summary>
    /// <param name="request">The comparison.</param>
    /// <param name="cancellation">Stops the structure computations.</param>
    /// <exception cref="ArgumentException">Fewer than two configs (<see cref="ArgumentException.ParamName"/> "configs"), or an unknown device name ("device").</exception>
    /// <exception cref="ConfigException">A config, or an override in it, is wrong; the message names the config.</exception>
    /// <exception cref="CathodeSim.Gpu.DeviceUnavailableException">The device asked for is not there.</exception>
    public PreparedComparison Prepare(CellComparisonRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ConfigPaths.Count < MinimumConfigs)
        {
            // A lone config that cannot be read is the more useful message: fixing the count alone would only lead to it.
            foreach (string path in request.ConfigPaths) _ = ConfigLoader.LoadAnyMode(path, request.Overrides);
            throw new ArgumentException($"compare needs at least {MinimumConfigs} configs, got {request.ConfigPaths.Count}", "configs");
        }
        var study = new RunStudy(log, messages);
        var runs = new List<PreparedRun>();
        var names = new List<string>();
        var used = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (string path in request.ConfigPaths)
            {
                var runRequest = new RunRequest(path, request.Overrides, null, request.Device) { ProgramVersion = request.ProgramVersion };
                string name = "";
                PreparedRun run;
                try
                {
                    run = study.Prepare(runRequest, config =>
                    {
                        // Two configs of the same run name (s-ncm at two temperatures, say) get folders name, name-2, ...
                        name = config.Setup.Name;
                        int count = used.TryGetValue(name, out int n) ? n + 1 : 1;
                        used[name] = count;
                        if (count > 1) name = $"{name}-{count}";
                        return Path.Combine(request.OutputDirectory, name);
                    }, cancellation);
                }
                catch (ConfigException e) when (!NamesConfig(e, path))
                {
                    // An override that one mode lacks is reported as "--set ...": say which config it failed for.
                    throw new ConfigException(path, null, null, e.Message);
                }
                runs.Add(run);
                names.Add(name);
            }
        }
        catch
        {
            foreach (var run in runs) run.Dispose();
            throw;
        }
        return new PreparedComparison(runs, names, request.ConfigPaths, request.OutputDirectory, log);
    }

    /// <summary>Prepares, runs every config (writing its files) and writes the comparison, in one call.</summary>
    /// <param name="request">The comparison.</param>
    /// <param name="progress">One report per time step of each run; null for none.</param>
    /// <param name="cancellation">Stops the comparison: the run in progress is written partial and the comparison is not written.</param>
    /// <exception cref="ArgumentException">Fewer than two configs, or an unknown device name.</exception>
    /// <exception cref="ConfigException">A config, or an override in it, is wrong.</exception>
    /// <exception cref="StudyOutputException">The files could not be written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public CellComparisonOutcome Run(CellComparisonRequest request, IProgress<SimulationProgress>? progress = null, CancellationToken cancellation = default)
    {
        using var prepared = Prepare(request, cancellation);
        var outcomes = new List<RunOutcome>();
        foreach (var run in prepared.Runs)
        {
            outcomes.Add(run.Write(run.Simulate(progress, cancellation), cancellation));
            cancellation.ThrowIfCancellationRequested();
        }
        return prepared.Write(outcomes, cancellation);
    }

    /// <summary>Whether the message already names <paramref name="configPath"/> (an error in the file itself).</summary>
    private static bool NamesConfig(ConfigException e, string configPath) =>
        e.File is { } file && !file.StartsWith("--set", StringComparison.Ordinal)
        && string.Equals(Path.GetFullPath(file), Path.GetFullPath(configPath), StringComparison.Ordinal);
}
