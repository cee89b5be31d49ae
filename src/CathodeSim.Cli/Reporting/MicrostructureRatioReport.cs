using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Microstructure;
using CathodeSim.Analysis.Optimization;
using Spectre.Console;

namespace CathodeSim.Cli.Reporting;

/// <summary>Console and JSON forms of <c>optimize-ratio --transport microstructure</c>.</summary>
internal static class MicrostructureRatioReport
{
    /// <summary>Wall times of the parts.</summary>
    public sealed record Timing(TimeSpan ClosedFormSearch, TimeSpan Structures, TimeSpan MicrostructureSearches);

    public static void Render(IAnsiConsole console, RatioSearchResult? closedForm, RatioSearchResult mean, IReadOnlyList<RatioSearchResult> bySeed,
        MicrostructureTransportTables tables, string objective, IReadOnlyList<string> files, Timing timing)
    {
        var s = tables.Settings;
        console.Write(StructureTable(tables));
        console.MarkupLine(Markup.Escape($"structures: {s.Generator} generator, {s.BoxEdge * 1e6:G3} um box, {s.VoxelSize * 1e6:G3} um voxels, {s.Seeds} seeds; " +
            $"{tables.Computed} computed, {tables.Reused} from the cache, {timing.Structures.TotalSeconds:F0} s"));
        if (closedForm is not null)
        {
            console.MarkupLine("[bold]closed-form transport laws (the config's)[/]");
            RatioReport.Render(console, closedForm, objective, []);
        }
        console.MarkupLine("[bold]microstructure transport laws (seed mean)[/]");
        RatioReport.Render(console, mean, objective, []);
        if (bySeed.Count > 0)
        {
            var (m, sd) = Spread(bySeed.Select(r => r.Optimum.Argument));
            var (vm, vsd) = Spread(bySeed.Select(r => r.Optimum.Value));
            console.MarkupLine(Markup.Escape($"optimum over the seeds' own tables: NCM mass fraction {m:F3} +/- {sd:F3}, {objective} {vm:F1} +/- {vsd:F1} (sample std of {bySeed.Count}: " +
                $"{string.Join(", ", bySeed.Select(r => $"{r.Optimum.Argument:F3} -> {r.Optimum.Value:F1}"))}); mechanism at each seed's optimum: " +
                $"{string.Join(", ", bySeed.Select(r => r.AtOptimum.Breakdown.Dominant).Distinct())}"));
        }
        console.MarkupLineInterpolated($"times: closed-form search {timing.ClosedFormSearch.TotalSeconds:F0} s, structures {timing.Structures.TotalSeconds:F0} s, microstructure searches {timing.MicrostructureSearches.TotalSeconds:F0} s");
        foreach (var f in files) console.MarkupLineInterpolated($"wrote [green]{f}[/]");
    }

    private static Table StructureTable(MicrostructureTransportTables tables)
    {
        var table = new Table().Title("computed structures (mean +/- sample std over seeds; conductivities as factors sigma_eff / sigma_bulk)");
        foreach (var h in new[] { "NCM of solids", "eps_NCM", "eps_SE", "ionic factor", "electronic factor", "SE connected", "NCM connected", "NCM accessible", "contact area 1/um" })
            table.AddColumn(h);
        foreach (var c in tables.Samples)
        {
            string Stat(Func<MicrostructureProperties, double> f, string format, double scale = 1)
            {
                var (m, sd) = c.Statistic(f);
                return $"{(m * scale).ToString(format, CultureInfo.InvariantCulture)} +/- {(sd * scale).ToString(format, CultureInfo.InvariantCulture)}";
            }
            table.AddRow(F(c.ActiveShareOfSolids, "F3"), F(c.ActiveVolumeFraction, "F3"), F(c.ElectrolyteVolumeFraction, "F3"),
                Stat(p => p.EffectiveIonicConductivity, "G3"), Stat(p => p.EffectiveElectronicConductivity, "G3"),
                Stat(p => p.ElectrolytePercolatingFraction, "F3"), Stat(p => p.ActivePercolatingFraction, "F3"),
                Stat(p => p.AccessibleActiveFraction, "F3"), Stat(p => p.ContactAreaPerVolume, "F3", 1e-6));
        }
        return table;
    }

    public static string Json(RatioSearchResult? closedForm, RatioSearchResult mean, IReadOnlyList<RatioSearchResult> bySeed,
        MicrostructureTransportTables tables, string objective, IReadOnlyList<string> files, Timing timing)
    {
        var samples = new JsonArray();
        foreach (var c in tables.Samples)
        {
            JsonObject Stat(Func<MicrostructureProperties, double> f)
            {
                var (m, sd) = c.Statistic(f);
                return new JsonObject { ["mean"] = N(m), ["std"] = N(sd) };
            }
            samples.Add(new JsonObject
            {
                ["active_share_of_solids"] = c.ActiveShareOfSolids, ["active_volume_fraction"] = c.ActiveVolumeFraction, ["electrolyte_volume_fraction"] = c.ElectrolyteVolumeFraction,
                ["ionic_factor"] = Stat(p => p.EffectiveIonicConductivity), ["electronic_factor"] = Stat(p => p.EffectiveElectronicConductivity),
                ["electrolyte_connected_share"] = Stat(p => p.ElectrolytePercolatingFraction), ["active_connected_share"] = Stat(p => p.ActivePercolatingFraction),
                ["accessible_active_fraction"] = Stat(p => p.AccessibleActiveFraction), ["contact_area_per_volume_per_m"] = Stat(p => p.ContactAreaPerVolume),
            });
        }
        var seeds = new JsonArray();
        foreach (var r in bySeed) seeds.Add(new JsonObject { ["optimum_fraction"] = r.Optimum.Argument, ["optimum_value"] = N(r.Optimum.Value), ["dominant_at_optimum"] = r.AtOptimum.Breakdown.Dominant });
        var list = new JsonArray();
        foreach (var f in files) list.Add(f);
        var s = tables.Settings;
        return new JsonObject
        {
            ["closed_form"] = closedForm is null ? null : JsonNode.Parse(RatioReport.Json(closedForm, objective, [])),
            ["microstructure"] = JsonNode.Parse(RatioReport.Json(mean, objective, [])),
            ["microstructure_by_seed"] = seeds,
            ["structures"] = new JsonObject
            {
                ["generator"] = s.Generator.ToString().ToLowerInvariant(), ["box_m"] = s.BoxEdge, ["voxel_size_m"] = s.VoxelSize, ["seeds"] = s.Seeds,
                ["computed"] = tables.Computed, ["reused"] = tables.Reused, ["compositions"] = samples,
            },
            ["seconds"] = new JsonObject { ["closed_form_search"] = timing.ClosedFormSearch.TotalSeconds, ["structures"] = timing.Structures.TotalSeconds, ["microstructure_searches"] = timing.MicrostructureSearches.TotalSeconds },
            ["files"] = list,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static (double Mean, double Std) Spread(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double m = v.Average();
        return (m, v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Length - 1)) : 0);
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    private static JsonNode? N(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
}
