using System.Globalization;
using System.Text;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// How a sweep's cases are spread over the tasks of one job array: task i runs shard i/<see cref="Tasks"/> (the cases
/// whose index modulo Tasks is i), so that a task count above the array size limit groups several cases per task
/// instead of asking for an array the cluster refuses.
/// </summary>
/// <param name="Requested">The task count asked for (<c>--emit-slurm N</c>).</param>
/// <param name="Cases">Cases in the sweep.</param>
/// <param name="Tasks">Tasks (and shards) written: min(Requested, Cases, MaxArraySize).</param>
/// <param name="MaxArraySize">The array size limit in force.</param>
public sealed record SlurmArrayLayout(int Requested, int Cases, int Tasks, int MaxArraySize)
{
    /// <summary>Lays out <paramref name="cases"/> cases in at most <paramref name="requested"/> tasks and <paramref name="maxArraySize"/> array indices.</summary>
    public static SlurmArrayLayout Plan(int requested, int cases, int maxArraySize)
    {
        if (requested < 1) throw new ArgumentOutOfRangeException(nameof(requested), requested, "at least one task");
        if (cases < 1) throw new ArgumentOutOfRangeException(nameof(cases), cases, "at least one case");
        if (maxArraySize < 1) throw new ArgumentOutOfRangeException(nameof(maxArraySize), maxArraySize, "at least 1");
        // Array indices run from 0 to MaxArraySize - 1, so at most MaxArraySize tasks.
        return new SlurmArrayLayout(requested, cases, Math.Min(requested, Math.Min(cases, maxArraySize)), maxArraySize);
    }

    /// <summary>Fewest cases of a task.</summary>
    public int MinCasesPerTask => Cases / Tasks;

    /// <summary>Most cases of a task.</summary>
    public int MaxCasesPerTask => (Cases + Tasks - 1) / Tasks;

    /// <summary>Cases in task (shard) <paramref name="task"/>.</summary>
    public int CasesOf(int task) => Cases / Tasks + (task < Cases % Tasks ? 1 : 0);

    /// <summary>"1 case", "2 cases" or "4-5 cases" per task.</summary>
    public string CasesPerTaskText => MinCasesPerTask == MaxCasesPerTask
        ? $"{MaxCasesPerTask} case{(MaxCasesPerTask == 1 ? "" : "s")}"
        : $"{MinCasesPerTask}-{MaxCasesPerTask} cases";

    /// <summary>Why fewer tasks than requested are written, or null when the request stands.</summary>
    public string? Note
    {
        get
        {
            if (Tasks == Requested) return null;
            if (Requested > Cases && Tasks == Cases)
                return string.Create(CultureInfo.InvariantCulture, $"--emit-slurm {Requested}: the sweep has only {Cases} case{(Cases == 1 ? "" : "s")}, so the array has {Tasks} task{(Tasks == 1 ? "" : "s")} of 1 case each (shards i/{Tasks})");
            return string.Create(CultureInfo.InvariantCulture, $"--emit-slurm {Requested}: above the cluster's array size limit of {MaxArraySize} (--max-array-size), so the array has {Tasks} tasks of {CasesPerTaskText} each (shards i/{Tasks})");
        }
    }

    /// <summary>
    /// Slurm's <c>--array</c> value for the given task indices: ranges joined by commas (<c>0-3,7,9-10</c>), then
    /// <c>%throttle</c> when given.
    /// </summary>
    public static string ArraySpec(IEnumerable<int> tasks, int? throttle)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var sorted = tasks.Distinct().Order().ToList();
        if (sorted.Count == 0) throw new ArgumentException("no array task", nameof(tasks));
        var text = new StringBuilder();
        for (int i = 0; i < sorted.Count;)
        {
            int j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            if (text.Length > 0) text.Append(',');
            text.Append(CultureInfo.InvariantCulture, $"{sorted[i]}");
            if (j > i) text.Append(CultureInfo.InvariantCulture, $"-{sorted[j]}");
            i = j + 1;
        }
        if (throttle is { } t) text.Append(CultureInfo.InvariantCulture, $"%{t}");
        return text.ToString();
    }
}
