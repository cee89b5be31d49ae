using CathodeSim.IO.Config;
using CathodeSim.IO.Units;

namespace CathodeSim.IO.Sweeps;

/// <summary>One swept parameter as written under <c>parameters:</c>: an explicit list of values or a range.</summary>
internal abstract class ParameterSpec(string path, Origin keyOrigin)
{
    /// <summary>Most values one parameter may expand to.</summary>
    public const int MaxValues = 1_000_000;

    /// <summary>Config path, e.g. "cell.cathode.active_mass_fraction".</summary>
    public string Path { get; } = path;

    /// <summary>Where the parameter's key is written in the sweep file.</summary>
    public Origin KeyOrigin { get; } = keyOrigin;

    /// <summary>Key path in sweep-file messages, e.g. "parameters.temperature".</summary>
    public string Label => $"parameters.{Path}";

    /// <summary>The value texts for grid and zip modes, in order.</summary>
    public abstract IReadOnlyList<string> Expand();

    /// <summary>Reads one entry of <c>parameters:</c>; a plain list is shorthand for <c>{values: [...]}</c>.</summary>
    public static ParameterSpec Read(MapEntry entry, SweepMode mode)
    {
        string label = $"parameters.{entry.Key}";
        bool sampled = mode is SweepMode.Random or SweepMode.LatinHypercube;
        if (entry.Key.Trim().Length == 0 || entry.Key.Contains('='))
            throw entry.KeyOrigin.Error(label, "expected a config path such as 'cell.cathode.active_mass_fraction'");
        if (entry.Value is SequenceNode list)
            return sampled ? throw ValuesWhenSampled(list, label, mode) : ValuesSpec.Read(entry, list, label);
        if (entry.Value is not MapNode map)
            throw Config.Read.Expected(entry.Value, label, "a range such as {from: 0.60, to: 0.80, count: 9} or a list such as {values: [25 degC, 0 degC]}");

        var r = new ObjectReader(map, label, entry.KeyOrigin, "values", "from", "to", "count", "step", "scale");
        if (r.Get("values") is { } values)
        {
            foreach (string other in new[] { "from", "to", "count", "step", "scale" })
                if (r.Has(other)) throw r.KeyOrigin(other).Error(r.Child(other), "give either values or a range (from, to, ...), not both");
            if (sampled) throw ValuesWhenSampled(values, r.Child("values"), mode);
            if (values is not SequenceNode seq) throw Config.Read.Expected(values, r.Child("values"), "a list of values such as [25 degC, 0 degC]");
            return ValuesSpec.Read(entry, seq, r.Child("values"));
        }
        return RangeSpec.Read(entry, r, mode);
    }

    private static ConfigException ValuesWhenSampled(ConfigNode node, string path, SweepMode mode) =>
        node.Origin.Error(path, $"mode {SweepDefinition.ModeName(mode)} samples inside ranges; give {{from: ..., to: ...}} instead of a list of values");
}

/// <summary>An explicit list of values, passed to the config layer as written.</summary>
internal sealed class ValuesSpec(string path, Origin keyOrigin, IReadOnlyList<string> texts) : ParameterSpec(path, keyOrigin)
{
    public override IReadOnlyList<string> Expand() => texts;

    public static ValuesSpec Read(MapEntry entry, SequenceNode seq, string label)
    {
        if (seq.Items.Count == 0) throw seq.Origin.Error(label, "empty list; expected at least one value such as [25 degC, 0 degC]");
        var texts = new List<string>(seq.Items.Count);
        for (int i = 0; i < seq.Items.Count; i++)
        {
            if (seq.Items[i] is not ScalarNode { IsNull: false } s || s.Value.Trim().Length == 0)
                throw Config.Read.Expected(seq.Items[i], $"{label}[{i}]", "a single value such as '25 degC' or '0.65'");
            texts.Add(s.Value.Trim());
        }
        return new ValuesSpec(entry.Key, entry.KeyOrigin, texts);
    }
}

/// <summary>
/// A range {from, to} with count or step, linear or log, in the unit of <c>from</c>. Random and Latin-hypercube
/// sweeps sample inside it instead of expanding it.
/// </summary>
internal sealed class RangeSpec : ParameterSpec
{
    private RangeSpec(string path, Origin keyOrigin, double from, double to, string unit, int? count, double? step, bool log)
        : base(path, keyOrigin)
    {
        From = from;
        To = to;
        Unit = unit;
        Count = count;
        Step = step;
        Log = log;
    }

    /// <summary>Start, in <see cref="Unit"/>.</summary>
    public double From { get; }

    /// <summary>End, converted to <see cref="Unit"/>.</summary>
    public double To { get; }

    /// <summary>The unit of <c>from</c> as written ("" for plain numbers).</summary>
    public string Unit { get; }

    public int? Count { get; }

    /// <summary>Step in <see cref="Unit"/>.</summary>
    public double? Step { get; }

    public bool Log { get; }

    private double Scale => Math.Max(Math.Abs(From), Math.Abs(To));

    public override IReadOnlyList<string> Expand()
    {
        var numbers = new List<double>();
        if (Step is double step)
        {
            int last = StepCount(From, To, step) - 1;
            for (int k = 0; k <= last; k++) numbers.Add(SweepNumbers.Tidy(From + k * step, Scale));
            if (Math.Abs(From + last * step - To) <= 1e-9 * Math.Abs(To - From)) numbers[^1] = To;
        }
        else
        {
            int n = Count!.Value;
            for (int k = 0; k < n; k++)
            {
                if (k == 0) numbers.Add(From);
                else if (k == n - 1) numbers.Add(To);
                else numbers.Add(SweepNumbers.Tidy(At((double)k / (n - 1)), Scale));
            }
        }
        return numbers.Select(v => SweepNumbers.Text(v, Unit)).ToList();
    }

