using System.Globalization;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Microstructure;
using Spectre.Console;

namespace CathodeSim.Cli.Reporting;

/// <summary>A computed microstructure as a console table for people and as JSON for scripts (the same numbers, SI).</summary>
internal static class MicrostructureReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Said wherever a tortuosity factor is null in JSON or "inf" in the table.</summary>
    public const string InfiniteTortuosityNote = "a null (JSON) or inf (table) tortuosity factor means the phase does not span the thickness: infinite tortuosity, zero effective conductivity";

    /// <summary>The properties with units, then what was solved and the files.</summary>
    public static void Render(IAnsiConsole console, string name, MicrostructureResult result, string device, IReadOnlyList<string> files)
    {
        var p = result.Properties;
        var grid = result.Structure.Grid;
        var table = new Table().Title(Markup.Escape(
            $"{name}: {Describe(result)}, {result.Request.Generator.ToString().ToLowerInvariant()}, seed {result.Request.Recipe.Seed}"));
        table.AddColumn("property");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddColumn("unit");
        void Row(string property, string value, string unit) => table.AddRow(Markup.Escape(property), value, Markup.Escape(unit));
        Row("NCM volume fraction", p.ActiveVolumeFraction.ToString("F4", Inv), "-");
        Row("electrolyte volume fraction", p.ElectrolyteVolumeFraction.ToString("F4", Inv), "-");
        Row("void fraction", p.VoidFraction.ToString("F4", Inv), "-");
        Row("effective ionic conductivity", (p.EffectiveIonicConductivity * 10).ToString("G4", Inv), "mS/cm");
        Row("effective electronic conductivity", (p.EffectiveElectronicConductivity * 10).ToString("G4", Inv), "mS/cm");
        Row("ionic tortuosity factor", Tau(p.IonicTortuosityFactor), "-");
        Row("electronic tortuosity factor", Tau(p.ElectronicTortuosityFactor), "-");
        Row("accessible NCM (both networks)", p.AccessibleActiveFraction.ToString("F4", Inv), "of NCM");
        Row("NCM connected to the collector", p.ActivePercolatingFraction.ToString("F4", Inv), "of NCM");
        Row("electrolyte connected to the separator", p.ElectrolytePercolatingFraction.ToString("F4", Inv), "of electrolyte");
        Row("NCM | electrolyte contact area", (p.ContactAreaPerVolume * 1e-6).ToString("G4", Inv), "um^2/um^3");
        Row("voxels", $"{grid.Nx} x {grid.Ny} x {grid.Nz} = {p.Voxels.ToString("N0", Inv)}", $"of {(grid.VoxelSize * 1e6).ToString("G4", Inv)} um");
        Row("wall time", result.WallTime.TotalSeconds.ToString("F1", Inv), "s");
        console.Write(table);
        console.MarkupLineInterpolated(
            $"bulk conductivities: electrolyte {result.Request.ElectrolyteConductivity * 10:G4} mS/cm, NCM {result.Request.ActiveConductivity * 10:G4} mS/cm; solves on {device}: ionic {result.Ionic.Iterations} iterations, electronic {result.Electronic.Iterations} iterations");
        if (!result.Ionic.Converged || !result.Electronic.Converged)
            console.MarkupLine("[yellow]warning:[/] a conductivity solve did not reach its tolerance; its value is the last iterate");
        if (double.IsPositiveInfinity(p.IonicTortuosityFactor) || double.IsPositiveInfinity(p.ElectronicTortuosityFactor))
            console.MarkupLineInterpolated($"note: {InfiniteTortuosityNote}");
        foreach (var f in files) console.MarkupLineInterpolated($"wrote [green]{f}[/]");
    }

    /// <summary>The box in words: 30 x 30 x 21.9 um, 120 x 120 x 88 voxels of 0.25 um.</summary>
    public static string Describe(MicrostructureResult result)
    {
        var grid = result.Structure.Grid;
        var recipe = result.Request.Recipe;
        return $"{(recipe.InPlaneLength * 1e6).ToString("G4", Inv)} x {(recipe.InPlaneLength * 1e6).ToString("G4", Inv)} x {(recipe.Thickness * 1e6).ToString("G4", Inv)} um, " +
               $"{grid.Nx} x {grid.Ny} x {grid.Nz} voxels of {(grid.VoxelSize * 1e6).ToString("G4", Inv)} um";
    }

    /// <summary>The properties as JSON, SI units in the key names; an infinite tortuosity factor is null.</summary>
    public static JsonObject Json(string name, string configPath, MicrostructureResult result, string device, IReadOnlyList<string> files)
    {
        var p = result.Properties;
        var grid = result.Structure.Grid;
        var recipe = result.Request.Recipe;
        bool infinite = double.IsPositiveInfinity(p.IonicTortuosityFactor) || double.IsPositiveInfinity(p.ElectronicTortuosityFactor);
        var root = new JsonObject
        {
            ["name"] = name,
            ["config"] = configPath,
            ["active_volume_fraction"] = p.ActiveVolumeFraction,
            ["electrolyte_volume_fraction"] = p.ElectrolyteVolumeFraction,
            ["void_fraction"] = p.VoidFraction,
            ["effective_ionic_conductivity_S_per_m"] = p.EffectiveIonicConductivity,
            ["effective_electronic_conductivity_S_per_m"] = p.EffectiveElectronicConductivity,
            ["ionic_tortuosity_factor"] = Finite(p.IonicTortuosityFactor),
            ["electronic_tortuosity_factor"] = Finite(p.ElectronicTortuosityFactor),
            ["accessible_active_fraction"] = p.AccessibleActiveFraction,
            ["active_percolating_fraction"] = p.ActivePercolatingFraction,
            ["electrolyte_percolating_fraction"] = p.ElectrolytePercolatingFraction,
            ["contact_area_per_volume_per_m"] = p.ContactAreaPerVolume,
            ["voxels"] = p.Voxels,
            ["wall_time_s"] = result.WallTime.TotalSeconds,
            ["grid"] = new JsonArray(grid.Nx, grid.Ny, grid.Nz),
            ["voxel_size_m"] = grid.VoxelSize,
            ["box_edge_m"] = recipe.InPlaneLength,
            ["thickness_m"] = recipe.Thickness,
            ["seed"] = recipe.Seed,
            ["generator"] = result.Request.Generator.ToString().ToLowerInvariant(),
            ["device"] = device,
            ["electrolyte_conductivity_S_per_m"] = result.Request.ElectrolyteConductivity,
            ["active_conductivity_S_per_m"] = result.Request.ActiveConductivity,
            ["ionic_iterations"] = result.Ionic.Iterations,
            ["electronic_iterations"] = result.Electronic.Iterations,
            ["converged"] = result.Ionic.Converged && result.Electronic.Converged,
            ["files"] = new JsonArray(files.Select(f => (JsonNode?)f).ToArray()),
        };
        if (result.Packing is { } packing)
        {
            root["particles"] = packing.ParticleCount;
            root["active_inflation"] = packing.ActiveInflation;
            root["electrolyte_inflation"] = packing.ElectrolyteInflation;
        }
        if (infinite) root["tortuosity_note"] = InfiniteTortuosityNote;
        return root;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string Tau(double value) => double.IsFinite(value) ? value.ToString("F3", Inv) : "inf";
}
