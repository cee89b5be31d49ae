namespace CathodeSim.IO.Units;

/// <summary>A value converted to SI base units together with its dimension.</summary>
/// <param name="Value">Magnitude in SI base units (kg, m, s, A, K, mol).</param>
/// <param name="Dimension">Its physical dimension.</param>
public readonly record struct Quantity(double Value, Dimension Dimension);
