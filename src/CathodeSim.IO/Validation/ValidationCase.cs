using CathodeSim.Analysis.Validation;

namespace CathodeSim.IO.Validation;

/// <summary>A measured number with its unit and where it comes from.</summary>
/// <param name="Value">The number, in <paramref name="Unit"/>.</param>
/// <param name="Unit">Unit as written ("mAh/g", "%", "ohm", "mass fraction").</param>
/// <param name="Source">Provenance: file and id, or the text given.</param>
public sealed record MeasuredNumber(double Value, string Unit, string Source);

/// <summary>What every validation case states: the simulation that reproduces the experiment and how it was set up.</summary>
/// <param name="Name">Title in the report.</param>
/// <param name="Description">What is compared and why, in words.</param>
/// <param name="File">The case file as displayed.</param>
/// <param name="Quick">Part of <c>validate --quick</c>.</param>
/// <param name="ConfigPath">Full path of the simulation config.</param>
/// <param name="Overrides">Stated changes to that config ("path=value", as --set), applied in order.</param>
/// <param name="FittedOn">What the parameters were fitted on, in words (the fit/predict split), or null.</param>
public sealed record CaseSetup(string Name, string Description, string File, bool Quick, string ConfigPath, IReadOnlyList<string> Overrides, string? FittedOn);

/// <summary>A validation case: one experiment, its measured data and the quantities to compare.</summary>
public abstract record ValidationCase(CaseSetup Setup)
{
    /// <summary>The kind as written in the file.</summary>
    public abstract string Kind { get; }
}

/// <summary>A scalar result of the config's own protocol (a <c>CaseMetrics</c> name) against one measured number.</summary>
/// <param name="Setup">Common case data.</param>
/// <param name="Metric">Metric name, e.g. discharge_capacity_mAh_per_g.</param>
/// <param name="Measured">The measured value (in the metric's unit).</param>
/// <param name="RelativeTolerance">Allowed |simulated - measured| / measured.</param>
/// <param name="Role">Fitted or predicted.</param>
public sealed record MetricCase(CaseSetup Setup, string Metric, MeasuredNumber Measured, double RelativeTolerance, DataRole Role) : ValidationCase(Setup)
{
    /// <inheritdoc />
    public override string Kind => "metric";
}

/// <summary>The NCM mass fraction that maximises the first discharge capacity, searched over a range.</summary>
/// <param name="Setup">Common case data.</param>
/// <param name="From">Lower end of the search, mass fraction.</param>
/// <param name="To">Upper end.</param>
/// <param name="Points">Coarse grid points before the golden-section refinement.</param>
/// <param name="MeasuredOptimum">Measured best fraction.</param>
/// <param name="AcceptFrom">Lowest predicted optimum accepted.</param>
/// <param name="AcceptTo">Highest predicted optimum accepted.</param>
/// <param name="Role">Fitted or predicted.</param>
public sealed record RatioOptimumCase(CaseSetup Setup, double From, double To, int Points, MeasuredNumber MeasuredOptimum, double AcceptFrom, double AcceptTo, DataRole Role)
    : ValidationCase(Setup)
{
    /// <inheritdoc />
    public override string Kind => "mass_ratio_optimum";
}

/// <summary>A tolerance on one resistance of an EIS table.</summary>
/// <param name="Quantity">R_SE, R_cathode_SE or R_anode_SE.</param>
/// <param name="Relative">Allowed relative error per row.</param>
/// <param name="Share">Share of rows that must be within <paramref name="Relative"/>, in (0, 1].</param>
public sealed record ResistanceTolerance(string Quantity, double Relative, double Share);

/// <summary>In-situ EIS resistances at every listed state of one cathode.</summary>
/// <param name="Setup">Common case data.</param>
/// <param name="Table">The measured table as displayed.</param>
/// <param name="Cathode">Cathode name in the table.</param>
/// <param name="Rows">The rows compared.</param>
/// <param name="Tolerances">Tolerances by quantity (judged separately on fitted and on predicted rows).</param>
/// <param name="Reported">Quantities shown without a tolerance.</param>
/// <param name="FittedCycles">Cycles whose rows were used by the calibration.</param>
/// <param name="FittedQuantities">Quantities of those rows the calibration used (the others are predicted there too).</param>
public sealed record EisTableCase(CaseSetup Setup, string Table, string Cathode, IReadOnlyList<MeasuredResistanceRow> Rows,
    IReadOnlyList<ResistanceTolerance> Tolerances, IReadOnlyList<string> Reported, IReadOnlySet<int> FittedCycles, IReadOnlySet<string> FittedQuantities) : ValidationCase(Setup)
{
    /// <inheritdoc />
    public override string Kind => "eis_table";

    /// <summary>Role of <paramref name="quantity"/> of <paramref name="row"/>.</summary>
    public DataRole RoleOf(MeasuredResistanceRow row, string quantity) =>
        FittedCycles.Contains(row.State.Cycle) && FittedQuantities.Contains(quantity) ? DataRole.Fitted : DataRole.Predicted;
}

/// <summary>One point of a trend: a config value and the measured result there.</summary>
/// <param name="Label">"30 wt% Li3InCl6".</param>
/// <param name="Value">The config value as an override text ("0.70").</param>
/// <param name="Measured">Measured result.</param>
/// <param name="Role">Fitted or predicted.</param>
public sealed record TrendPoint(string Label, string Value, MeasuredNumber Measured, DataRole Role);

/// <summary>Capacity retention over the config's cycling protocol against one config parameter, judged as a trend.</summary>
/// <param name="Setup">Common case data.</param>
/// <param name="Parameter">Config key varied.</param>
/// <param name="Points">Values and measured retentions, in order.</param>
/// <param name="AbsoluteTolerance">Differences below this (percentage points) count as "no change" in the trend.</param>
public sealed record RetentionTrendCase(CaseSetup Setup, string Parameter, IReadOnlyList<TrendPoint> Points, double AbsoluteTolerance) : ValidationCase(Setup)
{
    /// <inheritdoc />
    public override string Kind => "retention_trend";
}

/// <summary>The separator resistance implied by the config's pellet (mass, density, conductivity) against measured R_SE.</summary>
/// <param name="Setup">Common case data.</param>
/// <param name="Table">The measured table as displayed.</param>
/// <param name="Rows">Rows whose R_SE is compared (one per cell).</param>
/// <param name="RelativeTolerance">Allowed relative error per row.</param>
public sealed record SeparatorResistanceCase(CaseSetup Setup, string Table, IReadOnlyList<MeasuredResistanceRow> Rows, double RelativeTolerance) : ValidationCase(Setup)
{
    /// <inheritdoc />
    public override string Kind => "separator_resistance";
}
