namespace CathodeSim.Numerics.Optimization;

/// <summary>Solution of a <see cref="NonNegativeLeastSquares"/> problem.</summary>
/// <param name="X">The minimiser.</param>
/// <param name="Passive">Per variable: true where it is in the passive set (positive, or free).</param>
/// <param name="Iterations">Sub-problem solves.</param>
/// <param name="Converged">False when the iteration limit (30 n + 30 sub-problems) stopped it.</param>
public sealed record NnlsSolution(double[] X, bool[] Passive, int Iterations, bool Converged);