    /// <summary>The value text at fraction <paramref name="u"/> in [0, 1) of the range (log-uniform for log ranges).</summary>
    public string Sample(double u)
    {
        double v = Math.Clamp(At(u), Math.Min(From, To), Math.Max(From, To));
        return SweepNumbers.Text(v, Unit);
    }

    private double At(double u) => Log
        ? Math.Exp(Math.Log(From) + u * (Math.Log(To) - Math.Log(From)))
        : From + u * (To - From);

    private static int StepCount(double from, double to, double step) => (int)Math.Min(MaxValues + 1.0, Math.Floor((to - from) / step + 1e-9) + 1);

    public static RangeSpec Read(MapEntry entry, ObjectReader r, SweepMode mode)
    {
        bool sampled = mode is SweepMode.Random or SweepMode.LatinHypercube;
        const string example = "{from: 0.60, to: 0.80, count: 9}";
        var fromNode = r.Get("from") ?? throw r.Missing("from", $"the start of the range, as in {example}, or a list {{values: [...]}}");
        var toNode = r.Get("to") ?? throw r.Missing("to", $"the end of the range, as in {example}");
        var (from, fromUnit) = Quantity(fromNode, r.Child("from"));
        double to = InUnitOf(toNode, r.Child("to"), fromUnit, difference: false);

        string scaleText = Config.Read.Text(r, "scale", "linear or log", required: false) ?? "linear";
        if (scaleText is not ("linear" or "log"))
            throw r.Get("scale")!.Origin.Error(r.Child("scale"), $"expected linear or log, got '{scaleText}'");
        bool log = scaleText == "log";
        if (log && fromUnit.IsAffine)
            throw r.KeyOrigin("scale").Error(r.Child("scale"), $"a log range needs a scale with a true zero; write the range in K instead of {fromUnit.Unit}");
        if (log && !(from > 0 && to > 0))
            throw r.KeyOrigin("scale").Error(r.Child("scale"), $"a log range needs from and to above zero, got from {SweepNumbers.Format(from)} and to {SweepNumbers.Format(to)}");

        if (sampled)
        {
            foreach (string key in new[] { "count", "step" })
                if (r.Has(key))
                    throw r.KeyOrigin(key).Error(r.Child(key), $"not used by mode {SweepDefinition.ModeName(mode)}: samples sets the number of cases; give only from and to");
            return new RangeSpec(entry.Key, entry.KeyOrigin, from, to, fromUnit.Unit, null, null, log);
        }

        if (r.Has("count") && r.Has("step"))
            throw r.KeyOrigin("step").Error(r.Child("step"), "give either count or step, not both");
        if (r.Has("count"))
        {
            int count = Config.Read.Integer(r, "count", 1, "9", required: true)!.Value;
            if (count > MaxValues) throw r.KeyOrigin("count").Error(r.Child("count"), $"at most {MaxValues} values per parameter, got {count}");
            return new RangeSpec(entry.Key, entry.KeyOrigin, from, to, fromUnit.Unit, count, null, log);
        }
        var stepNode = r.Get("step") ?? throw r.Missing("count", $"count or step, as in {example} or {{from: 0.05, to: 0.25, step: 0.05}}");
        if (log) throw r.KeyOrigin("step").Error(r.Child("step"), "a log range takes count, not step");
        double step = InUnitOf(stepNode, r.Child("step"), fromUnit, difference: true);
        if (!(step > 0)) throw stepNode.Origin.Error(r.Child("step"), $"must be positive, got '{((ScalarNode)stepNode).Value}'");
        if (to < from)
            throw toNode.Origin.Error(r.Child("to"), $"empty range: to ({SweepNumbers.Format(to)}) is below from ({SweepNumbers.Format(from)}) and the step is positive");
        if (StepCount(from, to, step) > MaxValues)
            throw stepNode.Origin.Error(r.Child("step"), $"the range has more than {MaxValues} values");
        return new RangeSpec(entry.Key, entry.KeyOrigin, from, to, fromUnit.Unit, null, step, log);
    }

    private static (double Number, UnitScale Unit) Quantity(ConfigNode node, string path)
    {
        if (node is not ScalarNode s || !UnitParser.TrySplitNumber(s.Value, out double number, out string unit) || !double.IsFinite(number))
            throw Config.Read.Expected(node, path, "a number with an optional unit such as '0.6', '1 um' or '-20 degC'");
        try
        {
            return (number, UnitScale.Parse(unit));
        }
        catch (UnitFormatException e)
        {
            throw node.Origin.Error(path, e.Message);
        }
    }

    /// <summary>A range end or step converted into the unit of <c>from</c>; a step is a difference (5 degC = 5 K).</summary>
    private static double InUnitOf(ConfigNode node, string path, UnitScale target, bool difference)
    {
        var (number, unit) = Quantity(node, path);
        if (unit.Dimension != target.Dimension)
        {
            string want = target.Dimension.IsDimensionless ? "a plain number" : QuantityKind.Describe(target.Dimension);
            string got = unit.Dimension.IsDimensionless ? "a plain number" : QuantityKind.Describe(unit.Dimension);
            throw node.Origin.Error(path, $"expected {want} like from, got '{((ScalarNode)node).Value}', which is {got}");
        }
        if (unit.Unit == target.Unit) return number;
        double converted = difference ? number * unit.Factor / target.Factor : target.FromSi(unit.ToSi(number));
        return SweepNumbers.Tidy(converted, Math.Abs(number * unit.Factor / target.Factor));
    }
}
