using System.Diagnostics;
using System.Globalization;
using CathodeSim.Analysis.Microstructure;
using CathodeSim.Analysis.Optimization;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.Cli.Reporting;
using CathodeSim.IO.Config;
using CathodeSim.IO.Output;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using Spectre.Console;

namespace CathodeSim.Studies;

/// <summary>
/// <c>optimize-ratio --transport microstructure</c>: the same search with the transport laws tabulated from computed
/// structures (the seed mean), once more with each seed's table for the spread of the optimum, and the closed-form
/// search of the same config beside it.
/// </summary>
internal static class MicrostructureRatioSearch
{
    private const string FractionPath = "cell.cathode.active_mass_fraction";

    public static ExitCode Execute(CliContext context, string configPath, string? outputDirectory, bool json, IReadOnlyList<string> overrides,
        string objectiveName, string? ratesText, RatioSearchOptions options)
    {
        int metric;
        double[]? rates;
        LoadedConfig baseConfig;
        string[] lawOverrides;
        try
        {
            metric = CaseMetrics.IndexOf(objectiveName);
            rates = ratesText is null ? null : OptimizeRatioCommand.ParseRates(ratesText);
            OptimizeRatioCommand.ValidateSearch(options);
            baseConfig = ConfigLoader.Load(configPath, overrides);
            lawOverrides = MicrostructureRatioSearch.LawOverrides(baseConfig.Setup, options);
            // Reading the config with the laws replaced checks it (e.g. electrolyte_particle_size) before anything is computed.
            _ = ConfigLoader.Load(configPath, [.. overrides, .. lawOverrides]);
        }
        catch (Exception e) when (e is ConfigException or FormatException or ArgumentException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        bool configIsMicrostructure = MicrostructureLawResolver.Needs(baseConfig.Setup);
        var showProgress = json ? null : new SynchronousProgress<string>(m => context.Progress.MarkupLineInterpolated($"[grey]{m}[/]"));
        var resolver = MicrostructureLaws.Resolver(context, !json);

        IReadOnlyList<SimulationSetup> SetupsAt(double fraction, IReadOnlyList<string> extra, Func<SimulationSetup, SimulationSetup> resolve)
        {
            var setup = resolve(ConfigLoader.Load(configPath, [.. overrides, .. extra, $"{FractionPath}={fraction.ToString("R", CultureInfo.InvariantCulture)}"]).Setup);
            if (rates is null) return [setup];
            return rates.Select(r => setup with { Protocol = ProtocolAtRate.Apply(setup.Protocol, r) }).ToList();
        }
        var warned = new System.Collections.Concurrent.ConcurrentQueue<(double Fraction, RunWarning Warning)>();
        double Objective(SimulationSetup setup)
        {
            var result = new Simulator().Run(setup, null, context.Cancellation);
            foreach (var w in result.Warnings) warned.Enqueue((setup.Design.Cathode.ActiveMassFraction, w));
            return CaseWarnings.Objective(setup, result, metric);
        }
        RatioSearchResult Search(string label, Func<double, IReadOnlyList<SimulationSetup>> setupsAt)
        {
            showProgress?.Report($"--- {label}");
            return new MassRatioOptimizer(setupsAt, Objective).Search(options, showProgress, context.Cancellation);
        }

        RatioSearchResult? closedForm;
        RatioSearchResult mean;
        var bySeed = new List<RatioSearchResult>();
        MicrostructureTransportTables tables;
        TimeSpan closedTime = TimeSpan.Zero, structureTime, searchTime;
        try
        {
            var clock = Stopwatch.StartNew();
            closedForm = configIsMicrostructure ? null : Search("closed-form transport laws", f => SetupsAt(f, [], s => s));
            closedTime = clock.Elapsed;
            clock.Restart();
            var probe = ConfigLoader.Load(configPath, [.. overrides, .. lawOverrides]).Setup;
            var settings = ((probe.Design.Cathode.IonicTransport as UnresolvedMicrostructureLaw) ?? (UnresolvedMicrostructureLaw)probe.Design.Cathode.ElectronicTransport).Settings;
            tables = resolver.Tables(probe, settings);
            structureTime = clock.Elapsed;
            clock.Restart();
            mean = Search("microstructure transport laws (seed mean)", f => SetupsAt(f, lawOverrides, s => resolver.Resolve(s)));
            for (int seed = 0; seed < settings.Seeds && settings.Seeds > 1; seed++)
            {
                int s0 = seed;
                bySeed.Add(Search($"microstructure transport laws (seed {seed + 1} alone)", f => SetupsAt(f, lawOverrides, s => resolver.Resolve(s, s0))));
            }
            searchTime = clock.Elapsed;
        }
        catch (ConfigException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        catch (Exception e) when (Unwrap(e) is ArgumentException bad)
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

        string directory = Path.GetFullPath(outputDirectory ?? baseConfig.OutputDirectory ?? "out");
        string name = baseConfig.Setup.Name;
        if (!OutputFiles.TryWrite(context, directory, staging =>
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
            }, out var files))
            return ExitCode.Failure;
        var timing = new MicrostructureRatioReport.Timing(closedTime, structureTime, searchTime);
        if (json) context.Out.WriteLine(MicrostructureRatioReport.Json(closedForm, mean, bySeed, tables, objectiveName, files, timing));
        else MicrostructureRatioReport.Render(context.Human, closedForm, mean, bySeed, tables, objectiveName, files, timing);
        OptimizeRatioCommand.ReportWarnings(context, json, warned.ToList());
        return ExitCode.Success;
    }

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: > 0 } a ? Unwrap(a.InnerExceptions[0]) : e;

    /// <summary>
    /// --set overrides that replace both transport laws with <c>law: microstructure</c> over the NCM shares of the solids
    /// that the searched mass fractions span (from the config's densities), unless the config already asks for it.
    /// </summary>
    internal static string[] LawOverrides(SimulationSetup setup, RatioSearchOptions options)
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
