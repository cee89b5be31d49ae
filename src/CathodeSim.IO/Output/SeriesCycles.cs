using CathodeSim.Model.Results;

namespace CathodeSim.IO.Output;

/// <summary>The cycle of every time-series point, so cycling data can be grouped without joining the step table.</summary>
public static class SeriesCycles
{
    /// <summary>
    /// Per point of <paramref name="result"/>'s series, the 1-based cycle of the step it belongs to
    /// (<see cref="StepSummary.Cycle"/>). A point of a step without a summary (a run that stopped inside it) takes the
    /// cycle of the last summarized step before it, or 1, as repeats are unrolled in order.
    /// </summary>
    public static int[] Of(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var byStep = new Dictionary<int, int>();
        foreach (var step in result.Steps) byStep[step.Index] = step.Cycle;
        var cycles = new int[result.Series.Count];
        int last = 1, previousStep = int.MinValue;
        for (int i = 0; i < cycles.Length; i++)
        {
            int stepIndex = result.Series[i].StepIndex;
            if (stepIndex == previousStep) { cycles[i] = last; continue; }
            previousStep = stepIndex;
            if (byStep.TryGetValue(stepIndex, out int cycle)) last = cycle;
            else last = result.Steps.Where(s => s.Index < stepIndex).Select(s => s.Cycle).DefaultIfEmpty(last).Last();
            cycles[i] = last;
        }
        return cycles;
    }
}
