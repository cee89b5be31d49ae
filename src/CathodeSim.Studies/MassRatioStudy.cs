using System.Globalization;
using CathodeSim.Analysis.Optimization;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.IO.Config;
using CathodeSim.IO.Output;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Studies;

/// <summary>
/// The NCM mass fraction (NCM : solid electrolyte) that maximises an objective: a coarse grid, then golden-section
/// refinement, and what limits each side of the optimum; written as a table and a plot.
/// </summary>
/// <param name="log">Notes on the output directory; null for none.</param>
public sealed class MassRatioStudy(IStudyLog? log = null)
{
    private const string FractionPath = "cell.cathode.active_mass_fraction";

    /// <summary>The default objective, and the only one the prediction map reports.</summary>
    public const string CapacityObjective = "discharge_capacity_mAh_per_g";

    /// <summary>Checks the request before anything is run: the objective, the search options and the config.</summary>
    /// <param name="request">The search.</param>
    /// <returns>The config as read (its name and output directory name the files).</returns>
    /// <exception cref="ArgumentException">The objective is not a known result.</exception>
    /// <exception cref="FormatException">The grid or tolerance is not usable.</exception>
    /// <exception cref="ConfigException">The config or an override is wrong.</exception>
    public static LoadedConfig Check(MassRatioRequest request)
    {
        _ = CaseMetrics.IndexOf(request.Objective);
        ValidateSearch(request.Search);
        return ConfigLoader.Load(request.ConfigPath, request.Overrides);
    }

    /// <summary>Runs the search and writes <c>&lt;name&gt;_ratio.csv</c> and <c>&lt;name&gt;_ratio.png</c>.</summary>
    /// <param name="request">The search.</param>
    /// <param name="progress">Runs finished and stages begun (from worker threads); null for none.</param>
    /// <param name="cancellation">Stops the search; nothing is written.</param>
    /// <exception cref="ConfigException">The config, an override or a fraction's config is wrong.</exception>
    /// <exception cref="InvalidOperationException">No fraction could be evaluated (a solver failure).</exception>
    /// <exception cref="StudyOutputException">The files could not be written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public MassRatioOutcome Optimise(MassRatioRequest request, IProgress<MassRatioProgress>? progress = null, CancellationToken cancellation = default)
    {
        var baseConfig = Check(request);
        int metric = CaseMetrics.IndexOf(request.Objective);
        var rates = request.Rates;
        IReadOnlyList<SimulationSetup> SetupsAt(double fraction)
        {
            var setup = ConfigLoader.Load(request.ConfigPath, [.. request.Overrides, $"{FractionPath}={fraction.ToString("R", CultureInfo.InvariantCulture)}"]).Setup;
            if (rates is null) return [setup];
            return rates.Select(r => setup with { Protocol = ProtocolAtRate.Apply(setup.Protocol, r) }).ToList();
        }
        var warned = new System.Collections.Concurrent.ConcurrentQueue<FractionWarning>();
        int runs = 0;
        double Objective(SimulationSetup setup)
        {
            var result = new Simulator().Run(setup, null, cancellation);
            foreach (var w in result.Warnings) warned.Enqueue(new FractionWarning(setup.Design.Cathode.ActiveMassFraction, w));
            progress?.Report(new MassRatioProgress(Interlocked.Increment(ref runs), null));
            return CaseWarnings.Objective(setup, result, metric);
        }

        var optimizer = new MassRatioOptimizer(SetupsAt, Objective);
        var search = optimizer.Search(request.Search, new SynchronousProgress<string>(m => progress?.Report(new MassRatioProgress(Volatile.Read(ref runs), m))), cancellation);

        string directory = Path.GetFullPath(request.OutputDirectory ?? baseConfig.OutputDirectory ?? "out");
        string name = baseConfig.Setup.Name;
        var files = StudyOutput.Write(directory, staging =>
            [
                RatioSearchWriter.WriteCsv(Path.Combine(staging, $"{name}_ratio.csv"), search, request.Objective),
                RatioSearchWriter.WritePlot(Path.Combine(staging, $"{name}_ratio.png"), search, request.Objective, name),
            ], log, cancellation);
        return new MassRatioOutcome(search, request.Objective, files, warned.ToList());
    }

    /// <summary>Checks the grid and tolerance options.</summary>
    /// <param name="options">The search options.</param>
    /// <exception cref="FormatException">Naming the options.</exception>
    public static void ValidateSearch(RatioSearchOptions options)
    {
        if (options.GridPoints < 3 || !(options.Lower > 0 && options.Upper < 1 && options.Lower < options.Upper) || !(options.Tolerance > 0))
            throw new FormatException("expected 0 < --from < --to < 1, --points >= 3 and --tolerance > 0");
        if (options.Parallelism < 1) throw new FormatException($"--jobs: expected at least 1, got {options.Parallelism}");
    }

    /// <summary>"0.1C,1C" as C-rates.</summary>
    /// <param name="text">Comma-separated C-rates.</param>
    /// <exception cref="FormatException">Naming --rates and the bad item.</exception>
    public static double[] ParseRates(string text)
    {
        var rates = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(r =>
        {
            string number = r.EndsWith("C", StringComparison.OrdinalIgnoreCase) ? r[..^1] : r;
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value > 0) || !double.IsFinite(value))
                throw new FormatException($"--rates: '{r}' is not a C-rate such as 0.1C");
            return value;
        }).ToArray();
        return rates.Length > 0 ? rates : throw new FormatException($"--rates: expected C-rates such as 0.1C,1C, got '{text}'");
    }
}
