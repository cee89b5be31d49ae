using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Impedance;
using CathodeSim.Cli.Reporting;
using CathodeSim.IO.Config;
using CathodeSim.IO.Output;
using CathodeSim.IO.Units;
using CathodeSim.Model.Impedance;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Simulation;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim eis CONFIG --at "charge to 3.70 V"`: the model's impedance spectrum at a state, after relaxation.</summary>
internal static class EisCommand
{
    public static Command Create(CliContext context)
    {
        var config = CommonOptions.Config();
        var output = CommonOptions.Output();
        var json = CommonOptions.Json();
        var set = CommonOptions.Set();
        var at = new Option<string>("--at") { Description = "State: 'rest' (as assembled, or as --after-protocol leaves it), or 'charge to 3.70 V' / 'discharge to 3.2 V' at --rate.", DefaultValueFactory = _ => "rest" };
        var after = new Option<bool>("--after-protocol")
        {
            Description = "First run the config's own protocol (e.g. the 50 cycles of configs/b-ncm-65-cycling.yaml, or --set protocol=[...]), then --at and the rest: the spectrum of an aged cell.",
        };
        var rate = new Option<string>("--rate") { Description = "C-rate used to reach the --at state, e.g. 0.1C or C/10.", DefaultValueFactory = _ => "0.1C", HelpName = "C-RATE" };
        var relax = GittOptions.Quantity("--relax", "Open-circuit rest before the measurement, with its unit.", "TIME", "1 h");
        var from = GittOptions.Quantity("--from", "Highest frequency, with its unit.", "FREQUENCY", "1 MHz");
        var to = GittOptions.Quantity("--to", "Lowest frequency, with its unit.", "FREQUENCY", "10 mHz");
        var perDecade = new Option<int>("--points-per-decade") { Description = "Frequencies per decade.", DefaultValueFactory = _ => 10 };
        var drt = new Option<bool>("--drt")
        {
            Description = "Also compute the distribution of relaxation times of the simulated spectrum (as `cathodesim drt`), write <name>_drt.csv/.png and assign each peak to the model process (separator, counter electrode, charge transfer or solid diffusion per size bin) whose characteristic tau is nearest, within a factor of 3.",
        };
        var drtLambda = new Option<double?>("--drt-lambda") { Description = "DRT regularisation parameter (default: generalised cross-validation).", HelpName = "LAMBDA" };
        var drtPerDecade = new Option<int>("--drt-points-per-decade") { Description = "DRT basis functions per decade of tau.", DefaultValueFactory = _ => 10, HelpName = "N" };
        var command = new Command("eis", """
            Simulate the cell to a state (charging or discharging to a voltage, then relaxing) and compute its small-signal
            impedance from the linearised model (double layers, separator and Li-In interface included); write the
            spectrum as HDF5 and CSV with Nyquist and Bode plots. Capacitances come from cell.impedance in the config
            (defaults: cathode and Li-In double layers 20 uF/cm^2, separator relative permittivity 30).
            Liquid-electrolyte configs (mode: dfn) are linearised the same way on their DFN discretisation, with
            double layers at the particle surfaces and at the lithium metal (cell.impedance: cathode_double_layer,
            counter_double_layer or, in a full cell, anode_double_layer; defaults 20 uF/cm^2).

            Example:
              cathodesim eis configs/b-ncm-65.yaml --at "charge to 3.70 V" --output out/eis
              cathodesim eis configs/b-ncm-65.yaml --drt --from "100 kHz" --to "100 mHz" --relax "30 min" --json
              cathodesim eis configs/b-ncm-65-cycling.yaml --after-protocol --at "charge to 3.70 V"
              cathodesim eis configs/liquid/s-ncm-coin.yaml --at "charge to 3.9 V" --json
            """)
        {
            config, output, json, set, at, after, rate, relax, from, to, perDecade, drt, drtLambda, drtPerDecade,
        };
        command.SetAction(parse =>
        {
            double rateValue, relaxSeconds, highest, lowest;
            try
            {
                rateValue = GittOptions.CRate("--rate", parse.GetValue(rate)!);
                relaxSeconds = GittOptions.Parse("--relax", parse.GetValue(relax), QuantityKind.Time, positive: false)!.Value;
                highest = GittOptions.Parse("--from", parse.GetValue(from), QuantityKind.Frequency)!.Value;
                lowest = GittOptions.Parse("--to", parse.GetValue(to), QuantityKind.Frequency)!.Value;
            }
            catch (ArgumentException e)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return (int)ExitCode.BadInput;
            }
            return (int)Execute(context, parse.GetValue(config)!, parse.GetValue(output), parse.GetValue(json), parse.GetValue(set) ?? [],
                parse.GetValue(at)!, parse.GetValue(after), rateValue, relaxSeconds, highest, lowest, parse.GetValue(perDecade),
                parse.GetValue(drt) ? new DrtOptions { Lambda = parse.GetValue(drtLambda), PointsPerDecade = parse.GetValue(drtPerDecade) } : null);
        });
        return command;
    }

    private static ExitCode Execute(CliContext context, string configPath, string? outputDirectory, bool json, IReadOnlyList<string> overrides,
        string at, bool afterProtocol, double rate, double relaxSeconds, double highest, double lowest, int perDecade, DrtOptions? drtOptions)
    {
        var request = new EisAtStateRequest(configPath, overrides, at, afterProtocol, rate, relaxSeconds, highest, lowest, perDecade, drtOptions, outputDirectory)
        {
            ProgramVersion = ProgramInfo.Version,
        };
        try
        {
            EisAtStateStudy.Check(request, out _);
        }
        catch (Exception e) when (e is ConfigException or FormatException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        var messages = json ? null : new SynchronousProgress<string>(m => context.Progress.MarkupLineInterpolated($"[grey]{m}[/]"));
        EisAtStateOutcome outcome;
        try
        {
            outcome = new EisAtStateStudy(context.StudyLog(), messages).Compute(request, context.Cancellation);
        }
        catch (StudyOutputException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.Failure;
        }
        if (!outcome.Completed)
        {
            context.Error.WriteLine($"solver failure on the way to the state: {outcome.FailureMessage}");
            return ExitCode.SolverFailure;
        }
        var (frequencies, impedance, drt, files, description) = (outcome.Frequencies, outcome.Impedance, outcome.Drt, outcome.Files, outcome.Description);
        if (json)
        {
            var points = new JsonArray();
            for (int i = 0; i < frequencies.Length; i++)
                points.Add(new JsonObject { ["frequency_Hz"] = frequencies[i], ["real_ohm"] = impedance[i].Real, ["imaginary_ohm"] = impedance[i].Imaginary });
            var list = new JsonArray();
            foreach (var f in files) list.Add(f);
            var root = new JsonObject { ["state"] = description, ["voltage_V"] = outcome.Voltage, ["spectrum"] = points };
            if (drt is not null) root["drt"] = DrtReport.Json(drt, outcome.Assignments);
            root["files"] = list;
            context.Out.WriteLine(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            context.Human.MarkupLineInterpolated($"{outcome.Name}: {description}");
            context.Human.MarkupLineInterpolated($"high-frequency Z' {impedance[0].Real:G4} ohm at {frequencies[0]:G3} Hz, Z' {impedance[^1].Real:G4} ohm at {frequencies[^1]:G3} Hz ({frequencies.Length} frequencies)");
            if (drt is not null) DrtReport.Render(context.Human, outcome.Name, drt, outcome.Assignments);
            foreach (var f in files) context.Human.MarkupLineInterpolated($"wrote [green]{f}[/]");
        }
        return ExitCode.Success;
    }
}
