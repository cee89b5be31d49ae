using CathodeSim.Analysis.Calibration;
using CathodeSim.IO.Output;
using CathodeSim.IO.Validation;

namespace CathodeSim.Studies;

/// <summary>A calibration read and checked, its model built: <see cref="Fit"/> estimates the parameters and writes the files.</summary>
public sealed class PreparedCalibration
{
    private readonly CalibrationRequest _request;
    private readonly IStudyLog? _log;
    private readonly CancellationToken _cancellation;
    private readonly CalibrationModel _model;

    internal PreparedCalibration(CalibrationRequest request, CalibrationDefinition definition, IStudyLog? log, CancellationToken cancellation)
    {
        _request = request;
        Definition = definition;
        _log = log;
        _cancellation = cancellation;
        _model = new CalibrationModel(definition, Environment.ProcessorCount, cancellation);
    }

    /// <summary>The calibration as read.</summary>
    public CalibrationDefinition Definition { get; }

    /// <summary>Parameters estimated.</summary>
    public int ParameterCount => Definition.Keys.Count;

    /// <summary>Measured values fitted.</summary>
    public int ObservationCount => _model.Observations.Count;

    /// <summary>
    /// Fits (weighted non-linear least squares) and writes <c>&lt;name&gt;_fit.csv</c>, <c>&lt;name&gt;_fit.png</c> and the
    /// calibrated config (<c>&lt;name&gt;.yaml</c> in the output directory, or the <c>write:</c> target).
    /// </summary>
    /// <param name="progress">The fit's messages (iterations, chi^2); null for none.</param>
    /// <exception cref="InvalidOperationException">The fit could not be carried out (a solver failure).</exception>
    /// <exception cref="StudyOutputException">The files could not be written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled through the token given to <see cref="CalibrationStudy.Prepare"/>.</exception>
    public CalibrationOutcome Fit(IProgress<string>? progress = null)
    {
        var definition = Definition;
        bool writeConfig = _request.WriteConfig;
        var result = WeightedLeastSquares.Fit(definition.Keys.Select(k => k.Parameter).ToList(), _model.Observations, _model.Evaluate,
            new WeightedLeastSquaresOptions { MaxIterations = definition.MaxIterations }, progress, _cancellation);

        string directory = Path.GetFullPath(_request.OutputDirectory ?? "out");
        string ownConfig = Path.Combine(directory, $"{definition.Name}.yaml");
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var files = StudyOutput.Write(directory, staging =>
            [
                // WriteConfig: the write: target, outside the output directory, written in its final place (atomically, as a
                // file of its own), since it names its base config by a path relative to where it lies. Otherwise the config
                // is staged with the table and plot, written as it must read in the output directory.
                writeConfig
                    ? CalibratedConfigWriter.Write(definition.WritePath!, definition, result, now)
                    : CalibratedConfigWriter.Write(Path.Combine(staging, Path.GetFileName(ownConfig)), ownConfig, definition, result, now),
                CalibrationCsvWriter.Write(Path.Combine(staging, $"{definition.Name}_fit.csv"), result),
                CalibrationPlot.Write(Path.Combine(staging, $"{definition.Name}_fit.png"), result, definition.Name),
            ], _log, _cancellation);
        string configWritten = writeConfig ? Path.GetFullPath(definition.WritePath!) : ownConfig;
        // Without WriteConfig the tracked write: target is left alone; the caller is told where the result is.
        string? untouched = !writeConfig && definition.WritePath is { } target ? Path.GetFullPath(target) : null;
        return new CalibrationOutcome(definition, result, files, configWritten, untouched);
    }
}
