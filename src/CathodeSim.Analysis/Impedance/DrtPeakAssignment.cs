namespace CathodeSim.Analysis.Impedance;

/// <summary>A DRT peak and the model process it is assigned to.</summary>
/// <param name="Peak">The peak.</param>
/// <param name="Process">The process's name, or null when no process lies within the factor ("unassigned").</param>
/// <param name="ProcessTimeConstant">The process's characteristic tau, s (null when unassigned).</param>
/// <param name="Ratio">tau_peak / tau_process (null when unassigned).</param>
public sealed record DrtPeakAssignment(DrtPeak Peak, string? Process, double? ProcessTimeConstant, double? Ratio);
