using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Validation;
using CathodeSim.IO.Config;
using CathodeSim.IO.Output;
using CathodeSim.IO.Validation;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>
/// `cathodesim validate [CASES]`: runs every validation case (or the --quick subset), writes report.md, a CSV of every
/// compared value and a PNG per case, and exits with <see cref="ExitCode.OutsideTolerance"/> when a case misses its
/// stated tolerance.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var cases = new Argument<string>("cases")
        {
            Description = "Folder of validation case files (*.yaml), or one case file.",
            DefaultValueFactory = _ => "validation/cases",
        };
        var quick = new Option<bool>("--quick") { Description = "Only the cases marked quick: true (under a minute; what CI runs)." };
        var output = CommonOptions.Output();
        output.Description = "Directory for report.md, validation.csv and plots/ (default: ./out).";
        var updateReport = new Option<bool>("--update-report")
        {
            Description = "Write report.md, validation.csv and plots/ into the folder above the cases folder (validation/ for the shipped cases: the tracked report) instead of --output.",
        };
        var json = CommonOptions.Json();
        var set = CommonOptions.Set();
        set.Description = "Override a config value of every case's simulation (after the case's own changes), e.g. --set temperature=0degC.";
        var command = new Command("validate", """
            Run the validation cases: each names measured data (with provenance), the simulation that reproduces the
            experiment, the stated changes to it, which data were fitted and which are predicted, and its tolerance.
            Writes report.md (a table per case, overall error figures with fitted and predicted values apart, criteria
            with what was found), validation.csv and a PNG per case. Exit code 4 when a case is outside its tolerance.

            Examples:
              cathodesim validate                      # every case in validation/cases, report in out/report.md
              cathodesim validate --quick --output out/validation
              cathodesim validate --update-report      # the tracked validation/report.md (+ .csv, plots/)
            """)
        {
            cases, quick, output, json, set, updateReport,
        };
        command.SetAction(parse =>
        {
            // Two places for one report would leave the reader guessing which one is current.
            if (parse.GetValue(updateReport) && parse.GetValue(output) is not null)
            {
                context.Error.WriteLine("error: --update-report writes into the folder above the cases folder; it cannot be combined with --output.");
                return (int)ExitCode.BadInput;
            }
            return (int)Execute(context, parse.GetValue(cases)!, parse.GetValue(quick), parse.GetValue(output), parse.GetValue(json), parse.GetValue(set) ?? [],
                parse.GetValue(updateReport));
        });
        return command;
    }

    private static ExitCode Execute(CliContext context, string casesPath, bool quick, string? outputDirectory, bool json, IReadOnlyList<string> overrides,
        bool updateReport)
    {
        var request = new ValidationRequest(casesPath, overrides, quick, outputDirectory, updateReport);
        try
        {
            ValidationStudy.Load(request);
        }
        catch (ConfigException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        ValidationStudyOutcome outcome;
        try
        {
            // Plain progress lines where stderr is a log (also with --json): which case runs, and how many are done.
            using var lines = ProgressLines.Start(context, "validate");
            outcome = new ValidationStudy(context.StudyLog()).Validate(request, new SynchronousProgress<ValidationProgress>(p =>
            {
                var c = p.Case;
                if (p.Finished is not { } finished)
                {
                    lines.Update($"case {p.Index + 1}/{p.Count} ({c.Setup.Name}), {p.OutsideToleranceSoFar} outside tolerance so far");
                    if (!json) context.Progress.MarkupLineInterpolated($"[grey]running {c.Setup.Name} ({c.Kind}) ...[/]");
                }
                else if (!json)
                    context.Progress.MarkupLineInterpolated($"[grey]  {(finished.Failure is not null ? "not evaluated" : finished.Passed ? "pass" : "outside tolerance")} ({finished.Seconds:0.0} s)[/]");
            }), context.Cancellation);
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

        var outcomes = outcome.Cases;
        if (json) context.Out.WriteLine(Json(outcomes, outcome.Files, outcome.Seconds));
        else Render(context, outcomes, outcome.ReportPath, outcome.Seconds);
        return outcome.AllPassed ? ExitCode.Success : ExitCode.OutsideTolerance;
    }

    private static string Json(IReadOnlyList<ValidationOutcome> outcomes, IReadOnlyList<string> files, double seconds)
    {
        var list = new JsonArray();
        foreach (var o in outcomes)
        {
            var values = new JsonArray();
            foreach (var v in o.Values)
                values.Add(new JsonObject
                {
                    ["point"] = v.Label, ["quantity"] = v.Quantity, ["role"] = v.Role == DataRole.Fitted ? "fitted" : "predicted", ["unit"] = v.Unit,
                    ["measured"] = v.Measured, ["simulated"] = double.IsFinite(v.Simulated) ? v.Simulated : null,
                    ["relative_error"] = double.IsFinite(v.RelativeError) ? v.RelativeError : null, ["tolerance"] = v.Tolerance, ["within"] = v.Within,
                });
            var criteria = new JsonArray();
            foreach (var c in o.Criteria) criteria.Add(new JsonObject { ["criterion"] = c.Description, ["passed"] = c.Passed, ["found"] = c.Found });
            list.Add(new JsonObject
            {
                ["name"] = o.Name, ["kind"] = o.Kind, ["file"] = o.File, ["passed"] = o.Passed, ["failure"] = o.Failure, ["seconds"] = o.Seconds,
                ["values"] = values, ["criteria"] = criteria, ["warnings"] = new JsonArray(o.Warnings.Select(w => (JsonNode)w).ToArray()),
            });
        }
        return new JsonObject
        {
            ["cases"] = list, ["passed"] = outcomes.Count(o => o.Passed), ["count"] = outcomes.Count, ["seconds"] = seconds,
            ["files"] = new JsonArray(files.Select(f => (JsonNode)f).ToArray()),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static void Render(CliContext context, IReadOnlyList<ValidationOutcome> outcomes, string report, double seconds)
    {
        var table = new Table().Title("validation cases");
        foreach (var h in new[] { "case", "kind", "criteria met", "result", "time" }) table.AddColumn(h);
        foreach (var o in outcomes)
            table.AddRow(Markup.Escape(o.Name), o.Kind, $"{o.Criteria.Count(c => c.Passed)}/{o.Criteria.Count}",
                o.Failure is not null ? "[red]not evaluated[/]" : o.Passed ? "[green]pass[/]" : "[red]outside tolerance[/]", $"{o.Seconds:0.0} s");
        context.Human.Write(table);
        foreach (var o in outcomes)
            foreach (var w in o.Warnings) context.Human.MarkupLineInterpolated($"[yellow]warning:[/] {o.Name}: {w}");
        foreach (var o in outcomes.Where(o => !o.Passed))
        {
            if (o.Failure is not null) context.Human.MarkupLineInterpolated($"[red]{o.Name}[/]: {o.Failure}");
            foreach (var c in o.Criteria.Where(c => !c.Passed)) context.Human.MarkupLineInterpolated($"[red]{o.Name}[/]: missed {c.Description}: {c.Found}");
        }
        context.Human.MarkupLineInterpolated($"{outcomes.Count(o => o.Passed)} of {outcomes.Count} cases within tolerance; {seconds:0.0} s; wrote [green]{report}[/]");
    }
}
