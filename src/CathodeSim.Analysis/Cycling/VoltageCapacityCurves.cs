using CathodeSim.Model.Results;

namespace CathodeSim.Analysis.Cycling;

/// <summary>Splits a run's time series into voltage-capacity curves, one per charge or discharge segment.</summary>
public static class VoltageCapacityCurves
{
    private const string ChargeKind = "charge";
    private const string DischargeKind = "discharge";
    private const string HoldKind = "hold";

    /// <summary>
    /// Curves in execution order. Each "charge" or "discharge" step starts a curve; a "hold" directly after one in the
    /// same cycle continues it (so a CC-CV charge is one curve, as in a lab plot); a hold with nothing to continue starts
    /// its own curve in the direction of the charge it passed. Rest steps end the current curve and are not plotted.
    /// </summary>
    /// <param name="result">The run; its <see cref="SimulationResult.ActiveMass"/> must be positive.</param>
    public static IReadOnlyList<VoltageCapacityCurve> FromResult(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var pointsByStep = result.Series.ToLookup(point => point.StepIndex);
        var curves = new List<VoltageCapacityCurve>();
        CurveBuilder? open = null;
        // Net charge at the start of each step, from the step summaries, so every curve starts exactly at zero
        // even when the first recorded point of a step lies after its start.
        double chargeAtStepStart = 0;

        foreach (var step in result.Steps.OrderBy(s => s.Index))
        {
            bool continuesOpenCurve = open is not null && step.Kind == HoldKind && step.Cycle == open.Cycle;
            if (!continuesOpenCurve)
            {
                if (open is not null)
                {
                    curves.Add(open.Build());
                }

                open = DirectionOf(step) is { } direction
                    ? new CurveBuilder(step.Cycle, direction, chargeAtStepStart, step.StartVoltage, result.ActiveMass)
                    : null;
            }

            foreach (var point in pointsByStep[step.Index])
            {
                open?.Add(point);
            }

            chargeAtStepStart += step.ChargePassed;
        }

        if (open is not null)
        {
            curves.Add(open.Build());
        }

        return curves;
    }

    private static CurveDirection? DirectionOf(StepSummary step) => step.Kind switch
    {
        ChargeKind => CurveDirection.Charge,
        DischargeKind => CurveDirection.Discharge,
        HoldKind => step.ChargePassed >= 0 ? CurveDirection.Charge : CurveDirection.Discharge,
        _ => null,
    };

    private sealed class CurveBuilder
    {
        private readonly CurveDirection _direction;
        private readonly double _startCharge;
        private readonly double _activeMass;
        private readonly List<double> _capacity = [];
        private readonly List<double> _voltage = [];

        public CurveBuilder(int cycle, CurveDirection direction, double startCharge, double startVoltage, double activeMass)
        {
            Cycle = cycle;
            _direction = direction;
            _startCharge = startCharge;
            _activeMass = activeMass;
            _capacity.Add(0);
            _voltage.Add(startVoltage);
        }

        public int Cycle { get; }

        public void Add(TimePoint point)
        {
            _capacity.Add(SpecificQuantities.CapacityMilliampHourPerGram(Math.Abs(point.Charge - _startCharge), _activeMass));
            _voltage.Add(point.Voltage);
        }

        public VoltageCapacityCurve Build() => new(Cycle, _direction, [.. _capacity], [.. _voltage]);
    }
}
