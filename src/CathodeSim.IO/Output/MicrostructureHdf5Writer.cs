using System.Globalization;
using CathodeSim.Analysis.Microstructure;
using CathodeSim.Model.Microstructure.Structures;
using PureHDF;

namespace CathodeSim.IO.Output;

/// <summary>
/// Writes <c>&lt;stem&gt;_microstructure.h5</c>: <c>/phases</c>, the voxel labels as a uint8 dataset of shape (Nz, Ny, Nx)
/// (C order: x varies fastest, z = 0 at the current collector, z = Nz - 1 at the separator; 0 void, 1 NCM, 2 electrolyte),
/// and <c>/properties</c>, one scalar dataset per computed property with its unit in a <c>units</c> attribute. Root
/// attributes describe the box, the recipe, the generator and the solves.
/// </summary>
public static class MicrostructureHdf5Writer
{
    /// <summary>Writes the file atomically and returns its path.</summary>
    /// <param name="path">Target file.</param>
    /// <param name="result">The computed structure.</param>
    /// <param name="configPath">The config it came from (an attribute).</param>
    /// <param name="device">Where the conductivity solves ran (an attribute).</param>
    public static string Write(string path, MicrostructureResult result, string configPath, string device)
    {
        ArgumentNullException.ThrowIfNull(result);
        var grid = result.Structure.Grid;
        var recipe = result.Request.Recipe;
        var p = result.Properties;
        var properties = new H5Group();
        foreach (var (name, value, unit) in Quantities(result)) properties[name] = Hdf5Metadata.Dataset(value, unit, Descriptions[name]);

        var file = new H5File
        {
            // The grid's flat array is x fastest, then y, then z: exactly C order for shape (Nz, Ny, Nx).
            ["phases"] = new H5Dataset(grid.Phases, fileDims: [(ulong)grid.Nz, (ulong)grid.Ny, (ulong)grid.Nx])
            {
                Attributes = new()
                {
                    [Hdf5Metadata.UnitsAttribute] = Hdf5Metadata.Dimensionless,
                    [Hdf5Metadata.DescriptionAttribute] = "phase label of each voxel (see the labels attribute)",
                    ["dimensions"] = "z, y, x (z = 0 at the current collector, z = Nz - 1 at the separator; x, y in-plane, periodic)",
                    ["labels"] = $"{(int)CompositePhase.Void} void, {(int)CompositePhase.Active} NCM, {(int)CompositePhase.Electrolyte} electrolyte",
                    ["voxel_size_m"] = grid.VoxelSize,
                },
            },
            ["properties"] = properties,
        };
        file.Attributes = Hdf5Metadata.AddProvenance(new Dictionary<string, object>
        {
            ["config_path"] = configPath,
            ["generator"] = result.Request.Generator.ToString().ToLowerInvariant(),
            ["seed"] = (long)recipe.Seed,
            ["device"] = device,
            ["voxel_size_m"] = grid.VoxelSize,
            ["nx"] = grid.Nx,
            ["ny"] = grid.Ny,
            ["nz"] = grid.Nz,
            ["box_edge_m"] = recipe.InPlaneLength,
            ["thickness_m"] = recipe.Thickness,
            ["recipe_active_volume_fraction"] = recipe.ActiveVolumeFraction,
            ["recipe_electrolyte_volume_fraction"] = recipe.ElectrolyteVolumeFraction,
            ["electrolyte_conductivity_S_per_m"] = result.Request.ElectrolyteConductivity,
            ["active_conductivity_S_per_m"] = result.Request.ActiveConductivity,
            ["ionic_iterations"] = result.Ionic.Iterations,
            ["electronic_iterations"] = result.Electronic.Iterations,
            // 0/1: HDF5 has no boolean type and readers disagree on how to decode one.
            ["solves_converged"] = result.Ionic.Converged && result.Electronic.Converged ? 1 : 0,
            ["tortuosity_note"] = "an infinite tortuosity factor (the phase does not span the thickness) is stored as +inf",
            ["created_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["voxels"] = p.Voxels,
        }, programVersion: null, DateTimeOffset.UtcNow, config: null);
        AtomicFile.Write(path, temp => file.Write(temp));
        return path;
    }

    /// <summary>The properties written, SI, with their units (a dimensionless value has unit "1").</summary>
    public static IReadOnlyList<(string Name, double Value, string Unit)> Quantities(MicrostructureResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var p = result.Properties;
        return
        [
            ("active_volume_fraction", p.ActiveVolumeFraction, "1"),
            ("electrolyte_volume_fraction", p.ElectrolyteVolumeFraction, "1"),
            ("void_fraction", p.VoidFraction, "1"),
            ("effective_ionic_conductivity", p.EffectiveIonicConductivity, "S/m"),
            ("effective_electronic_conductivity", p.EffectiveElectronicConductivity, "S/m"),
            ("ionic_tortuosity_factor", p.IonicTortuosityFactor, "1"),
            ("electronic_tortuosity_factor", p.ElectronicTortuosityFactor, "1"),
            ("accessible_active_fraction", p.AccessibleActiveFraction, "1"),
            ("active_percolating_fraction", p.ActivePercolatingFraction, "1"),
            ("electrolyte_percolating_fraction", p.ElectrolytePercolatingFraction, "1"),
            ("contact_area_per_volume", p.ContactAreaPerVolume, "1/m"),
            ("wall_time", result.WallTime.TotalSeconds, "s"),
        ];
    }

    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["active_volume_fraction"] = "volume fraction of NCM voxels",
        ["electrolyte_volume_fraction"] = "volume fraction of solid electrolyte voxels",
        ["void_fraction"] = "volume fraction of void voxels",
        ["effective_ionic_conductivity"] = "effective ionic conductivity through the thickness",
        ["effective_electronic_conductivity"] = "effective electronic conductivity through the thickness",
        ["ionic_tortuosity_factor"] = "ionic tortuosity factor (+inf where the electrolyte does not span the thickness)",
        ["electronic_tortuosity_factor"] = "electronic tortuosity factor (+inf where the NCM does not span the thickness)",
        ["accessible_active_fraction"] = "share of the NCM volume in particles connected to the collector that touch separator-connected electrolyte",
        ["active_percolating_fraction"] = "share of the NCM volume in clusters that touch the current collector",
        ["electrolyte_percolating_fraction"] = "share of the electrolyte volume in clusters that touch the separator",
        ["contact_area_per_volume"] = "NCM/electrolyte interface area per box volume",
        ["wall_time"] = "wall-clock time of the computation",
    };
}
