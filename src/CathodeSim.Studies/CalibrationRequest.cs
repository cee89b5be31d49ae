namespace CathodeSim.Studies;

/// <summary>A calibration: model parameters estimated from measured data (what <c>cathodesim fit</c> does).</summary>
/// <param name="CalibrationPath">The calibration file (YAML): config, parameters (key, initial, bounds, scale), data.</param>
/// <param name="Overrides">KEY=VALUE changes to every simulation of the fit.</param>
/// <param name="OutputDirectory">Where <c>&lt;name&gt;_fit.csv</c>, <c>&lt;name&gt;_fit.png</c> and the calibrated config go; null for <c>out</c>.</param>
/// <param name="WriteConfig">Write the calibrated config to the calibration file's <c>write:</c> target instead of into the output directory.</param>
public sealed record CalibrationRequest(string CalibrationPath, IReadOnlyList<string> Overrides, string? OutputDirectory = null, bool WriteConfig = false);
