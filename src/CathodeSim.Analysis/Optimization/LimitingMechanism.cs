namespace CathodeSim.Analysis.Optimization;

/// <summary>What costs a cell the most capacity at one operating point (the prediction map's counterfactual runs).</summary>
public enum LimitingMechanism
{
    /// <summary>No counterfactual gains 1 % of the capacity or more.</summary>
    None,

    /// <summary>NCM outside the percolating NCM or electrolyte cluster, which cannot react.</summary>
    Accessibility,

    /// <summary>Ionic transport through the electrolyte network.</summary>
    Ionic,

    /// <summary>Electronic transport through the NCM network.</summary>
    Electronic,

    /// <summary>Solid-state diffusion in the NCM particles.</summary>
    Diffusion,

    /// <summary>Charge transfer at the NCM/electrolyte interface.</summary>
    Kinetics,
}

/// <summary>Names of <see cref="LimitingMechanism"/> in outputs.</summary>
public static class LimitingMechanisms
{
    /// <summary>The mechanisms that have a counterfactual, in output order.</summary>
    public static IReadOnlyList<LimitingMechanism> Removable { get; } =
        [LimitingMechanism.Accessibility, LimitingMechanism.Ionic, LimitingMechanism.Electronic, LimitingMechanism.Diffusion, LimitingMechanism.Kinetics];

    /// <summary>Lower-case name for JSON and CSV: "none", "accessibility", "ionic", "electronic", "diffusion", "kinetics".</summary>
    public static string Name(this LimitingMechanism mechanism) => mechanism.ToString().ToLowerInvariant();

    /// <summary>Short tag for tables: "none", "acc", "ion", "ele", "diff", "kin".</summary>
    public static string Tag(this LimitingMechanism mechanism) => mechanism switch
    {
        LimitingMechanism.Accessibility => "acc",
        LimitingMechanism.Ionic => "ion",
        LimitingMechanism.Electronic => "ele",
        LimitingMechanism.Diffusion => "diff",
        LimitingMechanism.Kinetics => "kin",
        _ => "none",
    };
}
