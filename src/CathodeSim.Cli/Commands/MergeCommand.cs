using System.CommandLine;
using System.Text.Json.Nodes;
using CathodeSim.Cli.Reporting;
using CathodeSim.IO.Sweeps;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim merge SHARD.h5...`: combine the shard files of one sweep into one file, checking completeness.</summary>
internal static class MergeCommand
{
    public static Command Create(CliContext context)
    {
        var shards = new Argument<string[]>("shards") { Description = "Shard files written by `cathodesim sweep --shard` (or a Slurm job array).", Arity = ArgumentArity.OneOrMore };
        var output = CommonOptions.Output();
        var json = CommonOptions.Json();
        var command = new Command("merge", """
            Combine the shard files of one sweep into <name>.h5 (+ table CSV and plots), checking that they come from the
            same sweep definition and that every case is present exactly once.

            Example:
              cathodesim merge out/ncm-fraction.shard-*-of-8.h5 --output out
            """)
        {
            shards, output, json,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(shards)!, parse.GetValue(output), parse.GetValue(json)));
        return command;
    }

    private static ExitCode Execute(CliContext context, string[] paths, string? outputDirectory, bool json)
    {
        var readers = new List<SweepFileReader>();
        try
        {
            foreach (var path in paths) readers.Add(SweepFileReader.Open(path));
            var header = readers[0].Header with { ProgramVersion = ProgramInfo.Version };
            var owner = new Dictionary<int, SweepFileReader>();
            foreach (var reader in readers)
            {
                if (reader.Header.Fingerprint != header.Fingerprint || reader.Header.TotalCases != header.TotalCases)
                    throw new SweepStoreException($"{reader.Path} comes from a different sweep definition than {readers[0].Path}");
                foreach (var row in reader.Rows)
                    if (!owner.TryAdd(row.Index, reader))
                        throw new SweepStoreException($"case {row.Index} appears in both {owner[row.Index].Path} and {reader.Path}");
            }
            var missing = Enumerable.Range(0, header.TotalCases).Where(i => !owner.ContainsKey(i)).ToList();
            if (missing.Count > 0)
                throw new SweepStoreException($"{missing.Count} of {header.TotalCases} cases are missing (e.g. {string.Join(", ", missing.Take(10))}); are all shards finished and given?");

            string directory = Path.GetFullPath(outputDirectory ?? Path.GetDirectoryName(Path.GetFullPath(paths[0]))!);
            var indices = Enumerable.Range(0, header.TotalCases).ToList();
            var rows = indices.Select(i => owner[i].Rows.First(r => r.Index == i)).ToList();
            if (!OutputFiles.TryWrite(context, directory, staging =>
                {
                    var layout = new SweepStoreLayout(staging, header.Name);
                    string result = layout.Result(null);
                    SweepFileWriter.Write(result, header, "", indices, i => rows[i].Parameters, i => owner[i].ReadCase(i));
                    SweepFileWriter.WriteCsv(layout.Table(null), header, rows);
                    return [result, layout.Table(null), .. SweepPlots.Write(staging, header, rows)];
                }, out var files))
                return ExitCode.Failure;
            int failed = rows.Count(r => !SweepStatus.HasResults(r.Status));
            int warned = rows.Count(r => r.Status == SweepStatus.Warning);
            if (json)
            {
                var list = new JsonArray();
                foreach (var f in files) list.Add(f);
                context.Out.WriteLine(new JsonObject { ["name"] = header.Name, ["cases"] = rows.Count, ["failed"] = failed, ["with_warnings"] = warned, ["shards"] = paths.Length, ["files"] = list }.ToJsonString());
            }
            else
            {
                context.Human.MarkupLineInterpolated($"{header.Name}: merged {paths.Length} shards, {rows.Count} cases, [red]{failed} failed[/], [yellow]{warned} with warnings[/]");
                SweepSummary.ListCases(context.Human, rows);
                foreach (var f in files) context.Human.MarkupLineInterpolated($"wrote [green]{f}[/]");
            }
            return ExitCode.Success;
        }
        catch (SweepStoreException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: could not write merged results: {e.Message}");
            return ExitCode.Failure;
        }
        finally
        {
            foreach (var reader in readers) reader.Dispose();
        }
    }
}
