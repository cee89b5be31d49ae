namespace CathodeSim.IO.Measurements;

/// <summary>A measured impedance spectrum in SI units, in file order.</summary>
/// <param name="Source">File it came from.</param>
/// <param name="Frequency">Hz.</param>
/// <param name="Real">Re(Z), ohm.</param>
/// <param name="Imaginary">Im(Z), ohm, signed: Z = Real + j Imaginary (negative for capacitive behaviour; EC-Lab's -Im(Z) column is negated).</param>
/// <param name="Warnings">Things the reader fixed or assumed.</param>
public sealed record MeasuredSpectrum(string Source, double[] Frequency, double[] Real, double[] Imaginary, IReadOnlyList<string> Warnings);
