using CathodeSim.Model.Results;

namespace CathodeSim.Analysis.Cycling;

/// <summary>Builds per-cycle summaries from the step summaries of a run.</summary>
public static class CycleSummarizer
{
    private const string ChargeKind = "charge";
    private const string DischargeKind = "discharge";
    private const string HoldKind = "hold";

    /// <summary>
    /// One summary per cycle number present in <see cref="SimulationResult.Steps"/>, in ascending cycle order.
    /// "charge" steps count to charge and "discharge" steps to discharge; a "hold" counts to the direction of
    /// the charge it passed (a CV hold after a CC charge is charging); rest steps count to neither.
    /// </summary>
    /// <param name="result">The run; its <see cref="SimulationResult.ActiveMass"/> must be positive.</param>
    public static IReadOnlyList<CycleSummary> Summarize(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var cycles = result.Steps
            .GroupBy(step => step.Cycle)
            .OrderBy(group => group.Key)
            .Select(group => SummarizeCycle(group.Key, group.ToList(), result.ActiveMass))
            .ToList();
        if (cycles.Count == 0) return cycles;
        double first = cycles[0].DischargeCapacity;
        return cycles.Select(c => c with { RetentionPercent = first > 0 ? 100 * c.DischargeCapacity / first : double.NaN }).ToList();
    }

    private static CycleSummary SummarizeCycle(int cycle, IReadOnlyList<StepSummary> steps, double activeMass)
    {
        var charging = Totals.Of(steps.Where(IsCharging));
        var discharging = Totals.Of(steps.Where(IsDischarging));

        double chargeCapacity = SpecificQuantities.CapacityMilliampHourPerGram(charging.AbsoluteCharge, activeMass);
        double dischargeCapacity = SpecificQuantities.CapacityMilliampHourPerGram(discharging.AbsoluteCharge, activeMass);

        return new CycleSummary(
            cycle,
            chargeCapacity,
            dischargeCapacity,
            CoulombicEfficiency: chargeCapacity > 0 ? dischargeCapacity / chargeCapacity : double.NaN,
            charging.MeanVoltage,
            discharging.MeanVoltage,
            SpecificQuantities.EnergyMilliwattHourPerGram(charging.Energy, activeMass),
            // Energy is signed as "into the cell", so the energy delivered on discharge is its negative.
            SpecificQuantities.EnergyMilliwattHourPerGram(-discharging.Energy, activeMass))
        {
            FilmResistance = steps[^1].FilmResistance,
            ChargeTransferResistance = steps[^1].ChargeTransferResistance,
            ContactCoverage = steps[^1].ContactCoverage,
            LostActiveFraction = steps[^1].LostActiveFraction,
        };
    }

    private static bool IsCharging(StepSummary step) =>
        step.Kind == ChargeKind || (step.Kind == HoldKind && step.ChargePassed >= 0);

    private static bool IsDischarging(StepSummary step) =>
        step.Kind == DischargeKind || (step.Kind == HoldKind && step.ChargePassed < 0);

    /// <summary>Sums over a set of steps that all pass charge in one direction.</summary>
    private readonly record struct Totals(double AbsoluteCharge, double Energy, double VoltageTimesAbsoluteCharge)
    {
        public double MeanVoltage => AbsoluteCharge > 0 ? VoltageTimesAbsoluteCharge / AbsoluteCharge : double.NaN;

        public static Totals Of(IEnumerable<StepSummary> steps)
        {
            double absoluteCharge = 0, energy = 0, weighted = 0;
            foreach (var step in steps)
            {
                absoluteCharge += Math.Abs(step.ChargePassed);
                energy += step.Energy;
                // A step's mean voltage is Energy / ChargePassed; weighting it by |ChargePassed| gives
                // Energy * sign(ChargePassed), which stays right for either current direction.
                weighted += step.Energy * Math.Sign(step.ChargePassed);
            }

            return new Totals(absoluteCharge, energy, weighted);
        }
    }
}
