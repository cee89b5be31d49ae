using System.Diagnostics;
using CathodeSim.Analysis.Validation;
using CathodeSim.IO.Config;
using CathodeSim.IO.Output;
using CathodeSim.IO.Validation;

namespace CathodeSim.Studies;

/// <summary>
/// Runs validation cases (each: measured data with provenance, the simulation that reproduces the experiment, its
/// tolerance) and writes report.md, validation.csv and a PNG per case.
/// </summary>
/// <param name="log">Notes on the output directory; null for none.</param>
public sealed class ValidationStudy(IStudyLog? log = null)
{
    /// <summary>Reads the cases (with the request's overrides) and checks every case's config and the output place.</summary>
    /// <param name="request">The validation.</param>
    /// <exception cref="ConfigException">A case file or config is wrong, no case is marked quick, or the report's folder cannot take files.</exception>
    public static IReadOnlyList<ValidationCase> Load(ValidationRequest request)
    {
        string casesPath = request.CasesPath;
        var all = File.Exists(casesPath) ? [ValidationCaseReader.Read(casesPath)] : ValidationCaseReader.ReadDirectory(casesPath);
        var selected = all.Where(c => !request.Quick || c.Setup.Quick).Select(c => c with { Setup = c.Setup with { Overrides = [.. c.Setup.Overrides, .. request.Overrides] } }).ToList();
        if (selected.Count == 0) throw new ConfigException(casesPath, null, null, "no case is marked quick: true");
        foreach (var c in selected) ConfigLoader.Load(c.Setup.ConfigPath, c.Setup.Overrides);
        if (request.UpdateReport && OutputDirectoryCheck.Problem(Directory(request), "--update-report") is { } problem)
            throw new ConfigException(null, null, null, problem);
        return selected;
    }

    /// <summary>The cases' folder.</summary>
    private static string CasesFolder(ValidationRequest request) =>
        File.Exists(request.CasesPath) ? Path.GetDirectoryName(Path.GetFullPath(request.CasesPath))! : Path.GetFullPath(request.CasesPath);

    /// <summary>Where the report goes: files outside the output directory (the tracked validation/report.md) change only with <see cref="ValidationRequest.UpdateReport"/>.</summary>
    private static string Directory(ValidationRequest request) =>
        Path.GetFullPath(request.UpdateReport ? Path.GetDirectoryName(CasesFolder(request))! : request.OutputDirectory ?? "out");

    /// <summary>Runs every case and writes the report.</summary>
    /// <param name="request">The validation.</param>
    /// <param name="progress">Each case begun and finished; null for none.</param>
    /// <param name="cancellation">Stops the validation; nothing is written.</param>
    /// <exception cref="ConfigException">As <see cref="Load"/>.</exception>
    /// <exception cref="StudyOutputException">The files could not be written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public ValidationStudyOutcome Validate(ValidationRequest request, IProgress<ValidationProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var selected = Load(request);
        string casesFolder = CasesFolder(request);
        string directory = Directory(request);
        var runner = new ValidationRunner(Environment.ProcessorCount, cancellation);
        var outcomes = new List<ValidationOutcome>();
        for (int index = 0; index < selected.Count; index++)
        {
            var c = selected[index];
            progress?.Report(new ValidationProgress(index, selected.Count, c, null, outcomes.Count(o => !o.Passed)));
            var outcome = runner.Run(c);
            outcomes.Add(outcome);
            progress?.Report(new ValidationProgress(index, selected.Count, c, outcome, outcomes.Count(o => !o.Passed)));
        }

        string reportPath = Path.Combine(directory, "report.md");
        var written = StudyOutput.Write(directory, staging =>
            {
                string plots = Path.Combine(staging, "plots");
                System.IO.Directory.CreateDirectory(plots);
                var files = new List<string>();
                for (int i = 0; i < outcomes.Count; i++)
                {
                    string? plot = WritePlot(outcomes[i], selected[i], runner, plots);
                    if (plot is null) continue;
                    // The report links plots relative to itself, so staged paths give the same links as final ones.
                    outcomes[i] = outcomes[i] with { Plot = plot };
                    files.Add(plot);
                }
                files.Add(ValidationCsvWriter.Write(Path.Combine(staging, "validation.csv"), outcomes));
                files.Add(ValidationReportWriter.Write(Path.Combine(staging, "report.md"), outcomes,
                    new ValidationRunInfo(request.Quick ? "quick" : "full", ConfigLoader.Display(casesFolder), DateTimeOffset.UtcNow, clock.Elapsed.TotalSeconds, Environment.ProcessorCount)));
                return files;
            }, log, cancellation);
        // Outcomes carry their plot's final path from here on (JSON and the summary name it).
        for (int i = 0; i < outcomes.Count; i++)
            if (outcomes[i].Plot is { } staged) outcomes[i] = outcomes[i] with { Plot = Path.Combine(directory, "plots", Path.GetFileName(staged)) };
        return new ValidationStudyOutcome(outcomes, written, reportPath, clock.Elapsed.TotalSeconds);
    }

    private static string? WritePlot(ValidationOutcome outcome, ValidationCase c, ValidationRunner runner, string folder)
    {
        if (outcome.Failure is not null || outcome.Values.Count == 0) return null;
        string stem = Path.GetFileNameWithoutExtension(c.Setup.File);
        string path = Path.Combine(folder, $"{stem}.png");
        return c switch
        {
            RatioOptimumCase when runner.RatioSearches.TryGetValue(c.Setup.File, out var search) =>
                RatioSearchWriter.WritePlot(path, search, "discharge_capacity_mAh_per_g", c.Setup.Name),
            RetentionTrendCase => ValidationPlots.WriteTrend(path, outcome),
            _ when outcome.Values.Any(v => double.IsFinite(v.Simulated) && v.Simulated > 0) => ValidationPlots.WriteParity(path, outcome),
            _ => null,
        };
    }
}
