using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CathodeSim.Analysis.Microstructure;
using CathodeSim.Cli.Reporting;
using CathodeSim.Gpu;
using CathodeSim.IO.Config;
using CathodeSim.IO.Output;
using CathodeSim.IO.Units;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>
/// `cathodesim microstructure CONFIG`: builds the 3D composite the config describes (or the one the options change it to),
/// voxelises and analyses it, solves ionic and electronic transport through the thickness, and writes the voxels and the
/// properties (HDF5) and three slices (PNG). A shell over <see cref="MicrostructureSetup"/> and <see cref="MicrostructureComputation"/>.
/// </summary>
internal static class MicrostructureCommand
{
    public static Command Create(CliContext context)
    {
        var config = CommonOptions.Config();
        var generator = new Option<string>("--generator")
        {
            Description = "packed: collective rearrangement, then pressed to the recipe's fractions (default); boolean: independent overlapping spheres (a check).",
            DefaultValueFactory = _ => "packed",
            HelpName = "packed|boolean",
        };
        var activeFraction = new Option<double?>("--active-volume-fraction")
        {
            Description = "NCM share of the box volume, in [0, 1); the electrolyte takes the rest but the voids. Default: from the config's masses and densities.",
            HelpName = "F",
        };
        var voidFraction = new Option<double?>("--void-fraction")
        {
            Description = "Void share of the box volume, in [0, 1). Default: the config's cell.cathode.void_fraction.",
            HelpName = "F",
        };
        var voxels = new Option<int?>("--voxels")
        {
            Description = $"Voxels along the in-plane edge (voxel size = edge / N). Default: the finer of D50_NCM / {MicrostructureSetup.VoxelsPerActiveMedianDiameter:G} and D_SE / {MicrostructureSetup.VoxelsPerElectrolyteDiameter:G}.",
            HelpName = "N",
        };
        var boxEdge = new Option<string?>("--box-edge")
        {
            Description = $"In-plane edge of the (periodic) box, with its unit, e.g. \"20 um\". Default: the larger of {MicrostructureSetup.MinimumDefaultBoxEdge * 1e6:G} um and {MicrostructureSetup.BoxEdgeInLargestDiameters:G} largest particle diameters. The thickness is the config's cathode thickness.",
            HelpName = "LENGTH",
        };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the random structure (default 1): the same seed gives the same structure bit for bit.", HelpName = "S" };
        var device = CommonOptions.Device();
        device.Description = "Where the conductivity solves run: cpu (plain C#, all cores), gpu (CUDA through ILGPU), auto, ilgpu-cpu (the GPU kernels on ILGPU's CPU accelerator, a check).";
        var output = CommonOptions.Output();
        var json = CommonOptions.Json();
        var set = CommonOptions.Set();
        var command = new Command("microstructure", """
            Build the 3D composite cathode the config describes (NCM particles, solid electrolyte, voids; the volume
            fractions and thickness from the masses and densities, the NCM size distribution, electrolyte spheres of
            cell.cathode.electrolyte_particle_size), voxelise it, find its clusters and contacts, and solve ionic (through
            the electrolyte) and electronic (through the NCM) conduction through the thickness. Print the effective
            conductivities, tortuosity factors, accessible NCM, percolating shares and NCM | electrolyte contact area;
            write <name>_microstructure.h5 (the voxel phases, z-y-x, and the properties) and <name>_slices.png.
            Progress goes to stderr, one line per stage.

            Example:
              cathodesim microstructure configs/b-ncm-65.yaml --seed 2 --output out/micro
              cathodesim microstructure configs/b-ncm-65.yaml --active-volume-fraction 0.5 --voxels 80 --box-edge "20 um" --json
            """)
        {
            config, generator, activeFraction, voidFraction, voxels, boxEdge, seed, device, output, json, set,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(config)!, parse.GetValue(generator)!, parse.GetValue(activeFraction),
            parse.GetValue(voidFraction), parse.GetValue(voxels), parse.GetValue(boxEdge), parse.GetValue(seed), parse.GetValue(device)!,
            parse.GetValue(output), parse.GetValue(json), parse.GetValue(set) ?? []));
        return command;
    }

    private static ExitCode Execute(CliContext context, string configPath, string generatorName, double? activeFraction, double? voidFraction,
        int? voxels, string? boxEdgeText, ulong? seed, string deviceName, string? outputDirectory, bool json, IReadOnlyList<string> overrides)
    {
        LoadedConfig loaded;
        MicrostructureRequest request;
        try
        {
            var overridesFromOptions = ParseOptions(generatorName, activeFraction, voidFraction, voxels, boxEdgeText, seed);
            loaded = ConfigLoader.Load(configPath, overrides);
            request = MicrostructureSetup.From(loaded.Setup.Design, loaded.Setup.Temperature, overridesFromOptions);
        }
        catch (Exception e) when (e is ConfigException or ArgumentException or FormatException or UnitFormatException)
        {
            context.Error.WriteLine($"error: {Message(e)}");
            return ExitCode.BadInput;
        }

        DeviceChoice choice;
        try { choice = DeviceSelection.Select(deviceName); }
        catch (Exception e) when (e is DeviceUnavailableException or ArgumentException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }

        string name = loaded.Setup.Name;
        var recipe = request.Recipe;
        var clock = Stopwatch.StartNew();
        // Plain short lines: they stay one line each in a job log (the progress console wraps at 80 columns there).
        // Where stderr is a log, a stage that runs long (a voxel solve) is also shown alive every few seconds.
        using var lines = ProgressLines.Start(context, "microstructure");
        void Progress(string message)
        {
            lines.Update(message);
            context.Progress.Profile.Out.Writer.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {message}");
        }
        MicrostructureResult result;
        string device;
        using (choice)
        {
            var solver = choice.CreateVoxelConductivitySolver();
            device = solver.Name;
            Progress($"{name}: {recipe.InPlaneLength * 1e6:G4} x {recipe.InPlaneLength * 1e6:G4} x {recipe.Thickness * 1e6:G4} um, voxels of {request.VoxelSize * 1e6:G4} um, seed {recipe.Seed}");
            Progress($"NCM {recipe.ActiveVolumeFraction:F3}, electrolyte {recipe.ElectrolyteVolumeFraction:F3}, void {recipe.VoidFraction:F3}; solves on {device}");
            try
            {
                result = MicrostructureComputation.Compute(request, solver, new SynchronousProgress<string>(Progress), context.Cancellation);
            }
            catch (ArgumentException e)
            {
                // The generators check what the recipe asks against the box (no voids for a Boolean model, a box too small to hold a particle).
                context.Error.WriteLine($"error: {Message(e)}");
                return ExitCode.BadInput;
            }
            catch (OperationCanceledException)
            {
                context.Error.WriteLine("cancelled: nothing was written.");
                return ExitCode.Cancelled;
            }
            finally
            {
                (solver as IDisposable)?.Dispose();
            }
        }
        Progress($"computed in {result.WallTime.TotalSeconds:F1} s; writing files");

        string directory = Path.GetFullPath(outputDirectory ?? loaded.OutputDirectory ?? "out");
        if (!OutputFiles.TryWrite(context, directory, staging =>
            [
                MicrostructureHdf5Writer.Write(Path.Combine(staging, $"{name}_microstructure.h5"), result, loaded.SourcePath, device),
                MicrostructureSlicesPlot.Write(Path.Combine(staging, $"{name}_slices.png"), result.Structure.Grid, name),
            ], out var files))
            return ExitCode.Failure;

        if (json) context.Out.WriteLine(MicrostructureReport.Json(name, loaded.SourcePath, result, device, files).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        else MicrostructureReport.Render(context.Human, name, result, device, files);
        return ExitCode.Success;
    }

    /// <summary>The message without .NET's " (Parameter 'name')" suffix, which names a C# parameter, not anything the user typed.</summary>
    private static string Message(Exception e) =>
        e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;

    /// <summary>The options as overrides, each checked with a message naming it.</summary>
    /// <exception cref="ArgumentException">An option out of range.</exception>
    internal static MicrostructureOverrides ParseOptions(string generatorName, double? activeFraction, double? voidFraction, int? voxels,
        string? boxEdgeText, ulong? seed)
    {
        var generator = generatorName.Trim().ToLowerInvariant() switch
        {
            "packed" => StructureGenerator.Packed,
            "boolean" => StructureGenerator.Boolean,
            _ => throw new ArgumentException($"--generator: expected packed or boolean, got '{generatorName}'"),
        };
        if (activeFraction is double f && !(f >= 0 && f < 1))
            throw new ArgumentException($"--active-volume-fraction: expected a volume fraction in [0, 1), got {f.ToString(CultureInfo.InvariantCulture)}");
        if (voidFraction is double v && !(v >= 0 && v < 1))
            throw new ArgumentException($"--void-fraction: expected a volume fraction in [0, 1), got {v.ToString(CultureInfo.InvariantCulture)}");
        if (activeFraction is double a && voidFraction is double w && a + w > 1)
            throw new ArgumentException($"--active-volume-fraction ({a.ToString(CultureInfo.InvariantCulture)}) and --void-fraction ({w.ToString(CultureInfo.InvariantCulture)}) add up to more than 1");
        if (voxels is int n && n < 2)
            throw new ArgumentException($"--voxels: expected at least 2 voxels along the in-plane edge, got {n}");
        double? edge = null;
        if (boxEdgeText is not null)
        {
            try { edge = UnitParser.ToSi(boxEdgeText, QuantityKind.Length); }
            catch (UnitFormatException e) { throw new ArgumentException($"--box-edge: {e.Message}"); }
            if (!(edge > 0)) throw new ArgumentException($"--box-edge: expected a positive length such as \"20 um\", got '{boxEdgeText}'");
        }
        return new MicrostructureOverrides(activeFraction, voidFraction, voxels, edge, seed, generator);
    }
}
