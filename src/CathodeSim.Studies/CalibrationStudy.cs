using CathodeSim.IO.Config;
using CathodeSim.IO.Validation;

namespace CathodeSim.Studies;

/// <summary>
/// Estimates config values from measured data (EIS resistances, capacities, spectra, voltage series, cycling) by
/// weighted non-linear least squares and writes them as a config that run, sweep and validate accept.
/// </summary>
/// <param name="log">Notes on the output directory; null for none.</param>
public sealed class CalibrationStudy(IStudyLog? log = null)
{
    /// <summary>Reads the calibration, checks where the calibrated config goes and builds the model.</summary>
    /// <param name="request">The calibration.</param>
    /// <param name="cancellation">Stops the fit.</param>
    /// <exception cref="ConfigException">The calibration file, its config or an override is wrong; or <see cref="CalibrationRequest.WriteConfig"/> without a usable <c>write:</c> target.</exception>
    public PreparedCalibration Prepare(CalibrationRequest request, CancellationToken cancellation = default)
    {
        var definition = CalibrationReader.Read(request.CalibrationPath, request.Overrides);
        // Only WriteConfig lets the fit change a file outside the output directory (the write: target, usually tracked in
        // git); it is checked before the fit, so that a long fit does not end on an unwritable target.
        if (request.WriteConfig && definition.WritePath is null)
            throw new ConfigException(null, null, null,
                $"--write-config: {definition.File} has no write: key naming where the calibrated config goes; without --write-config it goes into --output.");
        if (request.WriteConfig && OutputDirectoryCheck.Problem(Path.GetDirectoryName(definition.WritePath!)!, $"{definition.File}: write") is { } problem)
            throw new ConfigException(null, null, null, problem);
        return new PreparedCalibration(request, definition, log, cancellation);
    }

    /// <summary>Prepares and fits in one call.</summary>
    /// <param name="request">The calibration.</param>
    /// <param name="progress">The fit's messages; null for none.</param>
    /// <param name="cancellation">Stops the fit; nothing is written.</param>
    public CalibrationOutcome Calibrate(CalibrationRequest request, IProgress<string>? progress = null, CancellationToken cancellation = default) =>
        Prepare(request, cancellation).Fit(progress);
}
