using System.Diagnostics;
using System.Globalization;
using CathodeSim.Analysis.Microstructure;
using CathodeSim.Analysis.Optimization;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.IO.Config;
using CathodeSim.IO.Output;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Studies;

/// <summary>
/// The mass-ratio search with the transport laws tabulated from computed 3D structures (the seed mean), once more with
/// each seed's table for the spread of the optimum, and the closed-form search of the same config beside it (what
/// <c>optimize-ratio --transport microstructure</c> does).
/// </summary>
/// <param name="log">Notes on the output directory, the warning of an unwritable structure cache; null for none.</param>
/// <param name="messages">Messages of the structures computed; null for none.</param>
/// <param name="stages">Stages of the searches (the search begun, the refinement's brackets); null for none.</param>
public sealed class MicrostructureRatioStudy(IStudyLog? log = null, IProgress<string>? messages = null, IProgress<string>? stages = null)
{
    private const string FractionPath = "cell.cathode.active_mass_fraction";

    /// <summary>Checks the request before anything is computed: objective, search options, config, and the config with the laws replaced.</summary>
    /// <param name="request">The search.</param>
    /// <returns>The config as read.</returns>
    /// <exception cref="ArgumentException">The objective is not a known result.</exception>
    /// <exception cref="FormatException">The grid or tolerance is not usable.</exception>
    /// <exception cref="ConfigException">The config, an override or the microstructure settings are wrong.</exception>
    public static LoadedConfig Check(MassRatioRequest request)
    {
        var baseConfig = MassRatioStudy.Check(request);
        var lawOverrides = LawOverrides(baseConfig.Setup, request.Search);
        // Reading the config with the laws replaced checks it (e.g. electrolyte_particle_size) before anything is computed.
        _ = ConfigLoader.Load(request.ConfigPath, [.. request.Overrides, .. lawOverrides]);
        return baseConfig;
    }

