using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.IO.Sweeps;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim sweep-status DIR`: how far the sweeps in an output folder have come, across all shards.</summary>
internal static class SweepStatusCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("directory") { Description = "The --output folder of a sweep (sharded or not, running or finished)." };
        var output = new Option<string?>("--output", "-o") { Description = "Also write the report as sweep-status.json into this folder.", HelpName = "DIR" };
        var json = CommonOptions.Json();
        var command = new Command("sweep-status", """
            Summarise the sweeps in an output folder from their journals (read only, safe while array tasks run): cases
            done, failed (with their errors) and missing, per shard, the throughput of all shards together and an
            estimate of the time left. Shards with failed or missing cases are listed for `sweep --resubmit-failed`.

            Examples:
              cathodesim sweep-status /shared/out
              cathodesim sweep-status /shared/out --json
            """)
        {
            directory, output, json,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(directory)!, parse.GetValue(output), parse.GetValue(json)));
        return command;
    }

    private static ExitCode Execute(CliContext context, string directory, string? outputDirectory, bool json)
    {
        IReadOnlyList<SweepProgressReport> reports;
        string full = Path.GetFullPath(directory);
        try
        {
            reports = SweepProgressReport.Scan(full);
        }
        catch (SweepStoreException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: could not read '{full}': {e.Message}");
            return ExitCode.BadInput;
        }
        string document = Json(full, reports);
        if (outputDirectory is not null)
        {
            string path = Path.Combine(Path.GetFullPath(outputDirectory), "sweep-status.json");
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                IO.Output.AtomicFile.WriteText(path, document + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"error: could not write '{path}': {e.Message}");
                return ExitCode.Failure;
            }
            if (!json) context.Human.MarkupLineInterpolated($"wrote [green]{path}[/]");
        }
        if (json)
        {
            context.Out.WriteLine(document);
            return ExitCode.Success;
        }
        foreach (var r in reports) Human(context, r);
        return ExitCode.Success;
    }

    private static void Human(CliContext context, SweepProgressReport r)
    {
        var c = CultureInfo.InvariantCulture;
        string total = r.Cases is { } n ? n.ToString(c) : "?";
        string missing = r.Manifest is null ? "unknown (no manifest)" : r.Missing.Count.ToString(c);
        string percent = r.Cases is { } all ? string.Create(c, $" ({100.0 * r.Finished / all:0.#} % finished)") : "";
        context.Human.MarkupLineInterpolated($"[bold]{r.Name}[/] in {r.Directory}: {total} cases: [green]{r.Done} done[/], [red]{r.Failed.Count} failed[/], {missing} missing{percent}");
        if (r.Problem is { } problem) context.Human.MarkupLineInterpolated($"  [red]problem:[/] {problem}");
        if (r.CasesPerSecond is { } rate)
            context.Human.MarkupLineInterpolated(c, $"  throughput: {rate:0.###} cases/s over {(r.LastFinishedUtc!.Value - r.FirstFinishedUtc!.Value).TotalSeconds:0} s (first finished {r.FirstFinishedUtc:yyyy-MM-dd HH:mm:ss} UTC, latest {r.LastFinishedUtc:yyyy-MM-dd HH:mm:ss} UTC){(r.SecondsLeft is { } left ? string.Create(c, $", about {Duration(left)} left while tasks run") : "")}");
        else if (r.LastFinishedUtc is { } last)
            context.Human.MarkupLineInterpolated(c, $"  latest case finished {last:yyyy-MM-dd HH:mm:ss} UTC");
        if (r.Shards.Count > 0)
        {
            var rerun = r.ShardsToRerun;
            int files = r.Shards.Count(s => s.FileWritten);
            context.Human.MarkupLineInterpolated($"  shards: {r.Shards.Count}, {files} shard files written; {(rerun.Count == 0 ? "none to rerun" : $"to rerun: {SlurmArrayLayout.ArraySpec(rerun, null)}")}");
            foreach (var s in r.Shards.Where(s => s.NeedsRerun).Take(10))
                context.Human.MarkupLineInterpolated($"    shard {s.Index}/{r.Shards.Count}: {s.Done} done, {s.Failed} failed, {s.Missing} missing of {s.Cases}{(s.FileWritten ? "" : ", no shard file")}");
        }
        foreach (var (index, error) in r.Failed.Take(10)) context.Human.MarkupLineInterpolated($"  [red]failed[/] case {index}: {error}");
        if (r.Failed.Count > 10) context.Human.MarkupLineInterpolated($"  ... and {r.Failed.Count - 10} more failed cases (--json lists all)");
        if (r.Missing.Count > 0) context.Human.MarkupLineInterpolated($"  missing cases: {SlurmArrayLayout.ArraySpec(r.Missing.Take(1000), null)}{(r.Missing.Count > 1000 ? " ..." : "")}");
        if (r.Merged) context.Human.MarkupLineInterpolated($"  merged: {Path.Combine(r.Directory, r.Name + ".h5")}");
        if (r.Manifest is { Shards: not null } m && (r.Failed.Count > 0 || r.Missing.Count > 0))
            context.Human.MarkupLineInterpolated($"  next (once no task runs): cathodesim sweep {SlurmScript.Quote(m.SweepFile)} --output {SlurmScript.Quote(r.Directory)} --resubmit-failed --submit");
    }

    private static string Duration(double seconds) => seconds switch
    {
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.0} h"),
    };

    private static string Json(string directory, IReadOnlyList<SweepProgressReport> reports)
    {
        static string? Utc(DateTime? t) => t?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var sweeps = new JsonArray();
        foreach (var r in reports)
        {
            var failed = new JsonArray();
            foreach (var (index, error) in r.Failed) failed.Add(new JsonObject { ["index"] = index, ["error"] = error });
            var missing = new JsonArray();
            foreach (int i in r.Missing) missing.Add(i);
            var shards = new JsonArray();
            foreach (var s in r.Shards)
                shards.Add(new JsonObject { ["shard"] = s.Index, ["cases"] = s.Cases, ["done"] = s.Done, ["failed"] = s.Failed, ["missing"] = s.Missing, ["file_written"] = s.FileWritten });
            var rerun = new JsonArray();
            foreach (int i in r.ShardsToRerun) rerun.Add(i);
            sweeps.Add(new JsonObject
            {
                ["name"] = r.Name, ["sweep_file"] = r.Manifest?.SweepFile, ["cases"] = r.Cases, ["shards"] = r.Manifest?.Shards,
                ["done"] = r.Done, ["failed"] = r.Failed.Count, ["missing"] = r.Manifest is null ? null : r.Missing.Count,
                ["finished_fraction"] = r.Cases is { } n ? (double)r.Finished / n : null,
                ["cases_per_second"] = r.CasesPerSecond, ["seconds_left"] = r.SecondsLeft,
                ["first_finished_utc"] = Utc(r.FirstFinishedUtc), ["last_finished_utc"] = Utc(r.LastFinishedUtc),
                ["merged"] = r.Merged, ["problem"] = r.Problem,
                ["failed_cases"] = failed, ["missing_cases"] = missing, ["shard_states"] = shards, ["shards_to_rerun"] = rerun,
            });
        }
        return new JsonObject { ["directory"] = directory, ["sweeps"] = sweeps }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
