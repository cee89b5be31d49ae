using CathodeSim.Model.Protocol;

namespace CathodeSim.Analysis.Optimization;

/// <summary>Re-runs a protocol at another C-rate.</summary>
public static class ProtocolAtRate
{
    /// <summary>The same protocol with every galvanostatic step (also inside repeat blocks) at C-rate <paramref name="rate"/>.</summary>
    public static IReadOnlyList<ProtocolStep> Apply(IReadOnlyList<ProtocolStep> protocol, double rate) => protocol.Select(step => step switch
    {
        CurrentStep cc => cc with { Current = new CRateSetpoint(rate), Description = $"{cc.Description} [at {rate}C]" },
        RepeatStep repeat => repeat with { Steps = Apply(repeat.Steps, rate) },
        _ => step,
    }).ToList();
}
