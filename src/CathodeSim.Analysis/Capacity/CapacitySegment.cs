namespace CathodeSim.Analysis.Capacity;

/// <summary>
/// A stretch of a series with current in one direction within one cycle (rests inside it are skipped), with the charge
/// and energy passed accumulated from its start.
/// </summary>
/// <param name="Cycle">1-based cycle number.</param>
/// <param name="Direction">Charge (positive current) or discharge.</param>
/// <param name="Time">s, per point.</param>
/// <param name="Voltage">V, per point.</param>
/// <param name="Charge">|charge| passed since the segment's start, C, non-decreasing (the first point holds the charge of the interval leading to it).</param>
/// <param name="Energy">|energy| passed since the segment's start, J (V |dq| summed).</param>
public sealed record CapacitySegment(int Cycle, CurrentDirection Direction, double[] Time, double[] Voltage, double[] Charge, double[] Energy)
{
    /// <summary>Total |charge| passed, C.</summary>
    public double TotalCharge => Charge.Length == 0 ? 0 : Charge[^1];

    /// <summary>Total |energy| passed, J.</summary>
    public double TotalEnergy => Energy.Length == 0 ? 0 : Energy[^1];

    /// <summary>Number of points.</summary>
    public int Count => Time.Length;
}

/// <summary>Splits a series into charge and discharge segments per cycle and integrates the charge passed.</summary>
public static class CapacitySegmenter
{
    /// <summary>Currents below this share of the largest |current| count as rest.</summary>
    public const double RestFraction = 1e-3;

    /// <summary>
    /// The segments of <paramref name="series"/> in time order. A point belongs to the direction of its current's sign;
    /// |current| below <see cref="RestFraction"/> of the largest counts as rest and belongs to none. Consecutive stretches of
    /// the same direction in the same cycle (split only by rests) form one segment. The charge of the interval ending at a
    /// point counts to that point's direction: by the trapezoid rule when both ends carry current of the same sign, else
    /// with the point's own current (a step change). Cycles come from <see cref="CyclingSeries.Cycle"/> when known; otherwise
    /// cycle 1 starts with the first segment and a new cycle starts whenever a segment in the first segment's direction
    /// follows one in the other direction (charge then discharge is one cycle when the series starts with a charge).
    /// </summary>
    public static IReadOnlyList<CapacitySegment> Split(CyclingSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var t = series.Time;
        var current = series.Current;
        var v = series.Voltage;
        double largest = current.Max(Math.Abs);
        var segments = new List<CapacitySegment>();
        if (!(largest > 0)) return segments;
        double threshold = RestFraction * largest;

        int Sign(int i) => current[i] > threshold ? 1 : current[i] < -threshold ? -1 : 0;

        var builder = default(Builder);
        CurrentDirection? first = null, previousDirection = null;
        int countedCycle = 0;
        for (int i = 0; i < series.Count; i++)
        {
            int sign = Sign(i);
            if (sign == 0) continue;
            var direction = sign > 0 ? CurrentDirection.Charge : CurrentDirection.Discharge;
            int cycle;
            if (series.Cycle is not null)
            {
                cycle = series.Cycle[i];
            }
            else
            {
                if (first is null) { first = direction; countedCycle = 1; }
                else if (direction == first && previousDirection is not null && previousDirection != direction) countedCycle++;
                cycle = countedCycle;
            }
            previousDirection = direction;

            if (builder is null || builder.Cycle != cycle || builder.Direction != direction)
            {
                if (builder is not null) segments.Add(builder.Build());
                builder = new Builder(cycle, direction);
                // The interval leading to the segment's first point carries that point's current.
                double dq0 = i > 0 ? Math.Abs(current[i]) * (t[i] - t[i - 1]) : 0;
                builder.Add(t[i], v[i], dq0, v[i] * dq0);
                continue;
            }
            // The interval (i-1, i]: its charge counts to this point's direction.
            double dt = t[i] - t[i - 1];
            double amps = Sign(i - 1) == sign ? 0.5 * (current[i - 1] + current[i]) : current[i];
            double dq = Math.Abs(amps) * dt;
            double meanV = Sign(i - 1) == sign ? 0.5 * (v[i - 1] + v[i]) : v[i];
            builder.Add(t[i], v[i], dq, meanV * dq);
        }
        if (builder is not null) segments.Add(builder.Build());
        return segments;
    }

    private sealed class Builder(int cycle, CurrentDirection direction)
    {
        private readonly List<double> _time = [], _voltage = [], _charge = [], _energy = [];
        private double _q, _e;

        public int Cycle { get; } = cycle;

        public CurrentDirection Direction { get; } = direction;

        public void Add(double time, double voltage, double dq, double de)
        {
            _q += dq;
            _e += de;
            _time.Add(time);
            _voltage.Add(voltage);
            _charge.Add(_q);
            _energy.Add(_e);
        }

        public CapacitySegment Build() => new(Cycle, Direction, [.. _time], [.. _voltage], [.. _charge], [.. _energy]);
    }
}
