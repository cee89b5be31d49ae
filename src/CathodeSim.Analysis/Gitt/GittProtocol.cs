using System.Globalization;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Protocol;

namespace CathodeSim.Analysis.Gitt;

/// <summary>Which directions a simulated GITT titrates, in order.</summary>
public enum GittDirections
{
    /// <summary>Charge pulses to the upper cut-off, then discharge pulses to the lower cut-off.</summary>
    Both,

    /// <summary>Charge pulses only.</summary>
    Charge,

    /// <summary>Discharge pulses only (the cell must start delithiated).</summary>
    Discharge,
}

/// <summary>Settings of a simulated GITT (galvanostatic intermittent titration): pulses of one current separated by long rests.</summary>
/// <param name="PulseCRate">Pulse current as a C-rate of the cell's nominal capacity (0.1 = C/10).</param>
/// <param name="PulseDuration">Pulse length tau, s.</param>
/// <param name="RestDuration">Open-circuit rest after every pulse, s.</param>
/// <param name="LowerCutoff">Discharge cut-off, V vs the counter electrode (null: the cell's default, <see cref="GittCell.LowerCutoff"/>: 2.1 V vs Li-In, 2.72 V vs Li).</param>
/// <param name="UpperCutoff">Charge cut-off, V vs the counter electrode (null: the cell's default, <see cref="GittCell.UpperCutoff"/>: 3.7 V vs Li-In, 4.32 V vs Li).</param>
/// <param name="Directions">Charge, discharge or both (charge first).</param>
/// <param name="Margin">
/// Pulses per direction = ceil(Margin x window / charge per pulse), the window being the charge between the
/// stoichiometries at which the open-circuit voltage equals the cut-offs: the cut-off is normally reached before the
/// last repeat, and the remaining repeats end on the cut-off within seconds (the analysis flags them as truncated).
/// </param>
public sealed record GittProtocolOptions(
    double PulseCRate = 0.1,
    double PulseDuration = 900,
    double RestDuration = 4 * 3600,
    double? LowerCutoff = null,
    double? UpperCutoff = null,
    GittDirections Directions = GittDirections.Both,
    double Margin = 1.2);

/// <summary>Builds the GITT protocol of a cell: repeat blocks of "pulse for tau or until the cut-off" + "rest".</summary>
public static class GittProtocol
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The GITT protocol for the solid-state cell <paramref name="design"/>: one repeat block per direction whose count covers the
    /// open-circuit window between the cut-offs with the margin of <see cref="GittProtocolOptions.Margin"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Non-positive current, durations or margin, or cut-offs in the wrong order.</exception>
    public static IReadOnlyList<ProtocolStep> Create(CellDesign design, GittProtocolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        return Create(GittCell.Of(design), options);
    }

    /// <summary>
    /// The GITT protocol for <paramref name="cell"/> (either mode): one repeat block per direction whose count covers the
    /// open-circuit window between the cut-offs with the margin of <see cref="GittProtocolOptions.Margin"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Non-positive current, durations or margin, or cut-offs in the wrong order.</exception>
    public static IReadOnlyList<ProtocolStep> Create(GittCell cell, GittProtocolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var o = options ?? new GittProtocolOptions();
        if (!(o.PulseCRate > 0) || !(o.PulseDuration > 0) || !(o.RestDuration >= 0) || !(o.Margin >= 1))
            throw new ArgumentException("GITT: the pulse current and duration must be > 0, the rest >= 0 and the margin >= 1");
        double lower = o.LowerCutoff ?? cell.LowerCutoff, upper = o.UpperCutoff ?? cell.UpperCutoff;
        if (!(lower < upper)) throw new ArgumentException("GITT: the lower cut-off must lie below the upper cut-off");

        double theoretical = cell.TheoreticalCharge;
        double perPulse = o.PulseCRate * cell.OneCCurrent * o.PulseDuration;
        double xUpper = cell.StoichiometryAt(upper);   // delithiated end (low x)
        double xLower = cell.StoichiometryAt(lower);   // lithiated end (high x)
        var steps = new List<ProtocolStep>();
        string pulse = Duration(o.PulseDuration), rest = Duration(o.RestDuration);
        if (o.Directions != GittDirections.Discharge)
        {
            double window = Math.Max(cell.InitialStoichiometry - xUpper, 0.02) * theoretical;
            var charge = new CurrentStep($"Charge at {o.PulseCRate.ToString(Inv)}C for {pulse} or until {upper.ToString(Inv)} V",
                CurrentDirection.Charge, new CRateSetpoint(o.PulseCRate), upper, o.PulseDuration);
            steps.Add(Block("GITT charge", Count(o.Margin * window / perPulse), charge, rest, o.RestDuration));
        }
        if (o.Directions != GittDirections.Charge)
        {
            double start = o.Directions == GittDirections.Both ? Math.Min(xUpper, cell.InitialStoichiometry) : cell.InitialStoichiometry;
            double window = Math.Max(xLower - start, 0.02) * theoretical;
            var discharge = new CurrentStep($"Discharge at {o.PulseCRate.ToString(Inv)}C for {pulse} or until {lower.ToString(Inv)} V",
                CurrentDirection.Discharge, new CRateSetpoint(o.PulseCRate), lower, o.PulseDuration);
            steps.Add(Block("GITT discharge", Count(o.Margin * window / perPulse), discharge, rest, o.RestDuration));
        }
        return steps;
    }

    /// <summary>Pulses in one direction: the count of the repeat block of that direction.</summary>
    private static int Count(double pulses) => Math.Clamp((int)Math.Ceiling(pulses), 1, 100_000);

    private static RepeatStep Block(string name, int count, CurrentStep pulse, string rest, double restDuration) =>
        new($"{name}: {count} x [{pulse.Description}; Rest for {rest}]", count,
            restDuration > 0 ? [pulse, new RestStep($"Rest for {rest}", restDuration)] : [pulse]);

    /// <summary>The stoichiometry at which the open-circuit voltage (vs the counter electrode) equals <paramref name="voltage"/> (bisection; U falls with x).</summary>
    public static double StoichiometryAt(CellDesign design, double voltage)
    {
        ArgumentNullException.ThrowIfNull(design);
        return GittCell.Of(design).StoichiometryAt(voltage);
    }

    private static string Duration(double seconds)
    {
        if (seconds >= 3600 && seconds % 3600 == 0) return $"{(seconds / 3600).ToString(Inv)} hours";
        if (seconds >= 60 && seconds % 60 == 0) return $"{(seconds / 60).ToString(Inv)} min";
        return $"{seconds.ToString("R", Inv)} s";
    }
}
