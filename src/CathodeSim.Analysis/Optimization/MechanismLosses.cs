namespace CathodeSim.Analysis.Optimization;

/// <summary>
/// Capacity lost to each mechanism at one point, mAh/g: what its counterfactual run gains over the cell as it is
/// (never negative; NaN where either run failed). The losses are not additive: mechanisms interact.
/// </summary>
/// <param name="Accessibility">Gained when all NCM is accessible.</param>
/// <param name="Ionic">Gained with an ideal electrolyte network.</param>
/// <param name="Electronic">Gained with an ideal NCM electronic network.</param>
/// <param name="Diffusion">Gained with 100x solid diffusivity.</param>
/// <param name="Kinetics">Gained with 100x exchange current density.</param>
public sealed record MechanismLosses(double Accessibility, double Ionic, double Electronic, double Diffusion, double Kinetics)
{
    /// <summary>Share of the capacity below which a loss does not count as limiting.</summary>
    public const double Threshold = 0.01;

    /// <summary>The loss to <paramref name="mechanism"/>.</summary>
    public double Of(LimitingMechanism mechanism) => mechanism switch
    {
        LimitingMechanism.Accessibility => Accessibility,
        LimitingMechanism.Ionic => Ionic,
        LimitingMechanism.Electronic => Electronic,
        LimitingMechanism.Diffusion => Diffusion,
        LimitingMechanism.Kinetics => Kinetics,
        _ => 0,
    };

    /// <summary>From the capacity with each removable mechanism removed, in <see cref="LimitingMechanisms.Removable"/> order.</summary>
    public static MechanismLosses From(double capacity, IReadOnlyList<double> counterfactual)
    {
        if (counterfactual.Count != LimitingMechanisms.Removable.Count) throw new ArgumentException("one capacity per removable mechanism", nameof(counterfactual));
        double Gain(double better) => double.IsNaN(better) || double.IsNaN(capacity) ? double.NaN : Math.Max(0, better - capacity);
        return new MechanismLosses(Gain(counterfactual[0]), Gain(counterfactual[1]), Gain(counterfactual[2]), Gain(counterfactual[3]), Gain(counterfactual[4]));
    }

    /// <summary>
    /// The mechanism with the largest loss, or <see cref="LimitingMechanism.None"/> when no loss reaches
    /// <see cref="Threshold"/> of <paramref name="capacity"/> (failed counterfactuals are left out).
    /// </summary>
    public LimitingMechanism Dominant(double capacity)
    {
        var best = LimitingMechanism.None;
        double largest = 0;
        foreach (var m in LimitingMechanisms.Removable)
        {
            double loss = Of(m);
            if (double.IsFinite(loss) && loss > largest) { largest = loss; best = m; }
        }
        // A cell that delivers nothing is limited by whatever recovers something.
        return largest > 0 && largest >= Threshold * Math.Max(0, capacity) ? best : LimitingMechanism.None;
    }
}
