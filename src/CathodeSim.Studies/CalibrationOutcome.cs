using CathodeSim.Analysis.Calibration;
using CathodeSim.IO.Validation;

namespace CathodeSim.Studies;

/// <summary>What a calibration estimated and wrote.</summary>
/// <param name="Definition">The calibration as read: its parameters in order, with units.</param>
/// <param name="Result">Estimates, standard errors, correlations, chi^2, predictions and warnings.</param>
/// <param name="Files">The files written, final paths.</param>
/// <param name="Config">Where the calibrated config went.</param>
/// <param name="WriteTargetNotUpdated">The calibration's <c>write:</c> target, left as it was (null with <see cref="CalibrationRequest.WriteConfig"/> or no <c>write:</c>).</param>
public sealed record CalibrationOutcome(CalibrationDefinition Definition, CalibrationResult Result, IReadOnlyList<string> Files, string Config, string? WriteTargetNotUpdated);
