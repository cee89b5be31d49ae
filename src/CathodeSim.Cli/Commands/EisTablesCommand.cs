using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Impedance;
using CathodeSim.IO.Config;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Output;
using CathodeSim.IO.Validation;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>
/// `cathodesim eis-tables`: the seed's in-situ EIS tables (S2-S4) against the model. For every row: simulate the cell
/// to that state (charge or discharge to the voltage at 0.1C, preceded by the earlier cycles, then 1 h rest), compute
/// the spectrum from 1 MHz to 10 mHz, fit the experiment's kind of circuit R_SE - (R||CPE) - (R||CPE) - W, assign the
/// faster arc to the Li-In interface and the slower one to the cathode, and compare R_SE, R_cathode/SE and R_anode/SE.
/// </summary>
internal static class EisTablesCommand
{
    private sealed record Outcome(MeasuredResistanceRow Row, InSituResistanceSet Simulated)
    {
        public double RSe => Simulated.Electrolyte;

        public double RCathode => Simulated.CathodeInterface;

        public double RAnode => Simulated.AnodeInterface;

        public string? Problem => Simulated.Problem;
    }

    public static Command Create(CliContext context)
    {
        var table = new Option<string>("--table") { Description = "Measured table (CSV: cathode,cycle,step,voltage_V_vs_LiIn,R_SE_ohm,R_cathode_SE_ohm,R_anode_SE_ohm).", DefaultValueFactory = _ => "validation/eis_fits_tables_S2_S4.csv" };
        var cathode = new Option<string>("--cathode") { Description = "B-NCM, s-NCM, m-NCM or all.", DefaultValueFactory = _ => "all" };
        var configs = new Option<string>("--configs") { Description = "Folder of the cathodes' configs (<x>-ncm-65.yaml).", DefaultValueFactory = _ => "configs" };
        var output = CommonOptions.Output();
        var json = CommonOptions.Json();
        var set = CommonOptions.Set();
        var command = new Command("eis-tables", """
            Reproduce the seed's in-situ EIS tables: simulate each row's state, compute and fit its spectrum with
            R_SE-(R||CPE)-(R||CPE)-W, and compare R_SE, R_cathode/SE and R_anode/SE with the measured values.

            Example:
              cathodesim eis-tables --cathode B-NCM --output out/eis-tables
            """)
        {
            table, cathode, configs, output, json, set,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(table)!, parse.GetValue(cathode)!, parse.GetValue(configs)!,
            parse.GetValue(output), parse.GetValue(json), parse.GetValue(set) ?? []));
        return command;
    }

    private static ExitCode Execute(CliContext context, string tablePath, string cathode, string configFolder, string? outputDirectory, bool json, IReadOnlyList<string> overrides)
    {
        List<MeasuredResistanceRow> rows;
        try
        {
            var all = MeasuredResistanceTable.Read(tablePath);
            rows = all.Where(r => cathode.Equals("all", StringComparison.OrdinalIgnoreCase) || r.Cathode.Equals(cathode, StringComparison.OrdinalIgnoreCase)).ToList();
            if (rows.Count == 0) throw new FormatException($"--cathode '{cathode}': no rows; the table has {string.Join(", ", all.Select(r => r.Cathode).Distinct())}");
            foreach (var name in rows.Select(r => r.Cathode).Distinct()) ConfigLoader.Load(ConfigFor(configFolder, name), overrides);
        }
        catch (Exception e) when (e is FormatException or IOException or ConfigException or MeasurementFileException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        var outcomes = new Outcome[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = context.Cancellation }, i => outcomes[i] = new Outcome(rows[i],
            InSituResistances.Simulate(ConfigLoader.Load(ConfigFor(configFolder, rows[i].Cathode), overrides).Setup, rows[i].State, context.Cancellation)));

        string directory = Path.GetFullPath(outputDirectory ?? "out");
        var text = new StringBuilder("cathode,cycle,step,voltage_V,R_SE_measured_ohm,R_SE_simulated_ohm,R_cathode_measured_ohm,R_cathode_simulated_ohm,R_anode_measured_ohm,R_anode_simulated_ohm,problem\n");
        foreach (var o in outcomes)
            text.Append(CultureInfo.InvariantCulture, $"{o.Row.Cathode},{o.Row.State.Cycle},{o.Row.State.Step},{o.Row.State.Voltage},{o.Row.Electrolyte},{o.RSe:R},{o.Row.CathodeInterface},{o.RCathode:R},{o.Row.AnodeInterface},{o.RAnode:R},{o.Problem}\n");
        if (!OutputFiles.TryWrite(context, directory, staging =>
            {
                string staged = Path.Combine(staging, "eis_tables_comparison.csv");
                AtomicFile.WriteText(staged, text.ToString());
                return [staged];
            }, out var written))
            return ExitCode.Failure;
        string csvPath = written[0];

        static double Error(double simulated, double measured) => (simulated - measured) / measured;
        int Within(Func<Outcome, double> error, double tolerance) => outcomes.Count(o => Math.Abs(error(o)) <= tolerance);
        int seWithin = Within(o => Error(o.RSe, o.Row.Electrolyte), 0.10), cathodeWithin = Within(o => Error(o.RCathode, o.Row.CathodeInterface), 0.30);
        if (json)
        {
            var list = new JsonArray();
            foreach (var o in outcomes)
                list.Add(new JsonObject
                {
                    ["cathode"] = o.Row.Cathode, ["cycle"] = o.Row.State.Cycle, ["step"] = o.Row.State.Step, ["voltage_V"] = o.Row.State.Voltage,
                    ["R_SE_measured_ohm"] = o.Row.Electrolyte, ["R_SE_simulated_ohm"] = N(o.RSe),
                    ["R_cathode_measured_ohm"] = o.Row.CathodeInterface, ["R_cathode_simulated_ohm"] = N(o.RCathode),
                    ["R_anode_measured_ohm"] = o.Row.AnodeInterface, ["R_anode_simulated_ohm"] = N(o.RAnode), ["problem"] = o.Problem,
                });
            context.Out.WriteLine(new JsonObject
            {
                ["rows"] = list, ["R_SE_within_10_percent"] = seWithin, ["R_cathode_within_30_percent"] = cathodeWithin, ["row_count"] = outcomes.Length, ["file"] = csvPath,
            }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            var t = new Table().Title("in-situ EIS: measured (seed Tables S2-S4) against simulated, ohm");
            foreach (var h in new[] { "cathode", "cycle", "step", "V", "R_SE meas", "sim", "err", "R_cath meas", "sim", "err", "R_an meas", "sim", "err" }) t.AddColumn(h);
            foreach (var o in outcomes)
                t.AddRow(o.Row.Cathode, o.Row.State.Cycle.ToString(CultureInfo.InvariantCulture), o.Row.State.Step, o.Row.State.Voltage.ToString("F2", CultureInfo.InvariantCulture),
                    F(o.Row.Electrolyte), F(o.RSe), P(Error(o.RSe, o.Row.Electrolyte)), F(o.Row.CathodeInterface), F(o.RCathode), P(Error(o.RCathode, o.Row.CathodeInterface)),
                    F(o.Row.AnodeInterface), F(o.RAnode), P(Error(o.RAnode, o.Row.AnodeInterface)));
            context.Human.Write(t);
            context.Human.MarkupLineInterpolated($"R_SE within 10 %: {seWithin}/{outcomes.Length} rows; R_cathode/SE within 30 %: {cathodeWithin}/{outcomes.Length} rows");
            context.Human.MarkupLineInterpolated($"wrote [green]{csvPath}[/]");
        }
        return ExitCode.Success;
    }

    private static string ConfigFor(string folder, string cathode) => Path.Combine(folder, $"{cathode.Split('-')[0].ToLowerInvariant()}-ncm-65.yaml");

    private static JsonNode? N(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F1", CultureInfo.InvariantCulture) : "-";

    private static string P(double v) => double.IsFinite(v) ? v.ToString("+0%;-0%", CultureInfo.InvariantCulture) : "-";
}
