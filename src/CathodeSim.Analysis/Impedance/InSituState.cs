using CathodeSim.Model.Protocol;

namespace CathodeSim.Analysis.Impedance;

/// <summary>
/// A state at which an in-situ impedance spectrum was recorded during 0.1C cycling, as in the seed paper's Tables S2-S4:
/// on cycle <see cref="Cycle"/>, while charging or discharging to <see cref="Voltage"/>, or at the start of the cycle.
/// </summary>
/// <param name="Cycle">1-based cycle number.</param>
/// <param name="Step">"charge", "discharge" or "start" (the start of the cycle: the same as charging to <see cref="Voltage"/>).</param>
/// <param name="Voltage">Cell voltage at which the spectrum was taken, V.</param>
public sealed record InSituState(int Cycle, string Step, double Voltage)
{
    /// <summary>Charge cut-off of the cycling window, V vs Li-In (seed paper: 3.7 V).</summary>
    public const double UpperCutoff = 3.7;

    /// <summary>Discharge cut-off of the cycling window, V vs Li-In (seed paper: 2.1 V).</summary>
    public const double LowerCutoff = 2.1;

    /// <summary>Rest before the spectrum (the cell relaxes before EIS is recorded; 1 h assumed, the seed does not state it).</summary>
    public const double RestSeconds = 3600;

    /// <summary>
    /// The protocol that brings a fresh cell to this state: the earlier full cycles at 0.1C, then the partial charge or
    /// discharge, then the rest.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown step name or a cycle below 1.</exception>
    public IReadOnlyList<ProtocolStep> Protocol(double cRate = 0.1)
    {
        if (Cycle < 1) throw new ArgumentException($"cycle {Cycle}: expected 1 or more");
        CurrentStep Charge(double v) => new($"Charge at {cRate}C until {v} V", CurrentDirection.Charge, new CRateSetpoint(cRate), v, null);
        CurrentStep Discharge(double v) => new($"Discharge at {cRate}C until {v} V", CurrentDirection.Discharge, new CRateSetpoint(cRate), v, null);
        var protocol = new List<ProtocolStep>();
        for (int c = 1; c < Cycle; c++) { protocol.Add(Charge(UpperCutoff)); protocol.Add(Discharge(LowerCutoff)); }
        switch (Step)
        {
            case "charge" or "start":
                protocol.Add(Charge(Voltage));
                break;
            case "discharge":
                protocol.Add(Charge(UpperCutoff));
                protocol.Add(Discharge(Voltage));
                break;
            default:
                throw new ArgumentException($"step '{Step}': expected charge, discharge or start");
        }
        protocol.Add(new RestStep($"Rest for {RestSeconds / 3600} hour", RestSeconds));
        return protocol;
    }

    /// <inheritdoc />
    public override string ToString() => $"cycle {Cycle} {Step} {Voltage:0.00} V";
}
