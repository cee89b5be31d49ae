using CathodeSim.Model.Impedance;

namespace CathodeSim.Analysis.Impedance;

/// <summary>
/// Assigns each DRT peak to the model process whose characteristic time constant is nearest in |ln(tau_peak / tau_process)|,
/// provided the two lie within <see cref="DefaultFactor"/> (or the factor given) of each other; otherwise the peak is unassigned.
/// </summary>
public static class DrtAssignment
{
    /// <summary>Largest ratio between a peak's and a process's tau for an assignment (3: within half a decade).</summary>
    public const double DefaultFactor = 3;

    /// <summary>One assignment per peak, in the peaks' order.</summary>
    public static IReadOnlyList<DrtPeakAssignment> Assign(IReadOnlyList<DrtPeak> peaks, IReadOnlyList<ImpedanceProcess> processes, double factor = DefaultFactor)
    {
        ArgumentNullException.ThrowIfNull(peaks);
        ArgumentNullException.ThrowIfNull(processes);
        if (!(factor >= 1)) throw new ArgumentException($"factor {factor}: expected >= 1");
        var result = new List<DrtPeakAssignment>(peaks.Count);
        foreach (var peak in peaks)
        {
            ImpedanceProcess? best = null;
            double distance = double.PositiveInfinity;
            foreach (var process in processes)
            {
                if (!(process.TimeConstant > 0) || !double.IsFinite(process.TimeConstant)) continue;
                double d = Math.Abs(Math.Log(peak.TimeConstant / process.TimeConstant));
                if (d < distance) { distance = d; best = process; }
            }
            result.Add(best is not null && distance <= Math.Log(factor)
                ? new DrtPeakAssignment(peak, best.Name, best.TimeConstant, peak.TimeConstant / best.TimeConstant)
                : new DrtPeakAssignment(peak, null, null, null));
        }
        return result;
    }
}
