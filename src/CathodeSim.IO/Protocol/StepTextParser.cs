using System.Globalization;
using System.Text.RegularExpressions;
using CathodeSim.IO.Units;
using CathodeSim.Model.Protocol;

namespace CathodeSim.IO.Protocol;

/// <summary>A protocol sentence that could not be read. The message quotes the sentence and says what was expected.</summary>
public sealed class StepParseException : FormatException
{
    /// <summary>Creates the exception for <paramref name="text"/>.</summary>
    public StepParseException(string text, string problem) : base($"step '{text}': {problem}")
    {
        Text = text;
        Problem = problem;
    }

    /// <summary>The sentence as written.</summary>
    public string Text { get; }

    /// <summary>What is wrong, without the sentence.</summary>
    public string Problem { get; }
}

/// <summary>
/// Reads protocol steps written as sentences, in the style of PyBaMM's Experiment (case-insensitive keywords):
/// <list type="bullet">
/// <item>"Charge at 0.1C until 3.7 V", "Discharge at C/10 until 2.1 V", "Discharge at 0.2 mA/cm^2 until 2.1 V"</item>
/// <item>"Charge at 1 mA for 15 minutes", "Charge at 0.1C for 15 min or until 3.7 V"</item>
/// <item>"Charge at 0.1C until 100 mAh/g" (charge per active mass), "Discharge at 0.1C until 0.5 mAh" (charge)</item>
/// <item>"Hold at 3.7 V until C/50", "Hold at 3.7 V until 0.01 mA", "Hold at 3.7 V for 1 hour"</item>
/// <item>"Rest for 4 hours"</item>
/// </list>
/// In a step 'C' always means a C-rate ("0.1C", "0.1 C", "C/10"), never a coulomb.
/// </summary>
public static partial class StepTextParser
{
    private const string Examples = "'Charge at 0.1C until 3.7 V', 'Discharge at C/10 until 2.1 V', 'Hold at 3.7 V until C/50' or 'Rest for 1 hour'";
    private const string CurrentExamples = "a current such as '0.1C', 'C/10', '1 mA' or '0.2 mA/cm^2'";

