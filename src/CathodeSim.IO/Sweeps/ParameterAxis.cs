using System.Globalization;
using ScottPlot;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// How a sweep parameter is shown on a plot axis: its short name and the unit its values were written in (values
/// converted from SI), on a log scale where the values are log-spaced.
/// </summary>
internal sealed class ParameterAxis
{
    /// <summary>Values spanning more than this many decades (all positive) are drawn on a log axis.</summary>
    private const double LogDecades = 1.5;

    private readonly Func<double, double> _toDisplay;

    private ParameterAxis(string name, string unit, Func<double, double> toDisplay, bool log)
    {
        Name = name;
        Unit = unit;
        _toDisplay = toDisplay;
        Log = log;
    }

    /// <summary>Short name, e.g. "d50".</summary>
    public string Name { get; }

    /// <summary>Display unit ("um", "K", "1").</summary>
    public string Unit { get; }

    /// <summary>Whether the axis is logarithmic (positions are log10 of the display values).</summary>
    public bool Log { get; }

    /// <summary>The axis label: "d50 (um)"; a dimensionless parameter has no unit.</summary>
    public string Label => Unit is "1" or "" ? Name : $"{Name} ({Unit})";

    /// <summary>The axis for parameter column <paramref name="column"/> of <paramref name="header"/>, given the values in <paramref name="rows"/>.</summary>
    public static ParameterAxis Of(SweepHeader header, int column, IEnumerable<SweepRow> rows)
    {
        var (convert, unit) = SweepParameterUnits.ToDisplay(header.ParameterUnit(column));
        var values = rows.Select(r => convert(r.Parameters[column])).Where(double.IsFinite).ToList();
        bool log = values.Count > 1 && values.All(v => v > 0) && Math.Log10(values.Max() / values.Min()) > LogDecades;
        return new ParameterAxis(SweepParameterUnits.ShortName(header.ParameterNames[column]), unit, convert, log);
    }

    /// <summary>The display value of SI value <paramref name="si"/>.</summary>
    public double Value(double si) => _toDisplay(si);

    /// <summary>Where SI value <paramref name="si"/> lies on the axis.</summary>
    public double Position(double si) => Log ? Math.Log10(_toDisplay(si)) : _toDisplay(si);

    /// <summary>For a log axis, ticks labelled with the values (not their logarithms) and log-spaced minor ticks.</summary>
    public void Apply(IAxis axis)
    {
        ArgumentNullException.ThrowIfNull(axis);
        if (!Log) return;
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("G3", CultureInfo.InvariantCulture),
        };
    }
}
