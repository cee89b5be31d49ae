namespace CathodeSim.Analysis.Capacity;

/// <summary>Capacities, efficiency, retention, energies and mean voltages of one cycle of a series.</summary>
/// <param name="Cycle">1-based cycle number.</param>
/// <param name="ChargeCapacity">Capacity passed on charge (mAh/g or mAh, see <see cref="CycleStatisticsResult.Scale"/>).</param>
/// <param name="DischargeCapacity">Capacity passed on discharge, positive.</param>
/// <param name="CoulombicEfficiency">Discharge / charge capacity; NaN when nothing was charged.</param>
/// <param name="RetentionPercent">Discharge capacity as a share of the reference cycle's, percent; NaN when that is zero.</param>
/// <param name="ChargeEnergy">Energy put in on charge (mWh/g or mWh).</param>
/// <param name="DischargeEnergy">Energy delivered on discharge, positive.</param>
/// <param name="MeanChargeVoltage">Charge-weighted mean voltage on charge, V; NaN without charge.</param>
/// <param name="MeanDischargeVoltage">Charge-weighted mean voltage on discharge, V; NaN without discharge.</param>
public sealed record CycleStatisticsRow(
    int Cycle,
    double ChargeCapacity,
    double DischargeCapacity,
    double CoulombicEfficiency,
    double RetentionPercent,
    double ChargeEnergy,
    double DischargeEnergy,
    double MeanChargeVoltage,
    double MeanDischargeVoltage);

/// <summary>Per-cycle statistics of a series.</summary>
/// <param name="Scale">Units of capacity and energy.</param>
/// <param name="ReferenceCycle">Cycle whose discharge capacity is 100 % retention.</param>
/// <param name="Cycles">One row per cycle, ascending.</param>
/// <param name="CyclesFromFile">True when the cycle numbers come from the source; false when counted from the current's sign changes.</param>
public sealed record CycleStatisticsResult(CapacityScale Scale, int ReferenceCycle, IReadOnlyList<CycleStatisticsRow> Cycles, bool CyclesFromFile);

/// <summary>Per-cycle capacities, coulombic efficiency, retention, energy and mean voltages from a time series.</summary>
public static class CycleStatistics
{
    /// <summary>The retention reference must have delivered at least this share of the largest cycle's discharge capacity.</summary>
    public const double MinimumReferenceShare = 0.01;

    /// <summary>
    /// Integrates |current| (and voltage times it) over the charge and discharge segments of every cycle
    /// (<see cref="CapacitySegmenter"/>). Retention is against <paramref name="referenceCycle"/>, by default the first cycle.
    /// </summary>
    /// <param name="series">The series.</param>
    /// <param name="activeMass">kg of active material for per-gram values, or null.</param>
    /// <param name="referenceCycle">Cycle number of the retention reference, or null for the first cycle.</param>
    /// <exception cref="ArgumentException">No current in the series, or the reference cycle is not in it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The active mass is not positive and finite.</exception>
    public static CycleStatisticsResult Compute(CyclingSeries series, double? activeMass = null, int? referenceCycle = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var scale = new CapacityScale(activeMass);
        var segments = CapacitySegmenter.Split(series);
        if (segments.Count == 0) throw new ArgumentException("the series carries no current: there is nothing to charge or discharge");
        var rows = new List<CycleStatisticsRow>();
        foreach (var group in segments.GroupBy(s => s.Cycle).OrderBy(g => g.Key))
        {
            double qc = 0, ec = 0, qd = 0, ed = 0;
            foreach (var s in group)
            {
                if (s.Direction == CurrentDirection.Charge) { qc += s.TotalCharge; ec += s.TotalEnergy; }
                else { qd += s.TotalCharge; ed += s.TotalEnergy; }
            }
            double charge = scale.Capacity(qc), discharge = scale.Capacity(qd);
            rows.Add(new CycleStatisticsRow(group.Key, charge, discharge,
                charge > 0 ? discharge / charge : double.NaN, double.NaN,
                scale.Energy(ec), scale.Energy(ed),
                qc > 0 ? ec / qc : double.NaN, qd > 0 ? ed / qd : double.NaN));
        }
        int reference = referenceCycle ?? rows[0].Cycle;
        var referenceRow = rows.FirstOrDefault(r => r.Cycle == reference)
            ?? throw new ArgumentException($"reference cycle {reference} is not in the data; its cycles are {rows[0].Cycle} to {rows[^1].Cycle}");
        double basis = referenceRow.DischargeCapacity;
        // A reference that delivered almost nothing (a pulse record, a first cycle cut short) would report retentions of
        // thousands of per cent: refuse it instead.
        double largest = rows.Max(r => r.DischargeCapacity);
        if (largest > 0 && basis < MinimumReferenceShare * largest)
            throw new ArgumentException(
                $"reference cycle {reference} delivered {basis:G3} {scale.CapacityUnit}, under {MinimumReferenceShare:P0} of the largest cycle's {largest:G3}: " +
                "this is not a cycling record, or its first cycle is incomplete; choose the reference with --reference-cycle");
        rows = rows.Select(r => r with { RetentionPercent = basis > 0 ? 100 * r.DischargeCapacity / basis : double.NaN }).ToList();
        return new CycleStatisticsResult(scale, reference, rows, series.Cycle is not null);
    }
}