    [GeneratedRegex(@"^(?<verb>charge|discharge|hold|rest)\b(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VerbRegex();

    [GeneratedRegex(@"^at\s+(?<body>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AtRegex();

    [GeneratedRegex(@"\s(?:for|until)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FirstConditionRegex();

    [GeneratedRegex(@"\s+or\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrRegex();

    [GeneratedRegex(@"^(?<kw>for|until)\s+(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConditionRegex();

    [GeneratedRegex(@"^(?:(?<n>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*C|C\s*/\s*(?<d>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CRateRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Parses one sentence into a <see cref="CurrentStep"/>, <see cref="VoltageHoldStep"/> or <see cref="RestStep"/>.</summary>
    /// <exception cref="StepParseException">The sentence is not understood; the message says what was expected.</exception>
    public static ProtocolStep Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string description = Whitespace().Replace(text.Trim(), " ");
        if (description.Length == 0) throw new StepParseException(text, $"empty step; expected a step such as {Examples}");
        var verb = VerbRegex().Match(description);
        if (!verb.Success)
            throw new StepParseException(description, $"unknown step; expected a step such as {Examples}");
        string keyword = verb.Groups["verb"].Value.ToLowerInvariant();
        string rest = verb.Groups["rest"].Value.Trim();
        var ctx = new Context(description);
        return keyword switch
        {
            "charge" => ParseCurrentStep(ctx, CurrentDirection.Charge, rest),
            "discharge" => ParseCurrentStep(ctx, CurrentDirection.Discharge, rest),
            "hold" => ParseHold(ctx, rest),
            _ => ParseRest(ctx, rest),
        };
    }

    private readonly record struct Context(string Text)
    {
        public StepParseException Fail(string problem) => new(Text, problem);
    }

    private static ProtocolStep ParseCurrentStep(Context ctx, CurrentDirection direction, string rest)
    {
        string verb = direction == CurrentDirection.Charge ? "Charge" : "Discharge";
        string example = direction == CurrentDirection.Charge ? "'Charge at 0.1C until 3.7 V'" : "'Discharge at 0.1C until 2.1 V'";
        var (setpointText, conditions) = SplitBody(ctx, rest, verb, "a current", example);
        var current = ParseCurrent(ctx, setpointText, "after 'at'");
        if (conditions.Count == 0)
            throw ctx.Fail($"no ending condition; add 'until <voltage>' or 'for <time>', e.g. {example} or '{verb} at 1 mA for 15 min'");

        double? cutoff = null, duration = null, charge = null, specific = null;
        foreach (var (kw, value) in conditions)
        {
            if (kw == "for")
            {
                SetOnce(ctx, ref duration, ParseDuration(ctx, value), "time limit");
                continue;
            }
            if (CRateRegex().IsMatch(value))
                throw ctx.Fail($"'until {value}' is a current limit, which only a 'Hold at <voltage>' step takes; a {verb.ToLowerInvariant()} step ends at a voltage, a charge or a time");
            Quantity q;
            try
            {
                q = UnitParser.ParseQuantity(value, allowCoulomb: false);
            }
            catch (UnitFormatException e)
            {
                throw ctx.Fail($"after 'until' expected a voltage such as '3.7 V', a charge such as '0.5 mAh' or a specific capacity such as '100 mAh/g', got '{value}' ({e.Message})");
            }
            if (q.Dimension == QuantityKind.Voltage.Dimension)
            {
                if (!double.IsFinite(q.Value)) throw ctx.Fail($"cut-off voltage '{value}' is not finite");
                SetOnce(ctx, ref cutoff, q.Value, "voltage limit");
            }
            else if (q.Dimension == QuantityKind.Charge.Dimension)
                SetOnce(ctx, ref charge, Positive(ctx, q.Value, value, "charge limit"), "charge limit");
            else if (q.Dimension == QuantityKind.SpecificCharge.Dimension)
                SetOnce(ctx, ref specific, Positive(ctx, q.Value, value, "specific charge limit"), "specific charge limit");
            else if (q.Dimension == QuantityKind.Time.Dimension)
                throw ctx.Fail($"a time limit is written with 'for', e.g. 'for {value}'");
            else
                throw ctx.Fail($"after 'until' expected a voltage such as '3.7 V', a charge such as '0.5 mAh' or a specific capacity such as '100 mAh/g', got '{value}'");
        }
        return new CurrentStep(ctx.Text, direction, current, cutoff, duration, charge, specific);
    }

    private static ProtocolStep ParseHold(Context ctx, string rest)
    {
        const string example = "'Hold at 3.7 V until C/50'";
        var (voltageText, conditions) = SplitBody(ctx, rest, "Hold", "a voltage", example);
        double voltage;
        try
        {
            voltage = UnitParser.ToSi(voltageText, QuantityKind.Voltage, allowCoulomb: false);
        }
        catch (UnitFormatException e)
        {
            throw ctx.Fail($"after 'Hold at' {e.Message}");
        }
        if (conditions.Count == 0)
            throw ctx.Fail($"no ending condition; add 'until <current>' or 'for <time>', e.g. {example} or 'Hold at 3.7 V for 1 hour'");
        CurrentSetpoint? limit = null;
        double? duration = null;
        foreach (var (kw, value) in conditions)
        {
            if (kw == "for")
            {
                SetOnce(ctx, ref duration, ParseDuration(ctx, value), "time limit");
            }
            else
            {
                if (limit is not null) throw ctx.Fail("two current limits");
                limit = ParseCurrent(ctx, value, "after 'until'");
            }
        }
        return new VoltageHoldStep(ctx.Text, voltage, limit, duration);
    }

    private static ProtocolStep ParseRest(Context ctx, string rest)
    {
        if (rest.Length == 0) throw ctx.Fail("a rest needs a duration, e.g. 'Rest for 1 hour'");
        var match = ConditionRegex().Match(rest);
        if (!match.Success || !match.Groups["kw"].Value.Equals("for", StringComparison.OrdinalIgnoreCase))
            throw ctx.Fail("a rest ends only after a time; expected 'Rest for <time>', e.g. 'Rest for 1 hour'");
        string value = match.Groups["value"].Value.Trim();
        if (OrRegex().IsMatch(value))
            throw ctx.Fail("a rest takes a single time limit, e.g. 'Rest for 1 hour'");
        return new RestStep(ctx.Text, ParseDuration(ctx, value));
    }

    /// <summary>Splits "at X until A or for B" into X and the (keyword, value) conditions.</summary>
    private static (string Setpoint, List<(string Keyword, string Value)> Conditions) SplitBody(Context ctx, string rest, string verb, string what, string example)
    {
        var at = AtRegex().Match(rest);
        if (!at.Success) throw ctx.Fail($"expected 'at' and {what} after '{verb}', e.g. {example}");
        string body = at.Groups["body"].Value;
        var first = FirstConditionRegex().Match(body);
        if (!first.Success) return (body.Trim(), []);
        string setpoint = body[..first.Index].Trim();
        string tail = body[(first.Index + 1)..];
        var conditions = new List<(string, string)>();
        string? keyword = null;
        foreach (string piece in OrRegex().Split(tail))
        {
            string p = piece.Trim();
            var m = ConditionRegex().Match(p);
            if (m.Success)
            {
                keyword = m.Groups["kw"].Value.ToLowerInvariant();
                conditions.Add((keyword, m.Groups["value"].Value.Trim()));
            }
            else if (keyword is not null && p.Length > 0)
            {
                conditions.Add((keyword, p));
            }
            else
            {
                throw ctx.Fail($"expected 'until <limit>' or 'for <time>' after '{setpoint}', got '{p}'");
            }
        }
        return (setpoint, conditions);
    }

    private static CurrentSetpoint ParseCurrent(Context ctx, string text, string where)
    {
        if (text.Length == 0) throw ctx.Fail($"{where} expected {CurrentExamples}");
        var c = CRateRegex().Match(text);
        if (c.Success)
        {
            double rate = c.Groups["n"].Success
                ? double.Parse(c.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)
                : 1.0 / double.Parse(c.Groups["d"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!(rate > 0) || !double.IsFinite(rate))
                throw ctx.Fail($"{where} the C-rate must be positive (the direction comes from Charge/Discharge), got '{text}'");
            return new CRateSetpoint(rate);
        }
        Quantity q;
        try
        {
            q = UnitParser.ParseQuantity(text, allowCoulomb: false);
        }
        catch (UnitFormatException e)
        {
            throw ctx.Fail($"{where} expected {CurrentExamples}, got '{text}' ({e.Message})");
        }
        if (q.Dimension == QuantityKind.Current.Dimension)
            return new AbsoluteCurrentSetpoint(Positive(ctx, q.Value, text, "current"));
        if (q.Dimension == QuantityKind.CurrentDensity.Dimension)
            return new CurrentDensitySetpoint(Positive(ctx, q.Value, text, "current density"));
        throw ctx.Fail($"{where} expected {CurrentExamples}, got '{text}'");
    }

    private static double ParseDuration(Context ctx, string text)
    {
        double seconds;
        try
        {
            seconds = UnitParser.ToSi(text, QuantityKind.Time, allowCoulomb: false);
        }
        catch (UnitFormatException e)
        {
            throw ctx.Fail($"after 'for' {e.Message}");
        }
        return Positive(ctx, seconds, text, "duration");
    }

    private static double Positive(Context ctx, double value, string text, string what)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw ctx.Fail($"the {what} must be positive (the direction comes from the step's verb), got '{text}'");
        return value;
    }

    private static void SetOnce(Context ctx, ref double? slot, double value, string what)
    {
        if (slot is not null) throw ctx.Fail($"two {what}s; give each kind of limit once");
        slot = value;
    }
}
