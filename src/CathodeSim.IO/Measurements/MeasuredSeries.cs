namespace CathodeSim.IO.Measurements;

/// <summary>
/// A measured (or exported simulated) galvanostatic time series in SI units, as the analysis commands consume it.
/// Current is positive when the working electrode (the cathode) is charged (oxidised, delithiated).
/// </summary>
/// <param name="Source">File it came from.</param>
/// <param name="Time">s, increasing.</param>
/// <param name="Current">A.</param>
/// <param name="Voltage">V (working electrode against the counter/reference, as recorded).</param>
/// <param name="Cycle">Cycle number per point when the file records one, else null.</param>
/// <param name="Warnings">Things the reader fixed or assumed (e.g. sign convention inferred, duplicated times dropped).</param>
public sealed record MeasuredSeries(string Source, double[] Time, double[] Current, double[] Voltage, int[]? Cycle, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// Step (sequence) number per point when the file records one (EC-Lab's <c>Ns</c>, a <c>step</c> or <c>step_index</c>
    /// column), else null. A change marks a new protocol step, e.g. a GITT pulse or rest.
    /// </summary>
    public int[]? Step { get; init; }
}
