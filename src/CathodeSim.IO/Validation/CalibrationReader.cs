using CathodeSim.Analysis.Calibration;
using CathodeSim.Analysis.Capacity;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.IO.Config;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Units;
using CathodeSim.Model.Protocol;
using CathodeSim.Numerics.Interpolation;

namespace CathodeSim.IO.Validation;

/// <summary>
/// Reads a calibration file (YAML) for <c>cathodesim fit</c>. Paths are relative to the file; values carry units;
/// errors name the file, line and key. Every parameter is tried in the config at its initial value and at both bounds
/// before anything runs, so a wrong key or unit fails at once.
/// </summary>
/// <remarks>
/// <code>
/// name: b-ncm-65
/// config: ../b-ncm-65-cycling.yaml
/// write: b-ncm-65.yaml                  # where `fit --write-config` puts the calibrated config (optional; without the flag: &lt;output&gt;/&lt;name&gt;.yaml)
/// max_iterations: 25
/// parameters:
///   - {key: materials.NCM90.exchange_current_density.value, initial: 0.5 A/m^2, bounds: [0.05 A/m^2, 20 A/m^2], scale: log}
/// data:
///   - {kind: eis_resistances, table: ../../validation/eis_fits_tables_S2_S4.csv, cathode: B-NCM, cycles: [1, 2],
///      quantities: [R_SE, R_cathode_SE], relative_uncertainty: 0.05}
///   - {kind: metric, metric: discharge_capacity_mAh_per_g, measured: {file: ../../validation/reported_results.csv, id: cap_opt},
///      relative_uncertainty: 0.01, protocol: [Charge at 0.1C until 3.7 V, Discharge at 0.1C until 2.1 V]}
///   - {kind: spectrum, file: data/peis.mpr, frequency_range: [10 mHz, 100 kHz], relative_uncertainty: 0.02,
///      protocol: [Charge at 0.1C until 3.6 V, Rest for 1 h]}                  # Re and Im at every frequency, weighted by |Z|
///   - {kind: voltage_series, file: data/gitt.mpt, points: 80, voltage_uncertainty: 5 mV}   # the config's protocol reproduces the record
///   - {kind: cycle_capacities, file: data/cycling.mpr, active_mass: 3.575 mg, cycles: [1, 10, 20, 50], relative_uncertainty: 0.01}
/// </code>
/// </remarks>
public static class CalibrationReader
{
    /// <summary>Reads and checks a calibration file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="overrides">Extra --set overrides applied to every simulation after the file's own.</param>
    /// <exception cref="ConfigException">Anything wrong (file, line and key named).</exception>
    public static CalibrationDefinition Read(string path, IReadOnlyList<string> overrides)
    {
        string full = Path.GetFullPath(path);
        string display = ConfigLoader.Display(full);
        if (!File.Exists(full)) throw new ConfigException(display, null, null, "calibration file not found");
        var map = ConfigYaml.ReadMapFile(full, display, "a calibration (config, parameters, data) at the top level", out _);
        var r = new ObjectReader(map, "", new Origin(display, 1), "name", "description", "config", "set", "write", "max_iterations", "parameters", "data");
        string folder = Path.GetDirectoryName(full)!;
        string configPath = CaseFileFields.ExistingFile(r, "config", folder, "calibration file", "the simulation config the parameters enter, relative to this file");
        var set = CaseFileFields.Strings(r, "set", "a list of overrides such as [numerics.size_bins=3]").Concat(overrides).ToList();
        try
        {
            ConfigLoader.Load(configPath, set);
        }
        catch (ConfigException e)
        {
            throw r.KeyOrigin("config").Error("config", $"the calibration's config does not load: {e.Message}");
        }
        string? write = Config.Read.Text(r, "write", "where to write the calibrated config, relative to this file", required: false);
        var keys = ReadParameters(r, configPath, set);
        var data = ReadData(r, folder);
        int observations = data.Sum(d => d switch
        {
            EisResistanceData e => e.Rows.Count * e.Quantities.Count,
            SpectrumData sp => 2 * sp.Frequency.Length,
            VoltageSeriesData v => v.Time.Length,
            CycleCapacityData c => c.Cycles.Length,
            _ => 1,
        });
        if (observations < keys.Count)
            throw r.KeyOrigin("data").Error("data", $"{keys.Count} parameters cannot be estimated from {observations} measured values");
        return new CalibrationDefinition(
            Config.Read.Text(r, "name", "a name such as b-ncm-65", required: false) ?? Path.GetFileNameWithoutExtension(full),
            Config.Read.Text(r, "description", "what is calibrated", required: false) ?? "",
            display, configPath, set, write is null ? null : Path.GetFullPath(Path.Combine(folder, write)), keys, data,
            Config.Read.Integer(r, "max_iterations", 1, "25", required: false) ?? 25);
    }

