using CathodeSim.Analysis.Impedance;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.Analysis.Validation;
using CathodeSim.IO.Config;
using CathodeSim.IO.Measurements;

namespace CathodeSim.IO.Validation;

/// <summary>
/// Reads validation case files (YAML). Every case names its simulation config (relative to the case file), the stated
/// changes to it (<c>set</c>), the measured data and the tolerance; errors name the file, line and key.
/// </summary>
/// <remarks>
/// <code>
/// name: B-NCM 65:35 first discharge capacity
/// description: ...
/// kind: metric                     # metric | mass_ratio_optimum | eis_table | retention_trend | separator_resistance
/// quick: true                      # part of validate --quick (default false)
/// config: ../../configs/calibrated/b-ncm-65.yaml
/// set: [cell.cathode.contact_coverage.value=0.6]      # stated changes (optional)
/// fitted_on: "..."                 # what the parameters were fitted on (optional)
/// # metric:
/// metric: discharge_capacity_mAh_per_g
/// measured: {file: ../reported_results.csv, id: cap_opt}    # or {value: 216.4, unit: mAh/g, source: "..."}
/// relative_tolerance: 0.03
/// role: fitted                     # fitted | predicted
/// # mass_ratio_optimum: range: {from: 0.60, to: 0.80, points: 9}, measured, accept: {from: 0.60, to: 0.70}, role
/// # eis_table: table, cathode, cycles (optional filter), tolerances: {R_SE: {relative: 0.10, share: 1.0}, ...},
/// #            reported: [R_anode_SE], fitted_cycles: [1, 2], fitted_quantities: [R_SE, R_cathode_SE]
/// # retention_trend: parameter, points: [{label, value, measured, role}], absolute_tolerance
/// # separator_resistance: table, rows: {cycle: 1, step: charge, voltage: 3.20}, relative_tolerance
/// </code>
/// </remarks>
public static class ValidationCaseReader
{
    private static readonly string[] Common = ["name", "description", "kind", "quick", "config", "set", "fitted_on"];

    private static readonly Dictionary<string, string[]> KindKeys = new(StringComparer.Ordinal)
    {
        ["metric"] = ["metric", "measured", "relative_tolerance", "role"],
        ["mass_ratio_optimum"] = ["range", "measured", "accept", "role"],
        ["eis_table"] = ["table", "cathode", "cycles", "tolerances", "reported", "fitted_cycles", "fitted_quantities"],
        ["retention_trend"] = ["parameter", "points", "absolute_tolerance"],
        ["separator_resistance"] = ["table", "rows", "relative_tolerance"],
    };

    /// <summary>Reads every <c>*.yaml</c> case in <paramref name="directory"/>, sorted by file name.</summary>
    /// <exception cref="ConfigException">A bad case file, or no cases.</exception>
    public static IReadOnlyList<ValidationCase> ReadDirectory(string directory)
    {
        string display = ConfigLoader.Display(Path.GetFullPath(directory));
        if (!Directory.Exists(directory)) throw new ConfigException(display, null, null, "validation case folder not found");
        var files = Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new ConfigException(display, null, null, "no validation cases (*.yaml) in this folder");
        return files.Select(Read).ToList();
    }

