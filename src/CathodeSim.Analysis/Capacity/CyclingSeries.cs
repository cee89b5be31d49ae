namespace CathodeSim.Analysis.Capacity;

/// <summary>
/// A galvanostatic (or mixed) time series in SI units as the capacity analyses consume it. Current is positive on
/// charge (the cathode is oxidised, delithiated) and negative on discharge.
/// </summary>
public sealed record CyclingSeries
{
    /// <summary>Checks and wraps the arrays.</summary>
    /// <param name="time">s, non-decreasing.</param>
    /// <param name="current">A, positive on charge.</param>
    /// <param name="voltage">V.</param>
    /// <param name="cycle">Cycle number per point when known, else null (cycles are then counted from the current's sign changes).</param>
    /// <exception cref="ArgumentException">Lengths differ, fewer than 2 points, a value is not finite, or time decreases.</exception>
    public CyclingSeries(double[] time, double[] current, double[] voltage, int[]? cycle = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(voltage);
        int n = time.Length;
        if (current.Length != n || voltage.Length != n || (cycle is not null && cycle.Length != n))
            throw new ArgumentException($"time ({n}), current ({current.Length}), voltage ({voltage.Length}){(cycle is null ? "" : $" and cycle ({cycle.Length})")} must have the same length");
        if (n < 2) throw new ArgumentException($"the series has {n} point{(n == 1 ? "" : "s")}; at least 2 are needed");
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(time[i]) || !double.IsFinite(current[i]) || !double.IsFinite(voltage[i]))
                throw new ArgumentException($"point {i + 1}: time, current and voltage must be finite numbers");
            if (i > 0 && time[i] < time[i - 1])
                throw new ArgumentException($"point {i + 1}: time decreases ({time[i - 1]} s, then {time[i]} s); expected increasing times");
        }
        Time = time;
        Current = current;
        Voltage = voltage;
        Cycle = cycle;
    }

    /// <summary>s, non-decreasing.</summary>
    public double[] Time { get; }

    /// <summary>A, positive on charge.</summary>
    public double[] Current { get; }

    /// <summary>V.</summary>
    public double[] Voltage { get; }

    /// <summary>Cycle number per point, or null when the source records none.</summary>
    public int[]? Cycle { get; }

    /// <summary>Number of points.</summary>
    public int Count => Time.Length;
}

/// <summary>Direction of the current in a segment.</summary>
public enum CurrentDirection
{
    /// <summary>Positive current: the cathode is charged.</summary>
    Charge,

    /// <summary>Negative current: the cathode is discharged.</summary>
    Discharge,
}
