using CathodeSim.Analysis.Microstructure;
using CathodeSim.Gpu;
using CathodeSim.IO.Config;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Studies;

/// <summary>
/// A simulation of one config through its protocol, written as <c>cathodesim run</c> writes it: config -> setup ->
/// simulation -> summaries -> files.
/// </summary>
/// <param name="log">Notes (files of killed runs cleared) and warnings (an unwritable structure cache); null for none.</param>
/// <param name="messages">Messages of the 3D structures computed for <c>law: microstructure</c>; null for none.</param>
public sealed class RunStudy(IStudyLog? log = null, IProgress<string>? messages = null)
{
    /// <summary>
    /// Reads and checks the config, resolves <c>law: microstructure</c> transport laws (computing or reading the
    /// structures) and selects the device.
    /// </summary>
    /// <param name="request">The run.</param>
    /// <param name="cancellation">Stops the structure computations.</param>
    /// <exception cref="ConfigException">The config, an override or a value is wrong.</exception>
    /// <exception cref="DeviceUnavailableException">The device asked for is not there.</exception>
    /// <exception cref="ArgumentException">The device name is not known (<see cref="ArgumentException.ParamName"/> "device").</exception>
    public PreparedRun Prepare(RunRequest request, CancellationToken cancellation = default) => Prepare(request, null, cancellation);

    /// <summary>
    /// As <see cref="Prepare(RunRequest, CancellationToken)"/>, with the output directory chosen from the config as read
    /// (a comparison of cells puts each run into a folder named after it, which is known only once the config is read).
    /// </summary>
    /// <param name="request">The run; its <see cref="RunRequest.OutputDirectory"/> is used when <paramref name="directoryFor"/> is null.</param>
    /// <param name="directoryFor">Chooses the output directory from the loaded config; null for the request's.</param>
    /// <param name="cancellation">Stops the structure computations.</param>
    internal PreparedRun Prepare(RunRequest request, Func<LoadedConfig, string>? directoryFor, CancellationToken cancellation)
    {
        var config = ConfigLoader.LoadAnyMode(request.ConfigPath, request.Overrides);
        string outputDirectory = directoryFor?.Invoke(config) ?? request.OutputDirectory ?? config.OutputDirectory ?? "out";
        var setup = config.Setup;
        // law: microstructure: the structures are computed (or read from the cache) here, before the cell is built.
        if (MicrostructureLawResolver.Needs(setup))
            setup = MicrostructureLaws.Resolver(log, messages, cancellation).Resolve(setup);
        var device = DeviceSelection.Select(request.Device);
        return new PreparedRun(config, setup, outputDirectory, device, request.ProgramVersion, log);
    }

    /// <summary>Prepares, simulates and writes the files in one call.</summary>
    /// <param name="request">The run.</param>
    /// <param name="progress">One report per time step; null for none.</param>
    /// <param name="cancellation">Interrupts the run: the results so far are written, marked partial (<see cref="RunStatus.Interrupted"/>).</param>
    /// <exception cref="ConfigException">The config, an override or a value is wrong.</exception>
    /// <exception cref="DeviceUnavailableException">The device asked for is not there.</exception>
    /// <exception cref="StudyOutputException">The files could not be written.</exception>
    public RunOutcome Run(RunRequest request, IProgress<SimulationProgress>? progress = null, CancellationToken cancellation = default)
    {
        using var prepared = Prepare(request, cancellation);
        return prepared.Write(prepared.Simulate(progress, cancellation), cancellation);
    }
}
