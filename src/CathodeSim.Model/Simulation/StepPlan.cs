using CathodeSim.Model.Cell;
using CathodeSim.Model.Protocol;

namespace CathodeSim.Model.Simulation;

/// <summary>A protocol step resolved into the solver's terms for one cell: control, limits in SI per m^2.</summary>
/// <param name="Step">The protocol step.</param>
/// <param name="Cycle">1-based cycle number.</param>
/// <param name="Kind">"charge", "discharge", "hold" or "rest".</param>
/// <param name="Control">Imposed current density or voltage.</param>
/// <param name="CutoffVoltage">Voltage limit (galvanostatic), V.</param>
/// <param name="Rising">True when the voltage limit is approached from below (charge).</param>
/// <param name="Duration">Time limit, s (infinity: none).</param>
/// <param name="ChargeLimit">|charge| limit, C/m^2 (infinity: none).</param>
/// <param name="CurrentLimit">|current density| limit of a hold, A/m^2 (null: none).</param>
internal sealed record StepPlan(ProtocolStep Step, int Cycle, string Kind, StepControl Control, double? CutoffVoltage, bool Rising,
    double Duration, double ChargeLimit, double? CurrentLimit)
{
    /// <summary>The repeat blocks (outermost first) this step belongs to, each with its id and retention limit.</summary>
    public IReadOnlyList<RepeatScope> Scopes { get; init; } = [];

    public static StepPlan For(ProtocolStep step, int cycle, CellDesign design)
    {
        double oneC = design.OneCCurrent, area = design.Area;
        switch (step)
        {
            case CurrentStep cc:
            {
                bool charge = cc.Direction == CurrentDirection.Charge;
                double density = cc.Current.Amperes(oneC, area) / area * (charge ? 1 : -1);
                double limit = double.PositiveInfinity;
                if (cc.ChargeLimit is { } q) limit = q / area;
                if (cc.SpecificChargeLimit is { } sq) limit = Math.Min(limit, sq * design.ActiveMass / area);
                return new StepPlan(step, cycle, charge ? "charge" : "discharge", StepControl.Current(density), cc.CutoffVoltage, charge,
                    cc.Duration ?? double.PositiveInfinity, limit, null);
            }
            case VoltageHoldStep hold:
                return new StepPlan(step, cycle, "hold", StepControl.Voltage(hold.Voltage), null, false,
                    hold.Duration ?? double.PositiveInfinity, double.PositiveInfinity,
                    hold.CurrentLimit is null ? null : hold.CurrentLimit.Amperes(oneC, area) / area);
            case RestStep rest:
                return new StepPlan(step, cycle, "rest", StepControl.Current(0), null, false, rest.Duration, double.PositiveInfinity, null);
            default:
                throw new ArgumentException($"unsupported protocol step '{step.Description}'", nameof(step));
        }
    }

    /// <summary>
    /// Unrolls repeats into executable steps with cycle numbers. As on a battery cycler, a new cycle begins when a
    /// charge (or hold) follows a discharge of the current cycle.
    /// </summary>
    public static List<StepPlan> Unroll(IReadOnlyList<ProtocolStep> protocol, CellDesign design)
    {
        var plans = new List<StepPlan>();
        int cycle = 1, nextScope = 0;
        bool discharged = false;
        void Add(IReadOnlyList<ProtocolStep> steps, IReadOnlyList<RepeatScope> scopes)
        {
            foreach (var step in steps)
            {
                if (step is RepeatStep repeat)
                {
                    var inner = scopes.Append(new RepeatScope(nextScope++, repeat.RetentionLimit)).ToList();
                    for (int r = 0; r < repeat.Count; r++) Add(repeat.Steps, inner);
                    continue;
                }
                var plan = For(step, cycle, design) with { Scopes = scopes };
                if (discharged && plan.Kind is "charge" or "hold")
                {
                    cycle++;
                    discharged = false;
                    plan = plan with { Cycle = cycle };
                }
                if (plan.Kind == "discharge") discharged = true;
                plans.Add(plan);
            }
        }
        Add(protocol, []);
        return plans;
    }
}

/// <summary>One repeat block occurrence: its id and the retention below which it stops.</summary>
/// <param name="Id">Unique per block in the unrolled protocol.</param>
/// <param name="RetentionLimit">Fraction of the block's first discharge below which the block stops, or null.</param>
internal readonly record struct RepeatScope(int Id, double? RetentionLimit);