    private static List<CalibratedKey> ReadParameters(ObjectReader r, string configPath, List<string> set)
    {
        var node = r.Get("parameters") ?? throw r.Missing("parameters", "a list of {key, initial, bounds, scale}");
        if (node is not SequenceNode seq || seq.Items.Count == 0) throw Config.Read.Expected(node, "parameters", "a list of at least one {key, initial, bounds, scale}");
        var keys = new List<CalibratedKey>();
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string path = $"parameters[{i}]";
            if (seq.Items[i] is not MapNode m) throw Config.Read.Expected(seq.Items[i], path, "a map {key, initial, bounds, scale}");
            var p = new ObjectReader(m, path, seq.Items[i].Origin, "key", "initial", "bounds", "scale");
            string key = Config.Read.Text(p, "key", "a config key path such as materials.NCM90.exchange_current_density.value", required: true)!;
            if (keys.Any(k => k.Key == key)) throw p.Get("key")!.Origin.Error($"{path}.key", $"'{key}' is listed twice");
            var (initial, unit, factor, dimension) = Value(p, "initial", path);
            var boundsNode = p.Get("bounds") ?? throw p.Missing("bounds", "[lower, upper] in the unit of initial, such as [0.05 A/m^2, 20 A/m^2]");
            if (boundsNode is not SequenceNode b || b.Items.Count != 2 || b.Items.Any(x => x is not ScalarNode))
                throw Config.Read.Expected(boundsNode, $"{path}.bounds", "[lower, upper], such as [0.05 A/m^2, 20 A/m^2]");
            double[] bounds = b.Items.Select(x =>
            {
                var q = Parse((ScalarNode)x, $"{path}.bounds", unit);
                if (q.Dimension != dimension) throw x.Origin.Error($"{path}.bounds", $"'{((ScalarNode)x).Value}' is not in the dimension of initial ({QuantityKind.Describe(dimension)})");
                return q.Value;
            }).ToArray();
            string scaleText = Config.Read.Text(p, "scale", "linear or log", required: false) ?? "linear";
            var scale = scaleText switch
            {
                "linear" => ParameterScale.Linear,
                "log" => ParameterScale.Log,
                _ => throw p.Get("scale")!.Origin.Error($"{path}.scale", $"expected linear or log, got '{scaleText}'"),
            };
            var parameter = new FitParameter(key, initial, bounds[0], bounds[1], scale);
            if (parameter.Problem() is { } problem) throw seq.Items[i].Origin.Error(path, problem);
            var calibrated = new CalibratedKey(key, parameter, unit, factor);
            foreach (double v in new[] { initial, bounds[0], bounds[1] })
            {
                try
                {
                    ConfigLoader.Load(configPath, [.. set, calibrated.Override(v)]);
                }
                catch (ConfigException e)
                {
                    throw p.Get("key")!.Origin.Error($"{path}.key", $"the config does not accept {calibrated.Override(v)}: {e.Message}");
                }
            }
            keys.Add(calibrated);
        }
        return keys;
    }

    private static List<CalibrationData> ReadData(ObjectReader r, string folder)
    {
        var node = r.Get("data") ?? throw r.Missing("data", "a list of measured data such as {kind: eis_resistances, ...}");
        if (node is not SequenceNode seq || seq.Items.Count == 0) throw Config.Read.Expected(node, "data", "a list of at least one measured data set");
        var data = new List<CalibrationData>();
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string path = $"data[{i}]";
            if (seq.Items[i] is not MapNode m) throw Config.Read.Expected(seq.Items[i], path, "a map with kind: eis_resistances or metric");
            string kind = (m.Find("kind")?.Value as ScalarNode)?.Value.Trim() ?? throw seq.Items[i].Origin.Error($"{path}.kind", "missing required value; expected eis_resistances or metric");
            if (kind == "eis_resistances")
            {
                var d = new ObjectReader(m, path, seq.Items[i].Origin, "kind", "label", "table", "cathode", "cycles", "quantities", "relative_uncertainty", "set");
                string table = CaseFileFields.ExistingFile(d, "table", folder, "calibration file", "a table of fitted EIS resistances, relative to this file");
                IReadOnlyList<MeasuredResistanceRow> rows;
                try
                {
                    rows = MeasuredResistanceTable.Read(table);
                }
                catch (MeasurementFileException e)
                {
                    throw d.Get("table")!.Origin.Error($"{path}.table", e.Message);
                }
                string cathode = Config.Read.Text(d, "cathode", "a cathode of the table such as B-NCM", required: true)!;
                var cycles = CaseFileFields.Cycles(d, "cycles").ToHashSet();
                var selected = rows.Where(x => x.Cathode == cathode && (cycles.Count == 0 || cycles.Contains(x.State.Cycle))).ToList();
                if (selected.Count == 0) throw d.Get("cathode")!.Origin.Error($"{path}.cathode", $"no rows of '{cathode}' in the cycles given");
                var quantities = CaseFileFields.Resistances(d, "quantities");
                if (quantities.Count == 0) throw d.Missing("quantities", "a list such as [R_SE, R_cathode_SE]");
                data.Add(new EisResistanceData(
                    Config.Read.Text(d, "label", "a label", required: false) ?? $"{cathode} in-situ EIS, cycles {(cycles.Count == 0 ? "all" : string.Join(", ", cycles.Order()))}",
                    cathode, selected, quantities, Uncertainty(d), CaseFileFields.Strings(d, "set", "a list of overrides")));
            }
            else if (kind == "metric")
            {
                var d = new ObjectReader(m, path, seq.Items[i].Origin, "kind", "label", "metric", "measured", "relative_uncertainty", "protocol", "set");
                string metric = Config.Read.Text(d, "metric", $"a result name ({string.Join(", ", CaseMetrics.Names)})", required: true)!;
                if (!CaseMetrics.Names.Contains(metric))
                    throw d.Get("metric")!.Origin.Error($"{path}.metric", $"unknown result '{metric}'; expected one of {string.Join(", ", CaseMetrics.Names)}");
                var measured = ValidationCaseReader.Measured(d, "measured", folder);
                var protocol = Protocol(d, path);
                data.Add(new MetricData(Config.Read.Text(d, "label", "a label", required: false) ?? metric, metric, measured, Uncertainty(d), protocol, CaseFileFields.Strings(d, "set", "a list of overrides")));
            }
            else if (kind == "spectrum")
            {
                var d = new ObjectReader(m, path, seq.Items[i].Origin, "kind", "label", "file", "frequency_range", "protocol", "relative_uncertainty", "set");
                string file = CaseFileFields.ExistingFile(d, "file", folder, "calibration file", "an impedance spectrum file (EC-Lab .mpr/.mpt, Gamry .DTA, CSV)");
                MeasuredSpectrum spectrum;
                try
                {
                    spectrum = MeasurementReader.ReadSpectrum(file);
                }
                catch (MeasurementFileException e)
                {
                    throw d.Get("file")!.Origin.Error($"{path}.file", e.Message);
                }
                double lo = 0, hi = double.PositiveInfinity;
                if (d.Get("frequency_range") is { } rangeNode)
                {
                    if (rangeNode is not SequenceNode range || range.Items.Count != 2 || range.Items.Any(x => x is not ScalarNode))
                        throw Config.Read.Expected(rangeNode, $"{path}.frequency_range", "[lowest, highest] such as [10 mHz, 100 kHz]");
                    double[] f = range.Items.Select(x => Config.Read.Scalar(x, $"{path}.frequency_range", QuantityKind.Frequency, Bounds.Positive)).ToArray();
                    (lo, hi) = (f[0], f[1]);
                    if (!(lo < hi)) throw rangeNode.Origin.Error($"{path}.frequency_range", "the lowest frequency must be below the highest");
                }
                var keep = Enumerable.Range(0, spectrum.Frequency.Length).Where(k => spectrum.Frequency[k] >= lo && spectrum.Frequency[k] <= hi).ToArray();
                if (keep.Length < 3) throw d.Get("file")!.Origin.Error($"{path}.file", $"fewer than 3 points of the spectrum lie in the frequency range");
                data.Add(new SpectrumData(Config.Read.Text(d, "label", "a label", required: false) ?? $"spectrum {Path.GetFileName(file)}",
                    keep.Select(k => spectrum.Frequency[k]).ToArray(), keep.Select(k => spectrum.Real[k]).ToArray(), keep.Select(k => spectrum.Imaginary[k]).ToArray(),
                    Protocol(d, path), Uncertainty(d), CaseFileFields.Strings(d, "set", "a list of overrides")));
            }
            else if (kind == "voltage_series")
            {
                var d = new ObjectReader(m, path, seq.Items[i].Origin, "kind", "label", "file", "points", "voltage_uncertainty", "protocol", "set",
                    "time_unit", "current_unit", "voltage_unit");
                string file = CaseFileFields.ExistingFile(d, "file", folder, "calibration file", "a time series file (EC-Lab .mpr/.mpt, Gamry .DTA, CSV)");
                MeasuredSeries series;
                try
                {
                    series = MeasurementReader.ReadSeries(file, new SeriesReadOptions
                    {
                        TimeUnit = Config.Read.Text(d, "time_unit", "a unit such as s or min", required: false),
                        TimeUnitOption = "time_unit",
                        CurrentUnit = Config.Read.Text(d, "current_unit", "a unit such as mA", required: false),
                        VoltageUnit = Config.Read.Text(d, "voltage_unit", "a unit such as V", required: false),
                    });
                }
                catch (MeasurementFileException e)
                {
                    throw d.Get("file")!.Origin.Error($"{path}.file", e.Message);
                }
                int points = Config.Read.Integer(d, "points", 2, "60", required: false) ?? 60;
                var (time, voltage) = Sample(series, points);
                data.Add(new VoltageSeriesData(Config.Read.Text(d, "label", "a label", required: false) ?? $"voltage {Path.GetFileName(file)}", time, voltage,
                    Protocol(d, path), Config.Read.Quantity(d, "voltage_uncertainty", QuantityKind.Voltage, Bounds.Positive, required: true)!.Value,
                    CaseFileFields.Strings(d, "set", "a list of overrides")));
            }
            else if (kind == "cycle_capacities")
            {
                var d = new ObjectReader(m, path, seq.Items[i].Origin, "kind", "label", "file", "active_mass", "cycles", "capacity", "relative_uncertainty",
                    "protocol", "set", "time_unit", "current_unit", "voltage_unit");
                string file = CaseFileFields.ExistingFile(d, "file", folder, "calibration file", "a cycling record (EC-Lab .mpr/.mpt, Gamry .DTA, CSV)");
                double mass = Config.Read.Quantity(d, "active_mass", QuantityKind.Mass, Bounds.Positive, required: true)!.Value;
                string which = Config.Read.Text(d, "capacity", "discharge or charge", required: false) ?? "discharge";
                if (which is not ("discharge" or "charge")) throw d.Get("capacity")!.Origin.Error($"{path}.capacity", $"expected discharge or charge, got '{which}'");
                CycleStatisticsResult statistics;
                try
                {
                    var series = MeasurementReader.ReadSeries(file, new SeriesReadOptions
                    {
                        TimeUnit = Config.Read.Text(d, "time_unit", "a unit such as s or min", required: false),
                        TimeUnitOption = "time_unit",
                        CurrentUnit = Config.Read.Text(d, "current_unit", "a unit such as mA", required: false),
                        VoltageUnit = Config.Read.Text(d, "voltage_unit", "a unit such as V", required: false),
                    });
                    statistics = CycleStatistics.Compute(new CyclingSeries(series.Time, series.Current, series.Voltage, series.Cycle), mass);
                }
                catch (MeasurementFileException e)
                {
                    throw d.Get("file")!.Origin.Error($"{path}.file", e.Message);
                }
                catch (ArgumentException e)
                {
                    throw d.Get("file")!.Origin.Error($"{path}.file", e.Message);
                }
                var wanted = CaseFileFields.Cycles(d, "cycles").ToHashSet();
                var rows = statistics.Cycles.Where(c => wanted.Count == 0 || wanted.Contains(c.Cycle)).ToList();
                foreach (int c in wanted.Where(c => statistics.Cycles.All(r => r.Cycle != c)))
                    throw d.Get("cycles")!.Origin.Error($"{path}.cycles", $"cycle {c} is not in {Path.GetFileName(file)} (it has cycles {statistics.Cycles[0].Cycle}-{statistics.Cycles[^1].Cycle})");
                bool discharge = which == "discharge";
                data.Add(new CycleCapacityData(Config.Read.Text(d, "label", "a label", required: false) ?? $"{which} capacity per cycle, {Path.GetFileName(file)}",
                    rows.Select(r => r.Cycle).ToArray(), rows.Select(r => discharge ? r.DischargeCapacity : r.ChargeCapacity).ToArray(), discharge,
                    Protocol(d, path), Uncertainty(d), CaseFileFields.Strings(d, "set", "a list of overrides")));
            }
            else
            {
                throw m.Find("kind")!.Value.Origin.Error($"{path}.kind", $"unknown kind '{kind}'; expected eis_resistances, metric, spectrum, voltage_series or cycle_capacities");
            }
        }
        return data;
    }

    /// <summary>The record at <paramref name="points"/> times evenly spread over its duration (times from its start), interpolated linearly.</summary>
    private static (double[] Time, double[] Voltage) Sample(MeasuredSeries series, int points)
    {
        double t0 = series.Time[0], duration = series.Time[^1] - t0;
        var at = new double[points];
        for (int k = 0; k < points; k++) at[k] = t0 + duration * k / (points - 1);
        var voltage = new double[points];
        PiecewiseLinear.Sample(series.Time, series.Voltage, at, voltage);
        return (at.Select(t => t - t0).ToArray(), voltage);
    }

    /// <summary>The data's own protocol, written as in a config (sentences, repeat blocks), or null for the config's.</summary>
    private static IReadOnlyList<ProtocolStep>? Protocol(ObjectReader d, string path) => d.Has("protocol") ? SetupBuilder.ReadProtocol(d, "protocol") : null;

    private static double Uncertainty(ObjectReader r) =>
        Config.Read.Quantity(r, "relative_uncertainty", QuantityKind.Number, Bounds.Positive, required: true)!.Value;

    private static (double Value, string Unit, double Factor, Dimension Dimension) Value(ObjectReader p, string key, string path)
    {
        var node = p.Get(key) ?? throw p.Missing(key, "a value with its unit, such as 0.5 A/m^2");
        if (node is not ScalarNode s) throw Config.Read.Expected(node, $"{path}.{key}", "a value with its unit, such as 0.5 A/m^2");
        if (!UnitParser.TrySplitNumber(s.Value, out _, out string unit))
            throw s.Origin.Error($"{path}.{key}", $"expected a number with its unit, such as 0.5 A/m^2, got '{s.Value}'");
        var q = Parse(s, $"{path}.{key}", null);
        double factor = unit.Length == 0 ? 1 : UnitParser.ParseUnit(unit).Factor;
        return (q.Value, unit, factor, q.Dimension);
    }

    private static Quantity Parse(ScalarNode s, string path, string? defaultUnit)
    {
        try
        {
            string text = s.Value.Trim();
            if (defaultUnit is { Length: > 0 } && UnitParser.TrySplitNumber(text, out _, out string u) && u.Length == 0) text = $"{text} {defaultUnit}";
            return UnitParser.ParseQuantity(text);
        }
        catch (UnitFormatException e)
        {
            throw s.Origin.Error(path, e.Message);
        }
    }
}
