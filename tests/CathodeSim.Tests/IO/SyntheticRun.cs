using CathodeSim.IO.Output;
using CathodeSim.Model.Results;

namespace CathodeSim.Tests.IO;

/// <summary>
/// A hand-made run: galvanostatic charge 3.0 -> 4.0 V (1 mA, 360 s), rest, discharge 3.9 -> 2.9 V (1 mA, 324 s),
/// with 10 mg of active material, so the charge is exactly 10 mAh/g and the discharge 9 mAh/g.
/// </summary>
public static class SyntheticRun
{
    public const double ActiveMass = 1e-5; // kg = 10 mg
    public const double Current = 1e-3; // A
    public const string ChargeDescription = "charge at C/10, to \"4.0 V\"";
    public const int Nodes = 3;
    public const int Bins = 2;

    public static SimulationResult Create(string name = "synthetic")
    {
        var series = new List<TimePoint>();
        var steps = new List<StepSummary>();
        double time = 0, charge = 0;

        AddLinearStep(0, ChargeDescription, "charge", Current, duration: 360, 3.0, 4.0);
        AddLinearStep(1, "rest 100 s", "rest", 0, duration: 100, 4.0, 3.9);
        AddLinearStep(2, "discharge at C/10 to 2.9 V", "discharge", -Current, duration: 324, 3.9, 2.9);

        var profiles = new List<ProfileSnapshot> { Profile(360, 0, 0.1), Profile(784, 2, 0.2) };
        var diagnostics = new SolverDiagnostics(120, 3, 456, 1.25, true, null);
        return new SimulationResult(name, ActiveMass, series, steps, profiles, diagnostics);

        void AddLinearStep(int index, string description, string kind, double current, double duration, double v0, double v1)
        {
            const int intervals = 10;
            double startTime = time, startCharge = charge;
            for (int i = 1; i <= intervals; i++)
            {
                double f = (double)i / intervals;
                series.Add(new TimePoint(startTime + f * duration, v0 + f * (v1 - v0), current, startCharge + current * f * duration, 298.15, index));
            }

            time = startTime + duration;
            charge = startCharge + current * duration;
            double energy = current * duration * (v0 + v1) / 2; // exact for a linear voltage at constant current
            steps.Add(new StepSummary(index, description, kind, 1, startTime, time, current * duration, energy, v0, v1,
                kind == "rest" ? StepEnd.Time : StepEnd.Voltage));
        }
    }

    public static RunMetadata Metadata() => new(
        "0.1.0-test",
        "cell:\n  temperature: 25 degC\nprotocol:\n  - charge at C/10\n",
        "configs/synthetic.yaml",
        new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero),
        298.15);

    /// <summary>Surface stoichiometry [node * K + bin] = offset + node + bin / 10, so the layout is checkable.</summary>
    public static double SurfaceStoichiometry(double offset, int node, int bin) => offset + node + bin / 10.0;

    private static ProfileSnapshot Profile(double time, int stepIndex, double offset)
    {
        var surface = new double[Nodes * Bins];
        for (int node = 0; node < Nodes; node++)
        {
            for (int bin = 0; bin < Bins; bin++)
            {
                surface[node * Bins + bin] = SurfaceStoichiometry(offset, node, bin);
            }
        }

        return new ProfileSnapshot(time, stepIndex,
            Position: [1e-6, 3e-6, 5e-6],
            SolidPotential: [3.9, 3.91, 3.92],
            ElectrolytePotential: [-0.01, -0.02, -0.03],
            ReactionCurrent: [1e5, 2e5, 3e5],
            SurfaceStoichiometry: surface,
            MeanStoichiometry: [offset, offset + 1, offset + 2],
            BinCount: Bins);
    }
}