    /// <summary>Reads one case file and the measured data it names.</summary>
    /// <exception cref="ConfigException">Anything wrong with the file or its data (file, line and key named).</exception>
    public static ValidationCase Read(string path)
    {
        string full = Path.GetFullPath(path);
        string display = ConfigLoader.Display(full);
        if (!File.Exists(full)) throw new ConfigException(display, null, null, "validation case file not found");
        var map = ConfigYaml.ReadMapFile(full, display, "a validation case (name, kind, config, ...) at the top level", out _);
        var origin = new Origin(display, 1);
        var kindEntry = map.Find("kind") ?? throw origin.Error("kind", $"missing required value; expected one of {string.Join(", ", KindKeys.Keys)}");
        string kind = (kindEntry.Value as ScalarNode)?.Value.Trim() ?? "";
        if (!KindKeys.TryGetValue(kind, out var keys))
        {
            string? close = ObjectReader.Closest(kind, KindKeys.Keys);
            throw kindEntry.Value.Origin.Error("kind", $"unknown kind '{kind}'" + (close is null ? $"; expected one of {string.Join(", ", KindKeys.Keys)}" : $"; did you mean '{close}'?"));
        }
        var r = new ObjectReader(map, "", origin, [.. Common, .. keys]);
        string folder = Path.GetDirectoryName(full)!;
        var setup = new CaseSetup(
            Config.Read.Text(r, "name", "a title such as 'B-NCM first discharge'", required: false) ?? Path.GetFileNameWithoutExtension(full),
            Config.Read.Text(r, "description", "a sentence saying what is compared", required: false) ?? "",
            display,
            Flag(r, "quick"),
            CaseFileFields.ExistingFile(r, "config", folder, "case file", "the simulation config, relative to this file"),
            CaseFileFields.Strings(r, "set", "a list of overrides such as [cell.cathode.contact_coverage.value=0.6]"),
            Config.Read.Text(r, "fitted_on", "a sentence saying what the parameters were fitted on", required: false));
        try
        {
            ConfigLoader.Load(setup.ConfigPath, setup.Overrides);
        }
        catch (ConfigException e)
        {
            throw r.KeyOrigin("config").Error("config", $"the case's simulation config does not load: {e.Message}");
        }
        return kind switch
        {
            "metric" => ReadMetric(r, setup, folder),
            "mass_ratio_optimum" => ReadRatio(r, setup, folder),
            "eis_table" => ReadEisTable(r, setup, folder),
            "retention_trend" => ReadTrend(r, setup, folder),
            _ => ReadSeparator(r, setup, folder),
        };
    }

    private static MetricCase ReadMetric(ObjectReader r, CaseSetup setup, string folder)
    {
        string metric = Config.Read.Text(r, "metric", $"a result name ({string.Join(", ", CaseMetrics.Names)})", required: true)!;
        if (!CaseMetrics.Names.Contains(metric))
            throw r.Get("metric")!.Origin.Error("metric", $"unknown result '{metric}'; expected one of {string.Join(", ", CaseMetrics.Names)}");
        return new MetricCase(setup, metric, Measured(r, "measured", folder), Fraction(r, "relative_tolerance"), Role(r, "role"));
    }

    private static RatioOptimumCase ReadRatio(ObjectReader r, CaseSetup setup, string folder)
    {
        var range = new ObjectReader(Config.Read.Map(r, "range", "{from: 0.60, to: 0.80, points: 9}", required: true)!, "range", r.KeyOrigin("range"), "from", "to", "points");
        double from = Config.Read.Quantity(range, "from", Units.QuantityKind.Number, Bounds.OpenUnit, required: true)!.Value;
        double to = Config.Read.Quantity(range, "to", Units.QuantityKind.Number, Bounds.OpenUnit, required: true)!.Value;
        int points = Config.Read.Integer(range, "points", 3, "9", required: false) ?? 9;
        if (!(from < to)) throw range.KeyOrigin("to").Error("range.to", $"must be above range.from ({from})");
        var accept = new ObjectReader(Config.Read.Map(r, "accept", "{from: 0.60, to: 0.70}", required: true)!, "accept", r.KeyOrigin("accept"), "from", "to");
        double acceptFrom = Config.Read.Quantity(accept, "from", Units.QuantityKind.Number, Bounds.OpenUnit, required: true)!.Value;
        double acceptTo = Config.Read.Quantity(accept, "to", Units.QuantityKind.Number, Bounds.OpenUnit, required: true)!.Value;
        if (!(acceptFrom < acceptTo)) throw accept.KeyOrigin("to").Error("accept.to", $"must be above accept.from ({acceptFrom})");
        return new RatioOptimumCase(setup, from, to, points, Measured(r, "measured", folder), acceptFrom, acceptTo, Role(r, "role"));
    }

