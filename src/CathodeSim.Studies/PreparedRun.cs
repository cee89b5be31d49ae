using CathodeSim.Analysis.Cycling;
using CathodeSim.Gpu;
using CathodeSim.IO.Config;
using CathodeSim.IO.Output;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Studies;

/// <summary>
/// A run whose input has been read and checked and whose device is held: <see cref="Simulate"/> then
/// <see cref="Write"/>. Dispose it to release the device.
/// </summary>
public sealed class PreparedRun : IDisposable
{
    private readonly DeviceChoice _device;
    private readonly string _programVersion;
    private readonly IStudyLog? _log;

    internal PreparedRun(LoadedConfig config, SimulationSetup setup, string outputDirectory, DeviceChoice device, string programVersion, IStudyLog? log)
    {
        Config = config;
        Setup = setup;
        OutputDirectory = outputDirectory;
        _device = device;
        _programVersion = programVersion;
        _log = log;
    }

    /// <summary>The config as read, with its resolved YAML for provenance.</summary>
    public LoadedConfig Config { get; }

    /// <summary>The simulation to run (transport laws from computed structures already resolved).</summary>
    public SimulationSetup Setup { get; }

    /// <summary>Where the files go.</summary>
    public string OutputDirectory { get; }

    /// <summary>Where the particle solves run, e.g. "cpu".</summary>
    public string DeviceDescription => _device.Description;

    /// <summary>
    /// Runs the protocol. Cancelled, it returns what it has done to its last completed time step (not an exception);
    /// <see cref="RunOutcome.StatusOf"/> tells which.
    /// </summary>
    /// <param name="progress">One report per time step; null for none.</param>
    /// <param name="cancellation">Stops the run at its next time step.</param>
    public SimulationResult Simulate(IProgress<SimulationProgress>? progress, CancellationToken cancellation) =>
        new Simulator(_device.CreateStepper) { KeepPartialOnCancellation = true }.Run(Setup, progress, cancellation);

    /// <summary>
    /// Writes <c>&lt;name&gt;.h5</c>, <c>&lt;name&gt;_timeseries.csv</c>, <c>&lt;name&gt;_steps.csv</c>, <c>&lt;name&gt;_voltage.png</c>
    /// (and <c>&lt;name&gt;_cycling.png</c> for several cycles) into <see cref="OutputDirectory"/>; an interrupted run's
    /// results are written although <paramref name="cancellation"/> is set, one cancelled before its first step not at all.
    /// </summary>
    /// <param name="result">What <see cref="Simulate"/> returned.</param>
    /// <param name="cancellation">The run's token: set during writing, a finished run's files are not written.</param>
    /// <exception cref="StudyOutputException">The files could not be written.</exception>
    public RunOutcome Write(SimulationResult result, CancellationToken cancellation)
    {
        var status = RunOutcome.StatusOf(result);
        if (status == RunStatus.Cancelled) return new RunOutcome(status, result, [], [], Setup.Temperature, DeviceDescription);
        var metadata = new RunMetadata(_programVersion, Config.ResolvedYaml, Config.SourcePath, DateTimeOffset.UtcNow, Setup.Temperature)
        {
            CounterElectrode = Setup.Design.CounterElectrode.Name,
            ActiveMaterial = Setup.Design.Active.Name,
        };
        var writers = new List<IResultWriter> { new Hdf5ResultWriter(), new CsvResultWriter(), new VoltageCapacityPlot() };
        if (result.Steps.Select(step => step.Cycle).Distinct().Count() > 1) writers.Add(new CyclingPlot());
        var files = StudyOutput.Write(OutputDirectory, staging => writers.Select(writer => writer.Write(result, metadata, staging)).ToList(), _log, cancellation,
            includeArgumentErrors: true, evenIfCancelled: result.Diagnostics.Interrupted);
        return new RunOutcome(status, result, CycleSummarizer.Summarize(result), files, Setup.Temperature, DeviceDescription);
    }

    /// <summary>Releases the device.</summary>
    public void Dispose() => _device.Dispose();
}