    /// <summary>
    /// Computes (or reads from the cache) the structures, runs the searches and writes <c>&lt;name&gt;_ratio_microstructure.csv/.png</c>
    /// (and the closed-form <c>&lt;name&gt;_ratio.csv/.png</c> unless the config already asks for <c>law: microstructure</c>).
    /// </summary>
    /// <param name="request">The search.</param>
    /// <param name="cancellation">Stops the study; nothing is written (structures already computed stay in the cache).</param>
    /// <exception cref="ConfigException">The config or an override is wrong.</exception>
    /// <exception cref="ArgumentException">The structure generators refuse the settings (possibly inside an AggregateException).</exception>
    /// <exception cref="InvalidOperationException">No fraction could be evaluated (a solver failure).</exception>
    /// <exception cref="StudyOutputException">The files could not be written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public MicrostructureRatioOutcome Optimise(MassRatioRequest request, CancellationToken cancellation = default)
    {
        var baseConfig = Check(request);
        string configPath = request.ConfigPath;
        var overrides = request.Overrides;
        var options = request.Search;
        int metric = CaseMetrics.IndexOf(request.Objective);
        var rates = request.Rates;
        var lawOverrides = LawOverrides(baseConfig.Setup, options);
        bool configIsMicrostructure = MicrostructureLawResolver.Needs(baseConfig.Setup);
        var resolver = MicrostructureLaws.Resolver(log, messages, cancellation);

        IReadOnlyList<SimulationSetup> SetupsAt(double fraction, IReadOnlyList<string> extra, Func<SimulationSetup, SimulationSetup> resolve)
        {
            var setup = resolve(ConfigLoader.Load(configPath, [.. overrides, .. extra, $"{FractionPath}={fraction.ToString("R", CultureInfo.InvariantCulture)}"]).Setup);
            if (rates is null) return [setup];
            return rates.Select(r => setup with { Protocol = ProtocolAtRate.Apply(setup.Protocol, r) }).ToList();
        }
        var warned = new System.Collections.Concurrent.ConcurrentQueue<FractionWarning>();
        double Objective(SimulationSetup setup)
        {
            var result = new Simulator().Run(setup, null, cancellation);
            foreach (var w in result.Warnings) warned.Enqueue(new FractionWarning(setup.Design.Cathode.ActiveMassFraction, w));
            return CaseWarnings.Objective(setup, result, metric);
        }
        RatioSearchResult Search(string label, Func<double, IReadOnlyList<SimulationSetup>> setupsAt)
        {
            stages?.Report($"--- {label}");
            return new MassRatioOptimizer(setupsAt, Objective).Search(options, stages, cancellation);
        }

        var clock = Stopwatch.StartNew();
        var closedForm = configIsMicrostructure ? null : Search("closed-form transport laws", f => SetupsAt(f, [], s => s));
        var closedTime = clock.Elapsed;
        clock.Restart();
        var probe = ConfigLoader.Load(configPath, [.. overrides, .. lawOverrides]).Setup;
        var settings = ((probe.Design.Cathode.IonicTransport as UnresolvedMicrostructureLaw) ?? (UnresolvedMicrostructureLaw)probe.Design.Cathode.ElectronicTransport).Settings;
        var tables = resolver.Tables(probe, settings);
        var structureTime = clock.Elapsed;
        clock.Restart();
        var mean = Search("microstructure transport laws (seed mean)", f => SetupsAt(f, lawOverrides, s => resolver.Resolve(s)));
        var bySeed = new List<RatioSearchResult>();
        for (int seed = 0; seed < settings.Seeds && settings.Seeds > 1; seed++)
        {
            int s0 = seed;
            bySeed.Add(Search($"microstructure transport laws (seed {seed + 1} alone)", f => SetupsAt(f, lawOverrides, s => resolver.Resolve(s, s0))));
        }
        var searchTime = clock.Elapsed;

        string directory = Path.GetFullPath(request.OutputDirectory ?? baseConfig.OutputDirectory ?? "out");
        string name = baseConfig.Setup.Name;
        string objectiveName = request.Objective;
        var files = StudyOutput.Write(directory, staging =>
            {
                var written = new List<string>();
                if (closedForm is not null)
                {
                    written.Add(RatioSearchWriter.WriteCsv(Path.Combine(staging, $"{name}_ratio.csv"), closedForm, objectiveName));
                    written.Add(RatioSearchWriter.WritePlot(Path.Combine(staging, $"{name}_ratio.png"), closedForm, objectiveName, name));
                }
                written.Add(RatioSearchWriter.WriteCsv(Path.Combine(staging, $"{name}_ratio_microstructure.csv"), mean, objectiveName));
                written.Add(RatioSearchWriter.WritePlot(Path.Combine(staging, $"{name}_ratio_microstructure.png"), mean, objectiveName, $"{name} (microstructure transport)"));
                return written;
            }, log, cancellation);
        return new MicrostructureRatioOutcome(closedForm, mean, bySeed, tables, objectiveName, files, closedTime, structureTime, searchTime, warned.ToList());
    }

    /// <summary>The exception inside (first) AggregateExceptions: what the parallel structure computations threw.</summary>
    /// <param name="e">The exception caught.</param>
    public static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: > 0 } a ? Unwrap(a.InnerExceptions[0]) : e;

    /// <summary>
    /// --set overrides that replace both transport laws with <c>law: microstructure</c> over the NCM shares of the solids
    /// that the searched mass fractions span (from the config's densities), unless the config already asks for it.
    /// </summary>
    /// <param name="setup">The config's simulation.</param>
    /// <param name="options">The searched range.</param>
    public static string[] LawOverrides(SimulationSetup setup, RatioSearchOptions options)
    {
        if (MicrostructureLawResolver.Needs(setup)) return [];
        double rhoAm = setup.Design.Active.Density, rhoSe = setup.Design.CathodeElectrolyte.Density;
        double ShareOfSolids(double w) => w / rhoAm / (w / rhoAm + (1 - w) / rhoSe);
        string from = ShareOfSolids(options.Lower).ToString("R", CultureInfo.InvariantCulture);
        string to = ShareOfSolids(options.Upper).ToString("R", CultureInfo.InvariantCulture);
        string law = $"{{law: microstructure, composition_from: {from}, composition_to: {to}}}";
        return [$"cell.cathode.ionic_transport={law}", $"cell.cathode.electronic_transport={law}"];
    }
}
