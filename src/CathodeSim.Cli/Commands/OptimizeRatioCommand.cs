using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Optimization;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.Cli.Reporting;
using CathodeSim.IO.Config;
using CathodeSim.IO.Output;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim optimize-ratio CONFIG`: the NCM mass fraction that maximises an objective, and what limits each side.</summary>
internal static class OptimizeRatioCommand
{
    public static Command Create(CliContext context)
    {
        var config = CommonOptions.Config();
        var output = CommonOptions.Output();
        var json = CommonOptions.Json();
        var set = CommonOptions.Set();
        var objective = new Option<string>("--objective") { Description = $"Result to maximise: {string.Join(", ", CaseMetrics.Names.Take(8))}.", DefaultValueFactory = _ => CapacityObjective };
        var rates = new Option<string?>("--rates") { Description = "C-rates at which to run the config's protocol, e.g. 0.1C,1C: the objective averaged over them, or with --map one condition each. Default: the protocol as written." };
        var temperatures = new Option<string?>("--temperatures") { Description = "Thermostat temperatures of the prediction map, e.g. \"25 degC,0 degC,-20 degC\" (implies --map). Default: the config's." };
        var map = new Option<bool>("--map") { Description = "Prediction map: capacity against NCM mass fraction for each rate x temperature, its optimum and 1 % band, and the limiting mechanism at each grid point." };
        var from = new Option<double>("--from") { Description = "Lowest NCM mass fraction of the coarse grid.", DefaultValueFactory = _ => 0.50 };
        var to = new Option<double>("--to") { Description = "Highest NCM mass fraction of the coarse grid.", DefaultValueFactory = _ => 0.90 };
        var points = new Option<int>("--points") { Description = "Coarse grid points.", DefaultValueFactory = _ => 9 };
        var tolerance = new Option<double>("--tolerance") { Description = "Final bracket width in mass fraction.", DefaultValueFactory = _ => 0.005 };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "Simulations run in parallel on the grid (default: every core).", HelpName = "N" };
        var transport = new Option<string>("--transport")
        {
            Description = "Transport laws: closed-form (the config's, default) or microstructure (tabulated from computed 3D structures over the searched range, " +
                "cached in $CATHODESIM_CACHE or ~/.cache/cathodesim/microstructure; the closed-form search is reported beside it).",
            DefaultValueFactory = _ => ClosedForm,
        };
        var command = new Command("optimize-ratio", """
            Find the NCM mass fraction (NCM : solid electrolyte) that maximises an objective: a coarse grid, then golden-
            section refinement to --tolerance; report what limits each side of the optimum (capacity lost to ionic
            transport, electronic transport and the active material, from counterfactual runs of the model) and plot the
            objective against the fraction with the optimum marked.

            Example:
              cathodesim optimize-ratio configs/b-ncm-65.yaml --objective discharge_energy_Wh_per_kg_composite --rates 0.1C,1C

            With --map (or --temperatures), a prediction map instead: for each rate x temperature the discharge capacity
            on the grid, the optimum (golden-section refined) with the band within 1 % of it, and at each grid point the
            limiting mechanism (accessibility, ionic, electronic, diffusion, kinetics or none) from one counterfactual
            run per mechanism (that mechanism removed, everything else as it is).

            Example:
              cathodesim optimize-ratio configs/b-ncm-65.yaml --rates 0.1C,0.5C,1C --temperatures "25 degC,0 degC,-20 degC"

            With --transport microstructure, the ionic and electronic transport laws (conductivity factors, connected
            shares, accessible NCM) come from packed 3D structures computed on a grid of compositions across the range
            searched, 3 seeds each (docs/microstructure-coupling.md); the optimum is reported with its spread over the
            seeds, beside the closed-form search of the same config.

            Example:
              cathodesim optimize-ratio configs/b-ncm-65.yaml --transport microstructure
            """)
        {
            config, output, json, set, objective, rates, temperatures, map, from, to, points, tolerance, jobs, transport,
        };
        command.SetAction(parse =>
        {
            var options = new RatioSearchOptions(parse.GetValue(from), parse.GetValue(to), parse.GetValue(points),
                parse.GetValue(tolerance), parse.GetValue(jobs) ?? Environment.ProcessorCount);
            string transportName = parse.GetValue(transport)!;
            if (transportName is not (ClosedForm or Microstructure))
            {
                context.Error.WriteLine($"error: --transport: expected {ClosedForm} or {Microstructure}, got '{transportName}'");
                return (int)ExitCode.BadInput;
            }
            if (transportName == Microstructure && (parse.GetValue(map) || parse.GetValue(temperatures) is not null))
            {
                context.Error.WriteLine("error: --transport microstructure works with the search, not yet with the prediction map (--map, --temperatures)");
                return (int)ExitCode.BadInput;
            }
            if (transportName == Microstructure)
                return (int)ExecuteMicrostructure(context, parse.GetValue(config)!, parse.GetValue(output), parse.GetValue(json), parse.GetValue(set) ?? [],
                    parse.GetValue(objective)!, parse.GetValue(rates), options);
            return parse.GetValue(map) || parse.GetValue(temperatures) is not null
                ? (int)PredictionMapCommand.Execute(context, parse.GetValue(config)!, parse.GetValue(output), parse.GetValue(json), parse.GetValue(set) ?? [],
                    parse.GetValue(objective)!, parse.GetValue(rates), parse.GetValue(temperatures), options)
                : (int)Execute(context, parse.GetValue(config)!, parse.GetValue(output), parse.GetValue(json), parse.GetValue(set) ?? [],
                    parse.GetValue(objective)!, parse.GetValue(rates), options);
        });
        return command;
    }

    /// <summary>--transport value: the config's closed-form laws.</summary>
    internal const string ClosedForm = "closed-form";

    /// <summary>--transport value: laws tabulated from computed structures.</summary>
    internal const string Microstructure = "microstructure";

    /// <summary>The default objective, and the only one the prediction map reports.</summary>
    internal const string CapacityObjective = MassRatioStudy.CapacityObjective;

    private static ExitCode Execute(CliContext context, string configPath, string? outputDirectory, bool json, IReadOnlyList<string> overrides,
        string objectiveName, string? ratesText, RatioSearchOptions options)
    {
        MassRatioRequest request;
        try
        {
            CaseMetrics.IndexOf(objectiveName);
            double[]? rates = ratesText is null ? null : MassRatioStudy.ParseRates(ratesText);
            request = new MassRatioRequest(configPath, overrides, options, objectiveName, rates, outputDirectory);
            MassRatioStudy.Check(request);
        }
        catch (Exception e) when (e is ConfigException or FormatException or ArgumentException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }

        // Plain progress lines where stderr is a log (also with --json): runs so far and the search's latest stage.
        using var lines = ProgressLines.Start(context, "optimize-ratio");
        int runs = 0;
        string stage = "starting";
        lines.Update(() => $"{Volatile.Read(ref runs)} runs done; {Volatile.Read(ref stage)}");
        MassRatioOutcome outcome;
        try
        {
            outcome = new MassRatioStudy(context.StudyLog()).Optimise(request, new SynchronousProgress<MassRatioProgress>(p =>
            {
                if (p.Stage is not { } m)
                {
                    Interlocked.Exchange(ref runs, Math.Max(Volatile.Read(ref runs), p.Runs));
                    return;
                }
                Volatile.Write(ref stage, m);
                if (!json) context.Progress.MarkupLineInterpolated($"[grey]{m}[/]");
            }), context.Cancellation);
        }
        catch (ConfigException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        catch (InvalidOperationException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.SolverFailure;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("cancelled: nothing was written.");
            return ExitCode.Cancelled;
        }
        catch (StudyOutputException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.Failure;
        }
        if (json) context.Out.WriteLine(RatioReport.Json(outcome.Search, objectiveName, outcome.Files));
        else RatioReport.Render(context.Human, outcome.Search, objectiveName, outcome.Files);
        ReportWarnings(context, json, outcome.Warnings);
        return ExitCode.Success;
    }

    /// <summary>
    /// Runs of the search (grid, refinement or limitation analysis) whose steps ended on a limit or at once: the optimum
    /// stands, but it rests on them (a run that ended at once counted as 0). With --json on stderr, so stdout stays JSON.
    /// </summary>
    internal static void ReportWarnings(CliContext context, bool json, IReadOnlyList<FractionWarning> warned)
    {
        if (warned.Count == 0) return;
        string reasons = string.Join(", ", warned.Select(w => w.Warning.Reason).Distinct());
        int fractions = warned.Select(w => w.Fraction).Distinct().Count();
        string line = $"{warned.Count} steps at {fractions} mass fractions ended with warnings ({reasons}); runs with a step that ended at once count as 0";
        var examples = warned.OrderBy(w => w.Fraction).DistinctBy(w => w.Fraction).Take(3).ToList();
        if (json)
        {
            context.Error.WriteLine($"warning: {line}");
            foreach (var (w, warning) in examples) context.Error.WriteLine($"warning:   w = {w:F3}: {warning.Message}");
            return;
        }
        context.Human.MarkupLineInterpolated($"[yellow]warning:[/] {line}");
        foreach (var (w, warning) in examples) context.Human.MarkupLineInterpolated($"  [yellow]w = {w:F3}:[/] {warning.Message}");
    }

    /// <summary>
    /// <c>optimize-ratio --transport microstructure</c> (<see cref="MicrostructureRatioStudy"/>): the search with transport
    /// laws from computed structures, beside the closed-form one.
    /// </summary>
    private static ExitCode ExecuteMicrostructure(CliContext context, string configPath, string? outputDirectory, bool json, IReadOnlyList<string> overrides,
        string objectiveName, string? ratesText, RatioSearchOptions options)
    {
        MassRatioRequest request;
        try
        {
            CaseMetrics.IndexOf(objectiveName);
            double[]? rates = ratesText is null ? null : MassRatioStudy.ParseRates(ratesText);
            request = new MassRatioRequest(configPath, overrides, options, objectiveName, rates, outputDirectory);
            MicrostructureRatioStudy.Check(request);
        }
        catch (Exception e) when (e is ConfigException or FormatException or ArgumentException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        var stages = json ? null : new SynchronousProgress<string>(m => context.Progress.MarkupLineInterpolated($"[grey]{m}[/]"));
        MicrostructureRatioOutcome outcome;
        try
        {
            outcome = new MicrostructureRatioStudy(context.StudyLog(), MicrostructureMessages.For(context, !json), stages).Optimise(request, context.Cancellation);
        }
        catch (ConfigException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        catch (Exception e) when (MicrostructureRatioStudy.Unwrap(e) is ArgumentException bad)
        {
            // A structure the generators refuse (e.g. a box too small for the particles): bad settings, not a solver failure.
            context.Error.WriteLine($"error: law: microstructure: {bad.Message}");
            return ExitCode.BadInput;
        }
        catch (InvalidOperationException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.SolverFailure;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("cancelled: nothing was written (structures already computed stay in the cache).");
            return ExitCode.Cancelled;
        }
        catch (StudyOutputException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.Failure;
        }
        var timing = new MicrostructureRatioReport.Timing(outcome.ClosedFormTime, outcome.StructureTime, outcome.SearchTime);
        if (json) context.Out.WriteLine(MicrostructureRatioReport.Json(outcome.ClosedForm, outcome.Mean, [.. outcome.BySeed], outcome.Tables, objectiveName, outcome.Files, timing));
        else MicrostructureRatioReport.Render(context.Human, outcome.ClosedForm, outcome.Mean, [.. outcome.BySeed], outcome.Tables, objectiveName, outcome.Files, timing);
        ReportWarnings(context, json, outcome.Warnings);
        return ExitCode.Success;
    }
}