    private static EisTableCase ReadEisTable(ObjectReader r, CaseSetup setup, string folder)
    {
        var (table, rows) = Table(r, folder);
        string cathode = Config.Read.Text(r, "cathode", "a cathode name of the table such as B-NCM", required: true)!;
        var cycles = CaseFileFields.Cycles(r, "cycles");
        var selected = rows.Where(row => row.Cathode == cathode && (cycles.Count == 0 || cycles.Contains(row.State.Cycle))).ToList();
        if (selected.Count == 0)
            throw r.Get("cathode")!.Origin.Error("cathode", $"no rows of '{cathode}'{(cycles.Count > 0 ? " in the cycles given" : "")} in {table}; the table has {string.Join(", ", rows.Select(x => x.Cathode).Distinct())}");
        var tolerancesMap = Config.Read.Map(r, "tolerances", "a map such as {R_SE: {relative: 0.10, share: 1.0}, R_cathode_SE: {relative: 0.30, share: 0.8}}", required: true)!;
        var tolerances = new List<ResistanceTolerance>();
        foreach (var entry in tolerancesMap.Entries)
        {
            string path = $"tolerances.{entry.Key}";
            if (!InSituResistanceSet.Quantities.Contains(entry.Key))
                throw entry.KeyOrigin.Error(path, $"unknown resistance '{entry.Key}'; expected {string.Join(", ", InSituResistanceSet.Quantities)}");
            if (entry.Value is not MapNode m) throw Config.Read.Expected(entry.Value, path, "a map such as {relative: 0.30, share: 0.8}");
            var t = new ObjectReader(m, path, entry.KeyOrigin, "relative", "share");
            tolerances.Add(new ResistanceTolerance(entry.Key,
                Config.Read.Quantity(t, "relative", Units.QuantityKind.Number, Bounds.Positive, required: true)!.Value,
                Config.Read.Quantity(t, "share", Units.QuantityKind.Number, Bounds.UpToOne, required: false) ?? 1.0));
        }
        var reported = CaseFileFields.Resistances(r, "reported");
        var fittedQuantities = CaseFileFields.Resistances(r, "fitted_quantities");
        var fittedCycles = CaseFileFields.Cycles(r, "fitted_cycles").ToHashSet();
        if (fittedCycles.Count > 0 && fittedQuantities.Count == 0)
            throw r.KeyOrigin("fitted_cycles").Error("fitted_quantities", "missing required value; with fitted_cycles, say which resistances were fitted, such as [R_SE, R_cathode_SE]");
        return new EisTableCase(setup, table, cathode, selected, tolerances, reported, fittedCycles, fittedQuantities.ToHashSet());
    }

