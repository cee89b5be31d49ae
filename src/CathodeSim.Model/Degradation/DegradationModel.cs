namespace CathodeSim.Model.Degradation;

/// <summary>The ageing laws of a cell; either may be null (off).</summary>
/// <param name="Interphase">CEI growth.</param>
/// <param name="Contact">Contact loss.</param>
public sealed record DegradationModel(InterphaseGrowth? Interphase, ContactLoss? Contact)
{
    /// <summary>No ageing.</summary>
    public static DegradationModel None { get; } = new(null, null);
}
