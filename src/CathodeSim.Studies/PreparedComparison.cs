using CathodeSim.Analysis.Cycling;
using CathodeSim.IO.Output;

namespace CathodeSim.Studies;

/// <summary>
/// A comparison whose configs have all been read and checked (nothing is written yet): simulate and write each of
/// <see cref="Runs"/>, then <see cref="Write"/> the comparison. Dispose it to release the devices.
/// </summary>
public sealed class PreparedComparison : IDisposable
{
    /// <summary>The table's file name, in <see cref="OutputDirectory"/>.</summary>
    public const string CsvName = "comparison.csv";

    /// <summary>The plot's file name, in <see cref="OutputDirectory"/>.</summary>
    public const string PlotName = "comparison.png";

    private readonly IReadOnlyList<string> _configPaths;
    private readonly IStudyLog? _log;

    internal PreparedComparison(IReadOnlyList<PreparedRun> runs, IReadOnlyList<string> names, IReadOnlyList<string> configPaths, string outputDirectory, IStudyLog? log)
    {
        Runs = runs;
        Names = names;
        _configPaths = configPaths;
        OutputDirectory = outputDirectory;
        _log = log;
    }

    /// <summary>The runs, one per config, in the order asked for; each writes into its own folder of <see cref="OutputDirectory"/>.</summary>
    public IReadOnlyList<PreparedRun> Runs { get; }

    /// <summary>The cells' names in the comparison (the run names, made unique), also their folders' names.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The comparison's directory.</summary>
    public string OutputDirectory { get; }

    /// <summary>
    /// Builds the rows from the runs' first cycles and writes <c>comparison.csv</c> and <c>comparison.png</c> into
    /// <see cref="OutputDirectory"/> as one transaction.
    /// </summary>
    /// <param name="runs">What <see cref="PreparedRun.Write"/> returned for each of <see cref="Runs"/>, in order.</param>
    /// <param name="cancellation">When set, nothing is written.</param>
    /// <exception cref="StudyOutputException">The files could not be written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public CellComparisonOutcome Write(IReadOnlyList<RunOutcome> runs, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count != Runs.Count) throw new ArgumentException($"expected {Runs.Count} run outcomes, got {runs.Count}", nameof(runs));
        var rows = RowsOf(runs);
        // Only the first cycle is compared: later cycles of a cycling config would bury it.
        var curves = runs.Select(r => (IReadOnlyList<VoltageCapacityCurve>)VoltageCapacityCurves.FromResult(r.Result).Where(c => c.Cycle == FirstCycleOf(r)).ToList()).ToList();
        var files = StudyOutput.Write(OutputDirectory, staging =>
            [
                CellComparisonCsvWriter.Write(Path.Combine(staging, CsvName), rows),
                CellComparisonPlot.Write(Path.Combine(staging, PlotName), rows, curves),
            ], _log, cancellation, includeArgumentErrors: true);
        return new CellComparisonOutcome(rows, runs, files);
    }

    private List<CellComparisonRow> RowsOf(IReadOnlyList<RunOutcome> runs)
    {
        var rows = new List<CellComparisonRow>(runs.Count);
        double reference = double.NaN;
        for (int i = 0; i < runs.Count; i++)
        {
            var setup = Runs[i].Setup;
            // A run that ended before its first cycle (a solver failure at once) still gets its row, of NaNs.
            var first = runs[i].Cycles.Count > 0 ? runs[i].Cycles[0] : new CycleSummary(1, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
            if (i == 0) reference = first.DischargeCapacity;
            double difference = first.DischargeCapacity - reference;
            rows.Add(new CellComparisonRow(Names[i], _configPaths[i],
                setup.Liquid is not null ? ElectrolyteKind.Liquid : ElectrolyteKind.Solid,
                setup.Design.CounterElectrode.Name,
                first.ChargeCapacity, first.DischargeCapacity, first.CoulombicEfficiency, first.MeanDischargeVoltage, first.DischargeEnergy,
                difference)
            {
                DischargeCapacityDifferencePercent = reference > 0 ? 100 * difference / reference : double.NaN,
            });
        }
        return rows;
    }

    private static int FirstCycleOf(RunOutcome run) => run.Cycles.Count > 0 ? run.Cycles[0].Cycle : 1;

    /// <summary>Releases the devices.</summary>
    public void Dispose()
    {
        foreach (var run in Runs) run.Dispose();
    }
}