    private static RetentionTrendCase ReadTrend(ObjectReader r, CaseSetup setup, string folder)
    {
        string parameter = Config.Read.Text(r, "parameter", "a config key such as cell.cathode.active_mass_fraction", required: true)!;
        var node = r.Get("points") ?? throw r.Missing("points", "a list of {label, value, measured, role}");
        if (node is not SequenceNode seq || seq.Items.Count < 2) throw Config.Read.Expected(node, "points", "a list of at least two {label, value, measured, role}");
        var points = new List<TrendPoint>();
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string path = $"points[{i}]";
            if (seq.Items[i] is not MapNode m) throw Config.Read.Expected(seq.Items[i], path, "a map {label, value, measured, role}");
            var p = new ObjectReader(m, path, seq.Items[i].Origin, "label", "value", "measured", "role");
            string value = Config.Read.Text(p, "value", "the parameter's value at this point, such as 0.70", required: true)!;
            try
            {
                ConfigLoader.Load(setup.ConfigPath, [.. setup.Overrides, $"{parameter}={value}"]);
            }
            catch (ConfigException e)
            {
                throw p.KeyOrigin("value").Error($"{path}.value", $"{parameter}={value} does not load: {e.Message}");
            }
            points.Add(new TrendPoint(Config.Read.Text(p, "label", "a label such as '30 wt% Li3InCl6'", required: false) ?? value, value, Measured(p, "measured", folder), Role(p, "role")));
        }
        double tolerance = Config.Read.Quantity(r, "absolute_tolerance", Units.QuantityKind.Number, Bounds.Positive, required: true)!.Value;
        return new RetentionTrendCase(setup, parameter, points, tolerance);
    }

    private static SeparatorResistanceCase ReadSeparator(ObjectReader r, CaseSetup setup, string folder)
    {
        var (table, rows) = Table(r, folder);
        var at = new ObjectReader(Config.Read.Map(r, "rows", "{cycle: 1, step: charge, voltage: 3.20}", required: true)!, "rows", r.KeyOrigin("rows"), "cycle", "step", "voltage");
        int cycle = Config.Read.Integer(at, "cycle", 1, "1", required: true)!.Value;
        string step = Config.Read.Text(at, "step", "charge, discharge or start", required: true)!;
        double voltage = Config.Read.Quantity(at, "voltage", Units.QuantityKind.Number, Bounds.Positive, required: true)!.Value;
        var selected = rows.Where(x => x.State.Cycle == cycle && x.State.Step == step && Math.Abs(x.State.Voltage - voltage) < 1e-6).ToList();
        if (selected.Count == 0) throw r.KeyOrigin("rows").Error("rows", $"no rows of cycle {cycle}, {step}, {voltage} V in {table}");
        return new SeparatorResistanceCase(setup, table, selected, Fraction(r, "relative_tolerance"));
    }

    private static (string Display, IReadOnlyList<MeasuredResistanceRow> Rows) Table(ObjectReader r, string folder)
    {
        string path = CaseFileFields.ExistingFile(r, "table", folder, "case file", "a table of fitted EIS resistances, relative to this file");
        try
        {
            return (ConfigLoader.Display(path), MeasuredResistanceTable.Read(path));
        }
        catch (MeasurementFileException e)
        {
            throw r.Get("table")!.Origin.Error("table", e.Message);
        }
    }

    internal static MeasuredNumber Measured(ObjectReader r, string key, string folder)
    {
        string path = r.Child(key);
        var map = Config.Read.Map(r, key, "{file: ../reported_results.csv, id: cap_opt} or {value: 216.4, unit: mAh/g, source: \"...\"}", required: true)!;
        var m = new ObjectReader(map, path, r.KeyOrigin(key), "file", "id", "value", "unit");
        if (m.Has("file"))
        {
            string file = CaseFileFields.ExistingFile(m, "file", folder, "case file", "a CSV of reported results (id,quantity,value,unit,conditions)");
            string id = Config.Read.Text(m, "id", "the result's id in that file, such as cap_opt", required: true)!;
            IReadOnlyDictionary<string, ReportedResult> results;
            try
            {
                results = ReportedResults.Read(file);
            }
            catch (MeasurementFileException e)
            {
                throw m.Get("file")!.Origin.Error($"{path}.file", e.Message);
            }
            if (!results.TryGetValue(id, out var result))
                throw m.Get("id")!.Origin.Error($"{path}.id", $"no result '{id}' in {ConfigLoader.Display(file)}; it has {string.Join(", ", results.Keys)}");
            return new MeasuredNumber(result.Value, result.Unit, $"{ConfigLoader.Display(file)}: {id} ({result.Quantity})");
        }
        double value = Config.Read.Quantity(m, "value", Units.QuantityKind.Number, Bounds.Any, required: true)!.Value;
        string unit = Config.Read.Text(m, "unit", "the unit of the value as written, such as mAh/g", required: true)!;
        string source = (map.Find("source")?.Value as ScalarNode)?.Value ?? throw m.Missing("source", "where the number comes from");
        return new MeasuredNumber(value, unit, source);
    }

    private static DataRole Role(ObjectReader r, string key)
    {
        string text = Config.Read.Text(r, key, "fitted or predicted", required: true)!;
        return text switch
        {
            "fitted" => DataRole.Fitted,
            "predicted" => DataRole.Predicted,
            _ => throw r.Get(key)!.Origin.Error(r.Child(key), $"expected fitted or predicted, got '{text}'"),
        };
    }

    private static double Fraction(ObjectReader r, string key) =>
        Config.Read.Quantity(r, key, Units.QuantityKind.Number, Bounds.Positive, required: true)!.Value;

    private static bool Flag(ObjectReader r, string key)
    {
        string? text = Config.Read.Text(r, key, "true or false", required: false);
        return text switch
        {
            null or "false" => false,
            "true" => true,
            _ => throw r.Get(key)!.Origin.Error(r.Child(key), $"expected true or false, got '{text}'"),
        };
    }
}
